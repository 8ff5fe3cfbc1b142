#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

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
    /// Nothing was written; `StoreRecovery` (`cxzy store recover`) writes a new store from what is intact.
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
        case .locked, .futureVersion, .migrationFailed, .failed, .notFound:
            return summary + "\n" + chinese
        case let .damaged(file, _, _, _):
            let directory = (file as NSString).deletingLastPathComponent
            return summary + " Nothing was written. Leave this directory as it is and write a repaired copy: "
                + "`\(Self.recoverCommand(directory))` builds a new store from the last good snapshot (or backup) and "
                + "every intact journal entry, and lists exactly what it could not keep; then start with --store \(directory)-recovered."
                + "\n" + chinese
        default:
            return summary
        }
    }

    /// What happened and where, in one English sentence, without advice (for lists such as `store check`).
    public var summary: String {
        switch self {
        case let .locked(directory, holder?):
            return
                "The store at \(directory) is in use by \(holder) (see \(directory)/lock). Stop that process first; only one process may use a store."
        case let .locked(directory, nil):
            return
                "The store at \(directory) is in use by another process that is still opening it (see \(directory)/lock). Only one process may use a store."
        case let .damaged(file, line, offset, reason):
            return "Damaged store file \(file) at line \(line) (byte offset \(offset)): \(reason)."
        case let .futureVersion(file, found, supported):
            return
                "\(file) was written with schema version \(found), but this program supports up to version \(supported). Run a newer program; nothing was written."
        case let .migrationFailed(file, fromVersion, reason):
            return "Could not migrate \(file) from schema version \(fromVersion): \(reason). Nothing was written."
        case let .failed(directory, reason):
            return
                "The store at \(directory) stopped accepting changes because a write failed: \(reason). Changes in memory may be ahead of the disk; restart the process to reload the store from disk."
        case let .closed(directory):
            return "The store at \(directory) is closed."
        case let .notFound(directory):
            return "There is no store at \(directory)."
        case let .io(path, operation, code):
            return "\(operation) failed on \(path): \(String(cString: strerror(code))) (errno \(code))."
        }
    }
}

extension StoreError {
    /// The command that writes a repaired copy of the store in `directory` (SPEC §6: damage is never overwritten).
    public static func recoverCommand(_ directory: String) -> String {
        "cxzy store recover --store \(directory) --out \(directory)-recovered"
    }

    /// The same in Chinese, for the school's admin: what happened, where, and what to do.
    public var chinese: String {
        switch self {
        case let .locked(directory, holder):
            let who = holder.map { "（\($0.host) 上的进程 \($0.pid)，\($0.since) 起）" } ?? "（它还在打开数据）"
            return "数据目录 \(directory) 正被另一个进程使用\(who)。同一时间只能有一个程序使用它，请先停止那个进程。"
        case let .damaged(file, line, offset, _):
            let directory = (file as NSString).deletingLastPathComponent
            return "数据文件 \(file) 第 \(line) 行（字节偏移 \(offset)）已损坏；程序没有写入任何内容。"
                + "请保持该目录原样，运行 \(Self.recoverCommand(directory)) 生成修复后的新数据目录"
                + "（原目录不会被改动，无法恢复的记录会逐条列出），核对后用 --store \(directory)-recovered 启动。"
        case let .futureVersion(file, found, supported):
            return "\(file) 由更新版本的程序写入（数据版本 \(found)，本程序最高支持 \(supported)）。请使用新版本的程序；没有写入任何内容。"
        case let .migrationFailed(file, fromVersion, _):
            return "无法把 \(file) 从数据版本 \(fromVersion) 升级；没有写入任何内容。"
        case let .failed(directory, _):
            return "数据目录 \(directory) 写入失败，已停止接受更改；请重新启动程序。"
        case let .closed(directory):
            return "数据目录 \(directory) 已关闭。"
        case let .notFound(directory):
            return "\(directory) 里没有数据。"
        case let .io(path, operation, code):
            return "文件操作失败：\(path)（\(operation)，errno \(code)）。"
        }
    }
}
