import FuzzDriver

/// libFuzzer's entry: one outer callback body. The scan must answer every body in linear time and, when it finds a
/// value, a non-empty base64 string no longer than the limit.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzWeComEnvelope(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if let value = WeComEnvelope.encrypt(bytes) {
        precondition(!value.isEmpty && value.utf8.count <= WeComEnvelope.maxEncrypt)
        precondition(value.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "<") })
    }
    return 0
}

@main
enum FuzzWeComEnvelopeMain {
    static func main() { FuzzDriver.run(fuzzWeComEnvelope) }
}
