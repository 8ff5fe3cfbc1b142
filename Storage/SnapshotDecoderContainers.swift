import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One member of an object: where its key's text lies (or the key, when it has escapes) and where its value starts.
struct SnapshotMember {
    var key: Range<Int>
    var escapedKey: String?
    var value: Int
}

extension SnapshotDecoder {
    typealias Member = SnapshotMember

    /// An object's members, found once; values are decoded where they lie.
    final class KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: SnapshotDecoder
        var members: [Member] = []
        /// Members are usually asked for in the order they are written: start looking after the last one found.
        private var hint = 0
        var codingPath: [any CodingKey] { [] }

        init(_ decoder: SnapshotDecoder, at start: Int) throws {
            self.decoder = decoder
            members.reserveCapacity(8)
            let s = decoder.scanner
            guard s.byte(start) == UInt8(ascii: "{") else { throw s.refuse(start, "expected an object") }
            var i = s.skipSpace(start + 1)
            if s.byte(i) == UInt8(ascii: "}") {
                decoder.ended(start, i + 1)
                return
            }
            while true {
                let keyStart = i + 1
                let (contentEnd, escaped, keyEnd) = try s.stringEnd(i)
                let escapedKey = escaped ? try s.string(i).0 : nil
                i = s.skipSpace(keyEnd)
                guard s.byte(i) == UInt8(ascii: ":") else { throw s.refuse(i, "expected :") }
                i = s.skipSpace(i + 1)
                members.append(Member(key: keyStart..<contentEnd, escapedKey: escapedKey, value: i))
                i = s.skipSpace(try s.skipValue(i))
                if s.byte(i) == UInt8(ascii: ",") {
                    i = s.skipSpace(i + 1)
                    continue
                }
                guard s.byte(i) == UInt8(ascii: "}") else { throw s.refuse(i, "expected , or }") }
                decoder.ended(start, i + 1)
                break
            }
        }

        private func matches(_ member: Member, _ key: String) -> Bool {
            if let escapedKey = member.escapedKey { return escapedKey == key }
            var key = key
            return key.withUTF8 { utf8 in
                utf8.count == member.key.count
                    && (utf8.count == 0
                        || memcmp(utf8.baseAddress!, decoder.scanner.base + member.key.lowerBound, utf8.count) == 0)
            }
        }

        private func find(_ key: Key) -> Member? {
            let name = key.stringValue
            let n = members.count
            for offset in 0..<n {
                let index = (hint + offset) % n
                if matches(members[index], name) {
                    hint = index + 1
                    return members[index]
                }
            }
            return nil
        }

        private func require(_ key: Key) throws -> Int {
            guard let member = find(key) else { throw decoder.scanner.refuse(0, "missing key \(key.stringValue)") }
            return member.value
        }

        var allKeys: [Key] {
            members.compactMap { member in
                let name =
                    member.escapedKey
                    ?? String(
                        decoding: UnsafeBufferPointer(
                            start: decoder.scanner.base + member.key.lowerBound, count: member.key.count), as: UTF8.self
                    )
                return Key(stringValue: name)
            }
        }

        func contains(_ key: Key) -> Bool { find(key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool { decoder.scanner.isNull(try require(key)) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try get(type, key) }

        private func get<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
            try decoder.value(T.self, at: try require(key))
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.bool(at: try require(key)) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.string(at: try require(key)) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.double(at: try require(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder.float(at: try require(key)) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
            try decoder.integer(Int.self, at: try require(key))
        }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
            try decoder.integer(Int8.self, at: try require(key))
        }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
            try decoder.integer(Int16.self, at: try require(key))
        }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
            try decoder.integer(Int32.self, at: try require(key))
        }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
            try decoder.integer(Int64.self, at: try require(key))
        }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
            try decoder.integer(UInt.self, at: try require(key))
        }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
            try decoder.integer(UInt8.self, at: try require(key))
        }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
            try decoder.integer(UInt16.self, at: try require(key))
        }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
            try decoder.integer(UInt32.self, at: try require(key))
        }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
            try decoder.integer(UInt64.self, at: try require(key))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            KeyedDecodingContainer(try KeyedContainer<NestedKey>(decoder, at: try require(key)))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try UnkeyedContainer(decoder, at: try require(key))
        }

        func superDecoder() throws -> any Decoder {
            throw decoder.scanner.refuse(0, "superDecoder is left to JSONDecoder")
        }
        func superDecoder(forKey key: Key) throws -> any Decoder { try superDecoder() }
    }

    /// An array, read element by element.
    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let decoder: SnapshotDecoder
        /// The next element's start, or the closing bracket.
        var next: Int
        let start: Int
        var currentIndex = 0
        var count: Int? { nil }
        var codingPath: [any CodingKey] { [] }

        init(_ decoder: SnapshotDecoder, at start: Int) throws {
            self.decoder = decoder
            self.start = start
            guard decoder.scanner.byte(start) == UInt8(ascii: "[") else {
                throw decoder.scanner.refuse(start, "expected an array")
            }
            next = decoder.scanner.skipSpace(start + 1)
        }

        var isAtEnd: Bool {
            guard decoder.scanner.byte(next) == UInt8(ascii: "]") else { return false }
            decoder.ended(start, next + 1)
            return true
        }

        private mutating func advance(past end: Int) throws {
            let s = decoder.scanner
            var i = s.skipSpace(end)
            if s.byte(i) == UInt8(ascii: ",") {
                i = s.skipSpace(i + 1)
            } else if s.byte(i) != UInt8(ascii: "]") {
                throw s.refuse(i, "expected , or ]")
            }
            next = i
            currentIndex += 1
        }

        private func element() throws -> Int {
            guard !isAtEnd, next < decoder.scanner.count else {
                throw decoder.scanner.refuse(next, "past the end of an array")
            }
            return next
        }

        mutating func decodeNil() throws -> Bool {
            let i = try element()
            guard decoder.scanner.isNull(i) else { return false }
            try advance(past: i + 4)
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try get(type) }

        private mutating func get<T: Decodable>(_ type: T.Type) throws -> T {
            let value = try decoder.value(T.self, at: try element())
            try advance(past: decoder.lastEnd)
            return value
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try get(type) }
        mutating func decode(_ type: String.Type) throws -> String { try get(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try get(type) }
        mutating func decode(_ type: Float.Type) throws -> Float { try get(type) }
        mutating func decode(_ type: Int.Type) throws -> Int { try get(type) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try get(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try get(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try get(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try get(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try get(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try get(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try get(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try get(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try get(type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            let i = try element()
            let container = try KeyedContainer<NestedKey>(decoder, at: i)
            try advance(past: decoder.lastObject.end)
            return KeyedDecodingContainer(container)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let i = try element()
            let container = try UnkeyedContainer(decoder, at: i)
            try advance(past: try decoder.scanner.skipValue(i))
            return container
        }

        mutating func superDecoder() throws -> any Decoder {
            throw decoder.scanner.refuse(0, "superDecoder is left to JSONDecoder")
        }
    }

    struct SingleValue: SingleValueDecodingContainer {
        let decoder: SnapshotDecoder
        let at: Int
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool { decoder.scanner.isNull(at) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try get(type) }

        private func get<T: Decodable>(_ type: T.Type) throws -> T { try decoder.value(T.self, at: at) }
        func decode(_ type: Bool.Type) throws -> Bool { try get(type) }
        func decode(_ type: String.Type) throws -> String { try get(type) }
        func decode(_ type: Double.Type) throws -> Double { try get(type) }
        func decode(_ type: Float.Type) throws -> Float { try get(type) }
        func decode(_ type: Int.Type) throws -> Int { try get(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try get(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try get(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try get(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try get(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try get(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try get(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try get(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try get(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try get(type) }
    }
}
