import Foundation
import Logging

/// Installs snapshots and keeps the rotated backups.
enum SnapshotFiles {
    /// What is on disk now, for naming its backup when it is replaced.
    struct OnDisk: Sendable {
        var schema: Int
        var seq: UInt64
    }

    static func encode<State: Encodable>(_ state: State, schema: Int, seq: UInt64) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return SnapshotFormat.encode(prettyState: try encoder.encode(state), schema: schema, seq: seq)
    }

    /// Temp file + fsync, hard-link the current snapshot into `backups/`, rename over, fsync the directory,
    /// then prune backups beyond `options.backupsToKeep` (a failed prune is only logged).
    static func install(_ bytes: Data, replacing previous: OnDisk?, layout: StoreLayout,
                        options: StoreOptions, logger: Logger) throws {
        try bytes.withUnsafeBytes { _ = try POSIX.writeNewFile(layout.snapshotTemp, $0) }
        if let previous, POSIX.exists(layout.snapshot), options.backupsToKeep > 0 {
            try backUp(previous, layout: layout, options: options)
        }
        try POSIX.rename(layout.snapshotTemp, layout.snapshot)
        try POSIX.syncDirectory(layout.directory)
        prune(layout: layout, keep: options.backupsToKeep, logger: logger)
    }

    private static func backUp(_ previous: OnDisk, layout: StoreLayout, options: StoreOptions) throws {
        if try POSIX.makeDirectory(layout.backups) { try POSIX.syncDirectory(layout.directory) }
        let stamp = POSIX.iso8601(options.now()).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        var name = "snapshot-seq\(previous.seq)-v\(previous.schema)-\(stamp).json"
        var attempt = 1
        while POSIX.exists(layout.backups + "/" + name) {
            attempt += 1
            name = "snapshot-seq\(previous.seq)-v\(previous.schema)-\(stamp)-\(attempt).json"
        }
        let target = layout.backups + "/" + name
        do {
            try POSIX.link(layout.snapshot, target)
        } catch {
            // Hard links can be unsupported (some network or FUSE file systems): copy instead.
            guard let data = try POSIX.readFile(layout.snapshot) else { return }
            try data.withUnsafeBytes { _ = try POSIX.writeNewFile(target, $0) }
        }
        try POSIX.syncDirectory(layout.backups)
    }

    /// Backup file names, oldest first (by the sequence in the name, then the name).
    static func backups(in layout: StoreLayout) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: layout.backups) else { return [] }
        return names
            .compactMap { name -> (UInt64, String)? in
                guard name.hasPrefix("snapshot-seq"), name.hasSuffix(".json") else { return nil }
                let digits = name.dropFirst("snapshot-seq".count).prefix { $0.isNumber }
                guard let seq = UInt64(digits) else { return nil }
                return (seq, name)
            }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map(\.1)
    }

    private static func prune(layout: StoreLayout, keep: Int, logger: Logger) {
        let all = backups(in: layout)
        guard all.count > keep else { return }
        do {
            for name in all.prefix(all.count - keep) { try POSIX.unlink(layout.backups + "/" + name) }
            try POSIX.syncDirectory(layout.backups)
        } catch {
            logger.warning("Could not prune old snapshot backups", metadata: ["error": "\(error)"])
        }
    }
}
