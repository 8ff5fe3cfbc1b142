/// The outer body WeCom posts, read without an XML parser: the signature covers only the `Encrypt` value, so nothing
/// else of an unsigned body is worth reading, and a parser's costs (libxml2's attribute check is quadratic: 110,000
/// attributes took 2.4 s) must not be paid before the signature is checked. The scan is flat and linear: the body is
/// `<xml>…</xml>` (white space around it allowed) holding exactly one `<Encrypt>` element whose value is base64, in a
/// CDATA section or bare; anything else is refused.
package enum WeComEnvelope {
    /// The longest `Encrypt` value read (base64 of a callback's ciphertext; real ones are a few kilobytes).
    package static let maxEncrypt = 60 << 10

    private static let open = Array("<Encrypt>".utf8)
    private static let close = Array("</Encrypt>".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8)
    private static let cdataClose = Array("]]>".utf8)
    private static let root = Array("<xml>".utf8)
    private static let rootClose = Array("</xml>".utf8)

    /// The `Encrypt` value of an outer callback body; nil for anything that is not exactly such an envelope.
    package static func encrypt(_ body: some Collection<UInt8>) -> String? {
        let bytes = Array(body)
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard has(bytes, root, at: start), end - start >= root.count + rootClose.count,
            has(bytes, rootClose, at: end - rootClose.count)
        else { return nil }
        guard let first = find(open, in: bytes, from: start, to: end),
            find(open, in: bytes, from: first + open.count, to: end) == nil
        else { return nil }
        var value = first + open.count
        guard let closing = find(close, in: bytes, from: value, to: end),
            find(close, in: bytes, from: closing + close.count, to: end) == nil
        else { return nil }
        var valueEnd = closing
        if has(bytes, cdataOpen, at: value) {
            value += cdataOpen.count
            guard valueEnd - value >= cdataClose.count, has(bytes, cdataClose, at: valueEnd - cdataClose.count)
            else { return nil }
            valueEnd -= cdataClose.count
        }
        guard value < valueEnd, valueEnd - value <= maxEncrypt,
            bytes[value..<valueEnd].allSatisfy(isBase64)
        else { return nil }
        return String(decoding: bytes[value..<valueEnd], as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isBase64(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == 0x2B || byte == 0x2F || byte == 0x3D
    }

    private static func has(_ bytes: [UInt8], _ needle: [UInt8], at index: Int) -> Bool {
        index >= 0 && index + needle.count <= bytes.count && bytes[index..<(index + needle.count)].elementsEqual(needle)
    }

    /// The first index of `needle` in `bytes[from..<to]`; needles are short and distinct-first-byte, so this is
    /// linear in practice (at most `needle.count` comparisons per position).
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard let head = needle.first, to - from >= needle.count else { return nil }
        var index = from
        while index <= to - needle.count {
            if bytes[index] == head, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
