import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// GBK/GB18030 → String through the C library's iconv (Foundation on Linux has no GB18030 decoder).
enum GB18030 {
    static func decode(_ data: Data) -> String? {
        guard let cd = iconv_open("UTF-8", "GB18030"), cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = [CChar](repeating: 0, count: data.count)
        input.withUnsafeMutableBytes { _ = data.copyBytes(to: $0) }
        var output = [CChar](repeating: 0, count: data.count * 2 + 16)
        var inLeft = input.count
        var outLeft = output.count
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && inLeft == 0
            }
        }
        guard ok else { return nil }
        let produced = output.count - outLeft
        return String(decoding: output[..<produced].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
