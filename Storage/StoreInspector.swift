public import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    public import Darwin
#endif

/// What `StoreInspector.check` found in a store directory.
public struct StoreReport: Sendable, CustomStringConvertible {
    public struct Snapshot: Sendable, Equatable {
        public var schemaVersion: Int
        /// The last journal sequence the snapshot includes.
        public var sequence: UInt64
        public var bytes: Int
    }

    public struct Journal: Sendable, Equatable {
        public var entries: Int
        public var firstSequence: UInt64?
        public var lastSequence: UInt64?
        public var bytes: Int
        public var tornTail: TornTail?
    }

    /// A final journal line that never completed; the next open drops it. Not damage.
    public struct TornTail: Sendable, Equatable {
        public var line: Int
        public var offset: Int
        public var bytes: Int
        public var reason: String
    }

    public enum Lock: Sendable, Equatable {
        case free
        case held(by: LockHolder?)
    }

    public var directory: URL
    /// nil when missing or damaged.
    public var snapshot: Snapshot?
    /// nil when missing or damaged.
    public var journal: Journal?
    /// The sequence a store opened now would continue from; nil when damage makes it unknown.
    public var lastSequence: UInt64?
    /// Snapshot backups in `backups/`, oldest first: one per generation.
    public var backups: [String]
    /// Journal backups in `backups/` (the journal that followed each backed-up snapshot), oldest first.
    public var journalBackups: [String]
    /// Temp files left by an interrupted compaction; harmless, replaced by the next one.
    public var leftovers: [String]
    public var lock: Lock
    /// The last sequence `backups/` can rebuild, by the backups' names (nil without backups): how fresh they are.
    public var backedUpThrough: UInt64? = nil
    /// Every problem that makes `open` refuse the store. Empty when healthy.
    public var damage: [StoreError]

    public var isHealthy: Bool { damage.isEmpty }

    /// A file is damaged: `StoreRecovery` (`cxzy store recover`) can write a repaired copy.
    public var needsRecovery: Bool {
        damage.contains { if case .damaged = $0 { true } else { false } }
    }

    public var description: String {
        var lines = ["Store at \(directory.path)"]
        if let snapshot {
            lines.append(
                "  snapshot.json: schema \(snapshot.schemaVersion), seq \(snapshot.sequence), \(snapshot.bytes) bytes, checksum ok"
            )
        }
        if let journal {
            let range = journal.firstSequence.map { first in " (seq \(first)…\(journal.lastSequence ?? first))" } ?? ""
            lines.append("  journal.jsonl: \(journal.entries) entries\(range), \(journal.bytes) bytes, checksums ok")
            if let torn = journal.tornTail {
                lines.append(
                    "  torn last entry at line \(torn.line), byte offset \(torn.offset) (\(torn.bytes) bytes): \(torn.reason); it was never confirmed and the next open drops it"
                )
            }
        }
        if let lastSequence { lines.append("  last sequence: \(lastSequence)") }
        lines.append(
            "  backups: \(backups.count) snapshots, \(journalBackups.count) journals in backups/"
                + (backups.last.map { " (newest \($0))" } ?? ""))
        if !leftovers.isEmpty { lines.append("  leftover temp files (harmless): \(leftovers.joined(separator: ", "))") }
        switch lock {
        case .free: lines.append("  lock: free")
        case let .held(holder?): lines.append("  lock: held by \(holder)")
        case .held(nil): lines.append("  lock: held by a process that is still opening the store")
        }
        if damage.isEmpty {
            lines.append("  status: healthy")
        } else {
            lines.append("  status: DAMAGED")
            for problem in damage { lines.append("  - \(problem.summary)") }
            if needsRecovery {
                lines.append(
                    "  Nothing was changed. To write a repaired copy (this directory stays as it is): \(StoreError.recoverCommand(StoreLayout(directory).directory))"
                )
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Reads a store directory without knowing its schema, without taking the write lock and without changing
/// anything — for `cxzy store check` and for operators.
public enum StoreInspector {
    public static func check(directory: URL) -> StoreReport {
        let layout = StoreLayout(directory)
        var report = StoreReport(
            directory: directory, snapshot: nil, journal: nil, lastSequence: nil,
            backups: [], journalBackups: [], leftovers: [], lock: .free, damage: [])
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: layout.directory, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            report.damage.append(.notFound(directory: layout.directory))
            return report
        }
        let backups = StoreBackups.list(layout)
        report.backups = backups.filter { $0.kind == .snapshot }.map(\.file)
        report.journalBackups = backups.filter { $0.kind == .journal }.map(\.file)
        report.backedUpThrough = backups.map(\.through).max()
        report.leftovers = [layout.snapshotTemp, layout.journalTemp].filter(POSIX.exists).map {
            ($0 as NSString).lastPathComponent
        }
        report.lock = probeLock(layout)

        var snapshotSeq: UInt64?
        var snapshotOK = false
        do {
            if let data = try POSIX.readFile(layout.snapshot) {
                let parsed = try SnapshotFormat.parse(data, file: layout.snapshot)
                report.snapshot = .init(
                    schemaVersion: parsed.header.schema, sequence: parsed.header.seq, bytes: data.count)
                snapshotSeq = parsed.header.seq
                snapshotOK = true
            }
        } catch let error as StoreError {
            report.damage.append(error)
        } catch {
            report.damage.append(.damaged(file: layout.snapshot, line: 1, offset: 0, reason: "\(error)"))
        }

        do {
            if let data = try POSIX.readFile(layout.journal) {
                let scan = try JournalFormat.scan(data, file: layout.journal)
                report.journal = .init(
                    entries: scan.entries.count,
                    firstSequence: scan.entries.first?.seq,
                    lastSequence: scan.entries.last?.seq,
                    bytes: data.count,
                    tornTail: scan.tornTail.map {
                        .init(line: $0.line, offset: $0.offset, bytes: $0.length, reason: $0.reason)
                    }
                )
                if !snapshotOK, report.damage.isEmpty, !scan.entries.isEmpty {
                    report.damage.append(
                        .damaged(
                            file: layout.journal, line: 1, offset: 0,
                            reason: "the journal has entries but snapshot.json is missing"))
                }
                if let base = snapshotSeq, let first = scan.entries.first(where: { $0.seq > base }),
                    first.seq != base + 1
                {
                    report.damage.append(
                        .damaged(
                            file: layout.journal, line: first.line, offset: first.bytes.lowerBound,
                            reason:
                                "sequence gap: the snapshot ends at seq \(base) but the journal continues at seq \(first.seq)"
                        ))
                }
            } else if snapshotOK {
                report.damage.append(
                    .damaged(
                        file: layout.journal, line: 1, offset: 0,
                        reason: "journal.jsonl is missing next to snapshot.json"))
            }
        } catch let error as StoreError {
            report.damage.append(error)
        } catch {
            report.damage.append(.damaged(file: layout.journal, line: 1, offset: 0, reason: "\(error)"))
        }

        if report.damage.isEmpty {
            report.lastSequence = max(snapshotSeq ?? 0, report.journal?.lastSequence ?? 0)
        }
        return report
    }

    /// A shared, non-blocking `flock` that is dropped at once: it tells whether a store holds the lock
    /// without ever blocking it for long or writing. A missing lock file means free.
    private static func probeLock(_ layout: StoreLayout) -> StoreReport.Lock {
        guard let fd = try? POSIX.open(layout.lock, O_RDONLY) else { return .free }
        defer { POSIX.close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(fd, LOCK_UN)
            return .free
        }
        return .held(by: DirectoryLock.readHolder(layout.lock))
    }
}
