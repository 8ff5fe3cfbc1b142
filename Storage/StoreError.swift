#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who holds a store's lock, as written into `DIR/lock` once the holder finished loading.
public struct LockHolder: Codable, Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32
    public var host: String
    /// ISO 8601, UTC.
    public var since: String

    public init(pid: Int32, host: String, since: String) {
        self.pid = pid
        self.host = host
        self.since = since
    }

    public var description: String { "pid \(pid) on host \(host) since \(since)" }
}

/// Everything the store refuses, with enough detail for an operator to act on.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process (or another `JSONStore` in this process) holds `DIR/lock`.
    /// `holder` is nil when the holder has not finished opening yet.
    case locked(directory: String, holder: LockHolder?)
    /// A file is damaged. `line` is 1-based, `offset` is the 0-based byte offset where the damage starts.
    /// Nothing was written: fix or restore the file (see `backups/`) and start again.
    case damaged(file: String, line: Int, offset: Int, reason: String)
    /// The snapshot was written by a newer program (schema `found`); this program only knows up to `supported`.
    case futureVersion(file: String, found: Int, supported: Int)
    /// A migration step threw; nothing was written.
    case migrationFailed(file: String, fromVersion: Int, reason: String)
    /// A write or fsync failed earlier; the store accepts no more changes. Memory may be ahead of disk.
    case failed(directory: String, reason: String)
    /// `close()` was called.
    case closed(directory: String)
    /// The directory holds no store (only the inspector and `createIfMissing: false` report this).
    case notFound(directory: String)
    /// A system call failed.
    case io(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case let .locked(directory, holder?):
            return "The store at \(directory) is in use by \(holder) (see \(directory)/lock). Stop that process first; only one process may use a store."
        case let .locked(directory, nil):
            return "The store at \(directory) is in use by another process that is still opening it (see \(directory)/lock). Only one process may use a store."
        case let .damaged(file, line, offset, reason):
            return "Damaged store file \(file) at line \(line) (byte offset \(offset)): \(reason). Nothing was written. Repair or restore the file (older snapshots are in backups/) before starting again."
        case let .futureVersion(file, found, supported):
            return "\(file) was written with schema version \(found), but this program supports up to version \(supported). Run a newer program; nothing was written."
        case let .migrationFailed(file, fromVersion, reason):
            return "Could not migrate \(file) from schema version \(fromVersion): \(reason). Nothing was written."
        case let .failed(directory, reason):
            return "The store at \(directory) stopped accepting changes because a write failed: \(reason). Changes in memory may be ahead of the disk; restart the process to reload the store from disk."
        case let .closed(directory):
            return "The store at \(directory) is closed."
        case let .notFound(directory):
            return "There is no store at \(directory)."
        case let .io(path, operation, code):
            return "\(operation) failed on \(path): \(String(cString: strerror(code))) (errno \(code))."
        }
    }
}
