import Foundation

/// The snapshot, `snapshot.json`: pretty-printed JSON with sorted keys, written only by this code in this layout:
///
///     {
///       "checksum" : "crc32:1a2b3c4d",
///       "format" : "cxzy-store-snapshot",
///       "schema" : 2,
///       "seq" : 120,
///       "state" : {
///         …
///       }
///     }
///
/// `seq` is the last journal sequence the state includes. `checksum` is the CRC-32 of the ASCII text
/// `"<schema>:<seq>:"` followed by the exact bytes of the `state` value as written (from its first byte to the
/// byte before the final `\n}\n`), so an edit that still parses as JSON — even to `schema` or `seq` — is caught.
/// "state" sorts last, so the layout is also what `JSONEncoder` with `.sortedKeys` would produce.
enum SnapshotFormat {
    static let formatName = "cxzy-store-snapshot"
    static let stateMarker = Array("\n  \"state\" : ".utf8)
    static let tail = Array("\n}\n".utf8)

    struct Header: Codable, Sendable, Equatable {
        var checksum: String
        var format: String
        var schema: Int
        var seq: UInt64
    }

    struct Parsed: Sendable {
        var header: Header
        /// The state's bytes, as indices into the parsed data.
        var state: Range<Int>
        /// The 1-based line and the byte offset where the state starts.
        var stateLine: Int
        var stateOffset: Int
    }

    /// `prettyState` is the state encoded by `JSONEncoder` with `[.prettyPrinted, .sortedKeys]`.
    static func encode(prettyState: Data, schema: Int, seq: UInt64) -> Data {
        let head = Array("{\n  \"checksum\" : \"crc32:".utf8)
        let headRest = Array(
            "\",\n  \"format\" : \"\(formatName)\",\n  \"schema\" : \(schema),\n  \"seq\" : \(seq),".utf8)
        var file = Data(capacity: prettyState.count + prettyState.count / 4 + 160)
        file.append(contentsOf: head)
        let checksumAt = file.count
        file.append(contentsOf: Array("00000000".utf8))
        file.append(contentsOf: headRest)
        file.append(contentsOf: stateMarker)
        let stateStart = file.count
        // Indent by one level so the file reads as one document.
        prettyState.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            var position = 0
            while position < raw.count {
                guard let hit = memchr(base + position, Int32(UInt8(ascii: "\n")), raw.count - position) else {
                    file.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position...]))
                    break
                }
                let end = UnsafeRawPointer(hit) - base + 1
                file.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[position..<end]))
                file.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: " ")])
                position = end
            }
        }
        var crc = Array("\(schema):\(seq):".utf8).withUnsafeBytes { CRC32.update(0, $0) }
        crc = file.withUnsafeBytes { CRC32.update(crc, UnsafeRawBufferPointer(rebasing: $0[stateStart...])) }
        file.replaceSubrange(checksumAt..<(checksumAt + 8), with: Array(CRC32.hex(crc).utf8))
        file.append(contentsOf: tail)
        return file
    }

    /// Checks layout and checksum. Any problem throws `.damaged` naming `file`.
    static func parse(_ data: Data, file: String) throws -> Parsed {
        try data.withUnsafeBytes { try parse(raw: $0, file: file) }
    }

    /// `checked` is told how far the checksum has read, every few megabytes (a mapped file drops those pages).
    static func parse(raw: UnsafeRawBufferPointer, file: String, checked: (Int) -> Void = { _ in }) throws -> Parsed {
        do {
            let searchEnd = min(raw.count, 4096)
            var markerStart: Int?
            if searchEnd >= stateMarker.count {
                search: for start in 0...(searchEnd - stateMarker.count) {
                    for (i, byte) in stateMarker.enumerated() where raw[start + i] != byte { continue search }
                    markerStart = start
                    break
                }
            }
            guard let markerStart else {
                throw StoreError.damaged(
                    file: file, line: 1, offset: 0,
                    reason: "not a store snapshot in the expected layout (no \"state\" member after the header)")
            }
            let stateOffset = markerStart + stateMarker.count
            let stateLine = 2 + raw[0..<markerStart].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            var headerBytes = Array(raw[0..<stateOffset])
            headerBytes += Array("null\n}".utf8)
            let header: Header
            do {
                header = try JSONDecoder().decode(Header.self, from: Data(headerBytes))
            } catch {
                throw StoreError.damaged(
                    file: file, line: 1, offset: 0, reason: "the snapshot header does not parse: \(describe(error))")
            }
            guard header.format == formatName else {
                throw StoreError.damaged(file: file, line: 1, offset: 0, reason: "unknown format \"\(header.format)\"")
            }
            let tailStart = raw.count - tail.count
            guard tailStart >= stateOffset, Array(raw[tailStart...]) == tail else {
                throw StoreError.damaged(
                    file: file, line: stateLine, offset: stateOffset,
                    reason: "the file does not end as written (cut short or appended to)")
            }
            guard header.checksum.hasPrefix("crc32:"),
                let stored = CRC32.parseHex(Array(header.checksum.utf8.dropFirst(6)))
            else {
                throw StoreError.damaged(
                    file: file, line: 2, offset: 0, reason: "malformed checksum \"\(header.checksum)\"")
            }
            var crc = Array("\(header.schema):\(header.seq):".utf8).withUnsafeBytes { CRC32.update(0, $0) }
            var position = stateOffset
            while position < tailStart {
                let end = min(tailStart, position + (8 << 20))
                crc = CRC32.update(crc, UnsafeRawBufferPointer(rebasing: raw[position..<end]))
                checked(end)
                position = end
            }
            guard crc == stored else {
                throw StoreError.damaged(
                    file: file, line: stateLine, offset: stateOffset,
                    reason:
                        "checksum mismatch (stored \(CRC32.hex(stored)), computed \(CRC32.hex(crc))): the state, schema or seq was changed after it was written"
                )
            }
            return Parsed(
                header: header, state: stateOffset..<tailStart, stateLine: stateLine, stateOffset: stateOffset)
        }
    }
}

/// A short, single-line account of a Codable error for operators.
func describe(_ error: any Error) -> String {
    func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case let DecodingError.dataCorrupted(context):
        return "invalid data at \(path(context.codingPath)): \(context.debugDescription)"
    case let DecodingError.keyNotFound(key, context):
        return "missing key \"\(key.stringValue)\" at \(path(context.codingPath))"
    case let DecodingError.typeMismatch(type, context):
        return "expected \(type) at \(path(context.codingPath)): \(context.debugDescription)"
    case let DecodingError.valueNotFound(type, context):
        return "missing \(type) value at \(path(context.codingPath))"
    default:
        return String(describing: error)
    }
}
