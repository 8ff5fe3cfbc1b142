import Foundation

/// Decoding what `Loader` read: the snapshot's state and the journal's entries, migrating older schema versions.
extension Loader {
    /// A mapped snapshot's state: read in place by `SnapshotDecoder` (no tree, pages dropped behind), else — an older
    /// version, a type it leaves alone, damage — by `JSONDecoder`, which also names what is wrong.
    static func decodeState(
        _ mapped: MappedFile, version: Int, parsed: SnapshotFormat.Parsed, file: String,
        userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) throws -> Schema.State {
        let range = parsed.state
        if version == Schema.currentVersion {
            let slice = UnsafeRawBufferPointer(rebasing: mapped.bytes[range])
            if let state = try? SnapshotDecoder.decode(
                Schema.State.self, from: slice, userInfo: userInfo,
                release: {
                    mapped.keepOnly(around: range.lowerBound + $0)
                })
            {
                return state
            }
        }
        return try decodeState(
            Data(mapped.bytes[range]), version: version, parsed: parsed, file: file, userInfo: userInfo)
    }

    static func decodeState(
        _ bytes: Data, version: Int, parsed: SnapshotFormat.Parsed, file: String,
        userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) throws -> Schema.State {
        let decoder = JSONDecoder()
        decoder.userInfo = userInfo
        if version == Schema.currentVersion {
            do {
                return try decoder.decode(Schema.State.self, from: bytes)
            } catch {
                throw StoreError.damaged(
                    file: file, line: parsed.stateLine, offset: parsed.stateOffset,
                    reason: "the state does not decode as schema version \(version): \(describe(error))")
            }
        }
        var json: JSONValue
        do {
            json = try decoder.decode(JSONValue.self, from: bytes)
        } catch {
            throw StoreError.damaged(
                file: file, line: parsed.stateLine, offset: parsed.stateOffset,
                reason: "the state is not valid JSON: \(describe(error))")
        }
        do {
            for step in version..<Schema.currentVersion {
                json = try Schema.migrate(state: json, from: step)
            }
            return try decoder.decode(Schema.State.self, from: JSONEncoder().encode(json))
        } catch {
            throw StoreError.migrationFailed(file: file, fromVersion: version, reason: describe(error))
        }
    }

    /// Decodes all entries' changes with one decoder call (opening is dominated by decoding); on failure,
    /// decodes entry by entry to name the line.
    static func decodeChanges(_ entries: [JournalFormat.Entry], in data: Data, version: Int, file: String)
        throws -> [[Schema.Change]]
    {
        var joined = Data()
        joined.reserveCapacity(entries.reduce(2) { $0 + $1.payload.count + 1 })
        joined.append(UInt8(ascii: "["))
        for (index, entry) in entries.enumerated() {
            if index > 0 { joined.append(UInt8(ascii: ",")) }
            joined.append(data[entry.payload])
        }
        joined.append(UInt8(ascii: "]"))
        let decoder = JSONDecoder()
        func locate(_ error: any Error, as type: (some Decodable).Type) -> StoreError {
            for entry in entries {
                do {
                    _ = try decoder.decode(type, from: data[entry.payload])
                } catch {
                    return .damaged(
                        file: file, line: entry.line, offset: entry.bytes.lowerBound,
                        reason:
                            "entry seq \(entry.seq) does not decode as schema version \(version): \(describe(error))")
                }
            }
            return .damaged(file: file, line: 1, offset: 0, reason: "the entries do not decode: \(describe(error))")
        }
        if version == Schema.currentVersion {
            do {
                return try decoder.decode([[Schema.Change]].self, from: joined)
            } catch {
                throw locate(error, as: [Schema.Change].self)
            }
        }
        let json: [[JSONValue]]
        do {
            json = try decoder.decode([[JSONValue]].self, from: joined)
        } catch {
            throw locate(error, as: [JSONValue].self)
        }
        do {
            return try decoder.decode(
                [[Schema.Change]].self, from: JSONEncoder().encode(json.map { try migrate($0, from: version) }))
        } catch {
            throw StoreError.migrationFailed(file: file, fromVersion: version, reason: describe(error))
        }
    }

    /// One entry's changes, written with schema `version` (recovery decodes entry by entry, from any journal).
    static func decodeEntry(_ payload: Data, version: Int) throws -> [Schema.Change] {
        let decoder = JSONDecoder()
        if version == Schema.currentVersion { return try decoder.decode([Schema.Change].self, from: payload) }
        let migrated = try migrate(decoder.decode([JSONValue].self, from: payload), from: version)
        return try decoder.decode([Schema.Change].self, from: JSONEncoder().encode(migrated))
    }

    private static func migrate(_ batch: [JSONValue], from version: Int) throws -> [JSONValue] {
        try batch.map { change in
            var change = change
            for step in version..<Schema.currentVersion { change = try Schema.migrate(change: change, from: step) }
            return change
        }
    }
}
