import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads JSON values at byte offsets of one buffer, without building a tree: what `SnapshotDecoder` stands on.
/// Anything it does not accept throws `JSONScanner.Refused`; the caller then falls back to `JSONDecoder`, which
/// gives the precise error.
struct JSONScanner {
    struct Refused: Error {
        var offset: Int
        var reason: String
    }

    let base: UnsafePointer<UInt8>
    let count: Int

    init(_ buffer: UnsafeRawBufferPointer) {
        // An empty buffer still needs a valid pointer; nothing is read from it.
        base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        count = buffer.count
    }

    @inline(__always) func byte(_ i: Int) -> UInt8 { i < count ? base[i] : 0 }

    func refuse(_ i: Int, _ reason: String) -> Refused { Refused(offset: i, reason: reason) }

    @inline(__always) func skipSpace(_ i: Int) -> Int {
        var i = i
        while i < count {
            let b = base[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { break }
            i += 1
        }
        return i
    }

    /// The end (one past the last byte) of the value starting at `i` (no leading space).
    func skipValue(_ i: Int) throws -> Int {
        switch byte(i) {
        case UInt8(ascii: "\""): return try stringEnd(i).end
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var j = i
            while j < count {
                let b = base[j]
                if b == UInt8(ascii: "\"") {
                    j = try stringEnd(j).end
                    continue
                }
                if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                    depth += 1
                } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return j + 1 }
                }
                j += 1
            }
            throw refuse(i, "unterminated container")
        default:
            var j = i
            while j < count {
                let b = base[j]
                if b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || b == 0x20 || b == 0x0A
                    || b == 0x0D || b == 0x09
                {
                    break
                }
                j += 1
            }
            guard j > i else { throw refuse(i, "expected a value") }
            return j
        }
    }

    /// A string at `i` (its opening quote): where its content ends, whether it has escapes, and the end.
    @inline(__always) func stringEnd(_ i: Int) throws -> (contentEnd: Int, escaped: Bool, end: Int) {
        guard byte(i) == UInt8(ascii: "\"") else { throw refuse(i, "expected a string") }
        var j = i + 1
        var escaped = false
        while j < count {
            let b = base[j]
            if b == UInt8(ascii: "\"") { return (j, escaped, j + 1) }
            if b == UInt8(ascii: "\\") {
                escaped = true
                j += 2
                continue
            }
            if b < 0x20 { throw refuse(j, "control character in a string") }
            j += 1
        }
        throw refuse(i, "unterminated string")
    }

    /// The string at `i` and its end.
    func string(_ i: Int) throws -> (String, Int) {
        let (contentEnd, escaped, end) = try stringEnd(i)
        let raw = UnsafeBufferPointer(start: base + i + 1, count: contentEnd - i - 1)
        if !escaped {
            // ASCII needs no validation; anything else must be valid UTF-8 (JSONDecoder refuses it too).
            var ascii = true
            for b in raw where b >= 0x80 {
                ascii = false
                break
            }
            if ascii { return (String(decoding: raw, as: UTF8.self), end) }
            guard let s = String(validating: raw, as: UTF8.self) else { throw refuse(i, "invalid UTF-8") }
            return (s, end)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var k = 0
        func hex4(_ at: Int) throws -> UInt32 {
            guard at + 4 <= raw.count else { throw refuse(i, "short \\u escape") }
            var v: UInt32 = 0
            for b in raw[at..<(at + 4)] {
                guard let d = hexDigit(b) else { throw refuse(i, "bad \\u escape") }
                v = v << 4 | d
            }
            return v
        }
        while k < raw.count {
            let b = raw[k]
            guard b == UInt8(ascii: "\\") else {
                bytes.append(b)
                k += 1
                continue
            }
            guard k + 1 < raw.count else { throw refuse(i, "bad escape") }
            let e = raw[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(k)
                k += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    guard k + 6 <= raw.count, raw[k] == UInt8(ascii: "\\"), raw[k + 1] == UInt8(ascii: "u") else {
                        throw refuse(i, "lone surrogate")
                    }
                    let low = try hex4(k + 2)
                    guard (0xDC00..<0xE000).contains(low) else { throw refuse(i, "lone surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    k += 6
                }
                guard let u = Unicode.Scalar(scalar) else { throw refuse(i, "invalid \\u escape") }
                bytes.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw refuse(i, "bad escape")
            }
        }
        guard let s = String(validating: bytes, as: UTF8.self) else { throw refuse(i, "invalid UTF-8") }
        return (s, end)
    }

    private func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// An integer literal (no fraction or exponent) at `i`, and its end.
    func integer(_ i: Int) throws -> (Int64, Int) {
        var j = i
        let negative = byte(j) == UInt8(ascii: "-")
        if negative { j += 1 }
        var value: Int64 = 0
        let digitsStart = j
        while j < count, base[j] >= UInt8(ascii: "0"), base[j] <= UInt8(ascii: "9") {
            let d = Int64(base[j] - UInt8(ascii: "0"))
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
            guard !o1, !o2 else { throw refuse(i, "integer out of range") }
            value = s
            j += 1
        }
        guard j > digitsStart else { throw refuse(i, "expected a number") }
        let next = byte(j)
        guard next != UInt8(ascii: "."), next != UInt8(ascii: "e"), next != UInt8(ascii: "E") else {
            throw refuse(i, "not an integer")
        }
        return (value, j)
    }

    /// A non-negative integer literal at `i`, and its end.
    func unsignedInteger(_ i: Int) throws -> (UInt64, Int) {
        var j = i
        var value: UInt64 = 0
        while j < count, base[j] >= UInt8(ascii: "0"), base[j] <= UInt8(ascii: "9") {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(base[j] - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw refuse(i, "integer out of range") }
            value = s
            j += 1
        }
        guard j > i else { throw refuse(i, "expected a number") }
        let next = byte(j)
        guard next != UInt8(ascii: "."), next != UInt8(ascii: "e"), next != UInt8(ascii: "E") else {
            throw refuse(i, "not an integer")
        }
        return (value, j)
    }

    /// Any number at `i` as a Double (strtod, as exact as JSONDecoder's), and its end.
    func double(_ i: Int) throws -> (Double, Int) {
        let end = try skipValue(i)
        guard end - i < 64 else { throw refuse(i, "number too long") }
        var text = [CChar](repeating: 0, count: end - i + 1)
        for k in i..<end { text[k - i] = CChar(bitPattern: base[k]) }
        var stop: UnsafeMutablePointer<CChar>?
        let value = text.withUnsafeMutableBufferPointer { buffer in strtod(buffer.baseAddress!, &stop) }
        let used = text.withUnsafeBufferPointer { buffer in stop.map { UnsafePointer($0) - buffer.baseAddress! } ?? 0 }
        guard used == end - i, value.isFinite else { throw refuse(i, "not a number") }
        return (value, end)
    }

    /// True when the literal at `i` is `null`.
    func isNull(_ i: Int) -> Bool {
        i + 4 <= count && base[i] == UInt8(ascii: "n") && base[i + 1] == UInt8(ascii: "u")
            && base[i + 2] == UInt8(ascii: "l")
            && base[i + 3] == UInt8(ascii: "l")
    }

    func bool(_ i: Int) throws -> (Bool, Int) {
        if i + 4 <= count, memcmp(base + i, "true", 4) == 0 { return (true, i + 4) }
        if i + 5 <= count, memcmp(base + i, "false", 5) == 0 { return (false, i + 5) }
        throw refuse(i, "expected true or false")
    }
}
