import Foundation
import Logging

/// Installs snapshots and keeps the rotated backups.
enum SnapshotFiles {
    /// What is on disk now, for naming its backup when it is replaced.
    struct OnDisk: Sendable {
        var schema: Int
        var seq: UInt64
    }

    static func encode<State: Encodable>(
        _ state: State, schema: Int, seq: UInt64, userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> Data {
        let encoder = JSONEncoder()
        encoder.userInfo = userInfo
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return SnapshotFormat.encode(prettyState: try encoder.encode(state), schema: schema, seq: seq)
    }

    /// Temp file + fsync, hard-link the current snapshot and the journal after it into `backups/`, rename over,
    /// fsync the directory, then prune backups beyond `options.backupsToKeep` (a failed prune is only logged).
    /// `seq` is the sequence the new snapshot holds.
    static func install(
        _ bytes: Data, seq: UInt64, replacing previous: OnDisk?, layout: StoreLayout,
        options: StoreOptions, logger: Logger
    ) throws {
        try bytes.withUnsafeBytes { _ = try POSIX.writeNewFile(layout.snapshotTemp, $0) }
        if let previous {
            try StoreBackups.keepReplaced(previous, through: seq, layout: layout, options: options)
        }
        try POSIX.rename(layout.snapshotTemp, layout.snapshot)
        try POSIX.syncDirectory(layout.directory)
        StoreBackups.prune(layout: layout, keep: options.backupsToKeep, logger: logger)
    }

    /// Snapshot backup file names, oldest first (by the sequence in the name, then the name).
    static func backups(in layout: StoreLayout) -> [String] {
        StoreBackups.list(layout).filter { $0.kind == .snapshot }.map(\.file)
    }
}
