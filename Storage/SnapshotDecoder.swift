import Foundation

/// Decodes a `Decodable` value straight from JSON bytes, without the intermediate tree `JSONDecoder` builds (which
/// costs about 200 bytes per record of a large snapshot, more than the records themselves). It reads what
/// `JSONEncoder` with default strategies writes; anything else (or damage) throws, and the store then decodes
/// with `JSONDecoder` for the exact error. `release` is called as decoding advances, to drop pages already read.
final class SnapshotDecoder: Decoder {
    let scanner: JSONScanner
    /// Where the value to decode next starts.
    var position = 0
    /// The last object a keyed container read: its start and end, so the array holding it need not re-scan it.
    var lastObject = (start: -1, end: -1)
    /// Where each large container ended, by its start (a record's container is not large): a large value is never
    /// scanned a second time to find its end.
    private var largeEnds: [Int: Int] = [:]
    var codingPath: [any CodingKey] { [] }
    let userInfo: [CodingUserInfoKey: Any]
    private let release: (Int) -> Void
    private var sinceRelease = 0

    init(
        _ buffer: UnsafeRawBufferPointer, userInfo: [CodingUserInfoKey: any Sendable] = [:],
        release: @escaping (Int) -> Void = { _ in }
    ) {
        scanner = JSONScanner(buffer)
        self.userInfo = userInfo
        self.release = release
    }

    static func decode<T: Decodable>(
        _ type: T.Type, from buffer: UnsafeRawBufferPointer, userInfo: [CodingUserInfoKey: any Sendable] = [:],
        release: @escaping (Int) -> Void = { _ in }
    ) throws -> T {
        let decoder = SnapshotDecoder(buffer, userInfo: userInfo, release: release)
        let start = decoder.scanner.skipSpace(0)
        let value = try decoder.value(T.self, at: start)
        let end = decoder.lastEnd
        guard decoder.scanner.skipSpace(end) == buffer.count else {
            throw decoder.scanner.refuse(end, "trailing bytes")
        }
        return value
    }

    /// Where the last value `value(_:at:)` decoded ended.
    var lastEnd = 0

    /// Decodes the value at `i` (no leading space); its end is left in `lastEnd`.
    func value<T: Decodable>(_ type: T.Type, at i: Int) throws -> T {
        if let primitive = try primitive(T.self, at: i) { return primitive }
        // JSONDecoder reads these its own way (base64, a string, a decimal): leave them to it.
        if T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            throw scanner.refuse(i, "\(T.self) is left to JSONDecoder")
        }
        let saved = position
        position = i
        defer { position = saved }
        let value = try T(from: self)
        let end = lastObject.start == i ? lastObject.end : try largeEnds[i] ?? scanner.skipValue(i)
        sinceRelease += end - i
        if sinceRelease > 8 << 20 {
            sinceRelease = 0
            release(end)
        }
        lastEnd = end
        return value
    }

    /// A container found its end.
    func ended(_ start: Int, _ end: Int) {
        lastObject = (start, end)
        if end - start > 1 << 16 { largeEnds[start] = end }
    }

    /// Strings, numbers and booleans (which decode themselves through a single-value container, so they must stop
    /// here); nil for any other type. Compares metatypes, which is cheap, and converts only the type it found.
    func primitive<T>(_ type: T.Type, at i: Int) throws -> T? {
        if T.self == String.self { return unsafeBitCast(try string(at: i), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(try integer(Int.self, at: i), to: T.self) }
        if T.self == Int64.self { return unsafeBitCast(try integer(Int64.self, at: i), to: T.self) }
        if T.self == Bool.self { return unsafeBitCast(try bool(at: i), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(try double(at: i), to: T.self) }
        if T.self == Float.self { return unsafeBitCast(try float(at: i), to: T.self) }
        if T.self == Int8.self { return unsafeBitCast(try integer(Int8.self, at: i), to: T.self) }
        if T.self == Int16.self { return unsafeBitCast(try integer(Int16.self, at: i), to: T.self) }
        if T.self == Int32.self { return unsafeBitCast(try integer(Int32.self, at: i), to: T.self) }
        if T.self == UInt.self { return unsafeBitCast(try integer(UInt.self, at: i), to: T.self) }
        if T.self == UInt8.self { return unsafeBitCast(try integer(UInt8.self, at: i), to: T.self) }
        if T.self == UInt16.self { return unsafeBitCast(try integer(UInt16.self, at: i), to: T.self) }
        if T.self == UInt32.self { return unsafeBitCast(try integer(UInt32.self, at: i), to: T.self) }
        if T.self == UInt64.self { return unsafeBitCast(try integer(UInt64.self, at: i), to: T.self) }
        return nil
    }

    func string(at i: Int) throws -> String {
        let (value, end) = try scanner.string(i)
        lastEnd = end
        return value
    }

    func bool(at i: Int) throws -> Bool {
        let (value, end) = try scanner.bool(i)
        lastEnd = end
        return value
    }

    func double(at i: Int) throws -> Double {
        let (value, end) = try scanner.double(i)
        lastEnd = end
        return value
    }

    func float(at i: Int) throws -> Float {
        let d = try double(at: i)
        guard abs(d) <= Double(Float.greatestFiniteMagnitude) else { throw scanner.refuse(i, "out of Float range") }
        return Float(d)
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type, at i: Int) throws -> I {
        if !I.isSigned, scanner.byte(i) != UInt8(ascii: "-") {
            // Unsigned values above Int64.max (UInt64) are read as unsigned.
            let (value, end) = try scanner.unsignedInteger(i)
            guard let exact = I(exactly: value) else { throw scanner.refuse(i, "\(value) does not fit \(I.self)") }
            lastEnd = end
            return exact
        }
        let (value, end) = try scanner.integer(i)
        guard let exact = I(exactly: value) else { throw scanner.refuse(i, "\(value) does not fit \(I.self)") }
        lastEnd = end
        return exact
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try KeyedContainer<Key>(self, at: position))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedContainer(self, at: position)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValue(decoder: self, at: position) }
}
