import Foundation
import Logging

/// How a schema has the store forget part of its history (`JSONStore.compact(rewritingHistory:)`): after a fresh
/// snapshot and an empty journal, every retained backup is passed through these transforms and written again.
///
/// The store does not know what is forgotten or why; the schema does (e.g. who cast which anonymous vote).
public struct HistoryRewrite: Sendable {
    /// The state of a backup snapshot, given the newest snapshot's state; returns what the backup keeps.
    public var state: @Sendable (_ backup: JSONValue, _ newest: JSONValue) throws -> JSONValue
    /// One change of a backed-up journal line; nil drops it (a line whose changes are all dropped stays, empty,
    /// so sequence numbers stay contiguous).
    public var change: @Sendable (JSONValue) throws -> JSONValue?

    public init(
        state: @escaping @Sendable (_ backup: JSONValue, _ newest: JSONValue) throws -> JSONValue,
        change: @escaping @Sendable (JSONValue) throws -> JSONValue?
    ) {
        self.state = state
        self.change = change
    }
}

/// Writes every backup again through a `HistoryRewrite`: each file to a temp file beside it, fsync, rename over,
/// then fsync the directory. A backup that does not parse is deleted rather than kept unrewritten.
enum HistoryRewriter {
    static func rewrite(_ rewrite: HistoryRewrite, layout: StoreLayout, logger: Logger) throws {
        guard let newestData = try POSIX.readFile(layout.snapshot) else { return }
        let newest = try stateValue(of: newestData, file: layout.snapshot).value
        for name in StoreBackups.list(layout) {
            let path = layout.backups + "/" + name.file
            guard let data = try POSIX.readFile(path) else { continue }
            let rewritten: Data?
            switch name.kind {
            case .snapshot: rewritten = try? snapshot(data, file: path, newest: newest, rewrite: rewrite)
            case .journal: rewritten = try? journal(data, rewrite: rewrite)
            }
            guard let rewritten else {
                logger.warning(
                    "A backup that does not parse was deleted instead of rewritten", metadata: ["file": "\(path)"])
                try POSIX.unlink(path)
                continue
            }
            let temp = path + ".tmp"
            try rewritten.withUnsafeBytes { _ = try POSIX.writeNewFile(temp, $0) }
            try POSIX.rename(temp, path)
        }
        if POSIX.exists(layout.backups) { try POSIX.syncDirectory(layout.backups) }
    }

    /// Every retained backup as JSON, read only: each snapshot's state, and each journal line's changes (an array).
    /// A backup that does not parse is skipped.
    static func read(layout: StoreLayout) throws -> [JSONValue] {
        var values: [JSONValue] = []
        for name in StoreBackups.list(layout) {
            let path = layout.backups + "/" + name.file
            guard let data = try POSIX.readFile(path) else { continue }
            switch name.kind {
            case .snapshot:
                if let state = try? stateValue(of: data, file: path).value { values.append(state) }
            case .journal:
                for line in JournalFormat.lines(data) {
                    guard case .entry(let entry) = line,
                        let changes = try? JSONDecoder().decode(JSONValue.self, from: data.subdata(in: entry.payload))
                    else { continue }
                    values.append(changes)
                }
            }
        }
        return values
    }

    private static func stateValue(of data: Data, file: String) throws -> (
        value: JSONValue, header: SnapshotFormat.Header
    ) {
        let parsed = try SnapshotFormat.parse(data, file: file)
        return (try JSONDecoder().decode(JSONValue.self, from: data.subdata(in: parsed.state)), parsed.header)
    }

    private static func snapshot(_ data: Data, file: String, newest: JSONValue, rewrite: HistoryRewrite) throws -> Data
    {
        let (state, header) = try stateValue(of: data, file: file)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let pretty = try encoder.encode(try rewrite.state(state, newest))
        return SnapshotFormat.encode(prettyState: pretty, schema: header.schema, seq: header.seq)
    }

    /// Each intact line with its changes rewritten (same sequence number, new checksum); damaged lines are dropped.
    private static func journal(_ data: Data, rewrite: HistoryRewrite) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        for line in JournalFormat.lines(data) {
            guard case .entry(let entry) = line else { continue }
            guard
                case .array(let changes) = try JSONDecoder().decode(
                    JSONValue.self, from: data.subdata(in: entry.payload))
            else { continue }
            let kept = try changes.compactMap(rewrite.change)
            out.append(
                contentsOf: JournalFormat.line(
                    seq: entry.seq, payload: Array(try encoder.encode(JSONValue.array(kept)))))
        }
        return out
    }
}
