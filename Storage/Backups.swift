import Foundation
import Logging
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The rotated backups in `DIR/backups/`: generations of a snapshot and the journal that followed it.
///
///     snapshot-seq<N>-v<V>-<UTC time>.json         a snapshot at sequence N, schema V
///     journal-seq<N>-v<V>-<UTC time>-to<M>.jsonl   the journal after it: entries N+1 … (at least) M
///
/// Kept from the first run on: the first open copies the snapshot; every open, and every `JSONStore.backUp()` while
/// the store runs, copies a journal that grew since it was last backed up; a compaction or migration hard-links the
/// snapshot and journal it replaces (they are never written again). The newest `backupsToKeep` snapshots stay, each with the newest journal that followed it.
/// Backups are only read by `StoreRecovery`; opening a store never reads them.
enum StoreBackups {
    /// A backup file's name, parsed.
    struct Name: Sendable, Equatable {
        enum Kind: Sendable { case snapshot, journal }
        var kind: Kind
        var seq: UInt64
        var schema: Int
        /// Journals only: the last sequence the journal held when it was backed up (it may hold more).
        var through: UInt64
        var file: String

        init?(_ file: String) {
            let kind: Kind
            let stem: Substring
            if file.hasPrefix("snapshot-"), file.hasSuffix(".json") {
                (kind, stem) = (.snapshot, file.dropLast(".json".count))
            } else if file.hasPrefix("journal-"), file.hasSuffix(".jsonl") {
                (kind, stem) = (.journal, file.dropLast(".jsonl".count))
            } else {
                return nil
            }
            // kind-seqN-vV-STAMP[-toM][-k]: the stamp has no dashes.
            let parts = stem.split(separator: "-")
            guard parts.count >= 4, parts[1].hasPrefix("seq"), parts[2].hasPrefix("v"),
                let seq = UInt64(parts[1].dropFirst(3)), let schema = Int(parts[2].dropFirst())
            else { return nil }
            var through = seq
            if kind == .journal {
                guard parts.count >= 5, parts[4].hasPrefix("to"), let value = UInt64(parts[4].dropFirst(2)) else {
                    return nil
                }
                through = value
            }
            self.kind = kind
            self.seq = seq
            self.schema = schema
            self.through = through
            self.file = file
        }
    }

    /// Every backup, oldest first (by sequence, then name).
    static func list(_ layout: StoreLayout) -> [Name] {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: layout.backups) else { return [] }
        return files.compactMap(Name.init).sorted { ($0.seq, $0.through, $0.file) < ($1.seq, $1.through, $1.file) }
    }

    // MARK: Making them

    /// Before a compaction or migration replaces `snapshot.json` (at `previous`) and the journal after it: hard-links
    /// both into `backups/` (the journal keeps growing through its link until it is replaced, then never changes).
    /// `through` is the sequence the replacing snapshot holds.
    static func keepReplaced(
        _ previous: SnapshotFiles.OnDisk, through: UInt64, layout: StoreLayout, options: StoreOptions
    ) throws {
        guard options.backupsToKeep > 0 else { return }
        if try POSIX.makeDirectory(layout.backups) { try POSIX.syncDirectory(layout.directory) }
        let stamp = self.stamp(options.now())
        let existing = list(layout)
        if !existing.contains(where: { $0.kind == .snapshot && $0.seq == previous.seq && $0.schema == previous.schema }
        ),
            POSIX.exists(layout.snapshot)
        {
            try preserve(
                layout.snapshot, as: "snapshot-seq\(previous.seq)-v\(previous.schema)-\(stamp)", ".json", in: layout,
                link: true)
        }
        if POSIX.exists(layout.journal) {
            try preserve(
                layout.journal, as: "journal-seq\(previous.seq)-v\(previous.schema)-\(stamp)-to\(through)", ".jsonl",
                in: layout, link: true)
        }
        try POSIX.syncDirectory(layout.backups)
    }

    /// After an open succeeded: copies the snapshot when no backup can rebuild it (the first run), and the journal
    /// when it grew since its last backup. Copies, not links: the journal is appended to in place, and a copy of
    /// the snapshot survives damage to its blocks. A failure is logged; the store opens anyway.
    static func keepAtOpen(
        snapshot: SnapshotFiles.OnDisk, lastSequence: UInt64, layout: StoreLayout,
        options: StoreOptions, logger: Logger
    ) {
        do {
            _ = try keepCurrent(
                snapshot: snapshot, lastSequence: lastSequence, verified: true, layout: layout, options: options,
                logger: logger)
        } catch {
            logger.warning(
                "Could not back up the store at open; it runs without a fresh backup",
                metadata: ["store": "\(layout.directory)", "error": "\(error)"])
        }
    }

    /// Brings `backups/` up to the store as it is on disk: copies the snapshot when no backup can rebuild it, and
    /// the journal's entries after it when they reach beyond its newest backup; then prunes. Returns the files it
    /// wrote (none when the backups were already up to date).
    ///
    /// `lastSequence` may run ahead of the disk (accepted commits not yet durable): it only decides whether a copy
    /// is needed. Unless the files were `verified` by the open that just read them, the snapshot's checksum and every
    /// journal line are checked first, and only whole, checked lines after the snapshot are copied (a line being
    /// appended meanwhile is left for the next backup): a backup never copies damage, and never replaces a good copy
    /// with a damaged one (a damaged file throws and leaves `backups/` as it was).
    static func keepCurrent(
        snapshot: SnapshotFiles.OnDisk, lastSequence: UInt64, verified: Bool, layout: StoreLayout,
        options: StoreOptions, logger: Logger
    ) throws -> [String] {
        guard options.backupsToKeep > 0 else { return [] }
        var existing = list(layout)
        // A journal backup that is the live journal itself (a crash in a compaction between linking it and
        // replacing it) is no backup: drop that name.
        for name in existing
        where name.kind == .journal && sameFile(layout.backups + "/" + name.file, layout.journal) {
            try POSIX.unlink(layout.backups + "/" + name.file)
            existing.removeAll { $0 == name }
        }
        let snapshots = existing.filter { $0.kind == .snapshot }
        let journals = existing.filter { $0.kind == .journal }
        let rebuildable =
            snapshots.contains { $0.seq == snapshot.seq }
            || snapshots.contains { base in journals.contains { $0.seq == base.seq && $0.through >= snapshot.seq } }
        let journalCovered =
            lastSequence == snapshot.seq
            || journals.contains { $0.seq == snapshot.seq && $0.through >= lastSequence }
        guard !rebuildable || !journalCovered else { return [] }

        // Read and check everything before writing anything.
        var snapshotCopy: Data?
        if !rebuildable {
            guard let data = try POSIX.readFile(layout.snapshot) else { return [] }
            if !verified {
                let header = try SnapshotFormat.parse(data, file: layout.snapshot).header
                guard header.seq == snapshot.seq, header.schema == snapshot.schema else {
                    throw StoreError.damaged(
                        file: layout.snapshot, line: 1, offset: 0,
                        reason:
                            "the snapshot on disk is at seq \(header.seq), schema \(header.schema), not the seq \(snapshot.seq), schema \(snapshot.schema) this store installed"
                    )
                }
            }
            snapshotCopy = data
        }
        var journalCopy: (bytes: Data, through: UInt64)?
        if !journalCovered, let data = try POSIX.readFile(layout.journal) {
            if verified {
                journalCopy = (data, lastSequence)
            } else {
                let scan = try JournalFormat.scan(data, file: layout.journal)
                let after = scan.entries.drop { $0.seq <= snapshot.seq }
                if let first = after.first, let last = after.last {
                    guard first.seq == snapshot.seq + 1 else {
                        throw StoreError.damaged(
                            file: layout.journal, line: first.line, offset: first.bytes.lowerBound,
                            reason:
                                "sequence gap: the snapshot ends at seq \(snapshot.seq) but the journal continues at seq \(first.seq)"
                        )
                    }
                    let covered = journals.contains { $0.seq == snapshot.seq && $0.through >= last.seq }
                    if !covered {
                        journalCopy = (data.subdata(in: first.bytes.lowerBound..<last.bytes.upperBound), last.seq)
                    }
                }
            }
        }
        guard snapshotCopy != nil || journalCopy != nil else { return [] }

        if try POSIX.makeDirectory(layout.backups) { try POSIX.syncDirectory(layout.directory) }
        let stamp = self.stamp(options.now())
        var written: [String] = []
        if let snapshotCopy {
            written.append(
                try keep(
                    snapshotCopy, as: "snapshot-seq\(snapshot.seq)-v\(snapshot.schema)-\(stamp)", ".json", in: layout))
        }
        if let journalCopy {
            written.append(
                try keep(
                    journalCopy.bytes,
                    as: "journal-seq\(snapshot.seq)-v\(snapshot.schema)-\(stamp)-to\(journalCopy.through)", ".jsonl",
                    in: layout))
        }
        try POSIX.syncDirectory(layout.backups)
        prune(layout: layout, keep: options.backupsToKeep, logger: logger)
        return written
    }

    /// Writes `bytes` as a new file `backups/<stem><ext>` (adding `-2`, `-3`… if that name is taken) and fsyncs it;
    /// returns its name.
    private static func keep(_ bytes: Data, as stem: String, _ ext: String, in layout: StoreLayout) throws -> String {
        let target = freeName(stem, ext, in: layout)
        try bytes.withUnsafeBytes { _ = try POSIX.writeNewFile(target, $0) }
        return (target as NSString).lastPathComponent
    }

    private static func freeName(_ stem: String, _ ext: String, in layout: StoreLayout) -> String {
        var target = layout.backups + "/" + stem + ext
        var attempt = 1
        while POSIX.exists(target) {
            attempt += 1
            target = layout.backups + "/" + stem + "-\(attempt)" + ext
        }
        return target
    }

    /// Hard-links (or copies) `path` to `backups/<stem><ext>`, adding `-2`, `-3`… if that name is taken.
    private static func preserve(_ path: String, as stem: String, _ ext: String, in layout: StoreLayout, link: Bool)
        throws
    {
        let target = freeName(stem, ext, in: layout)
        if link {
            do {
                try POSIX.link(path, target)
                return
            } catch {
                // Hard links can be unsupported (some network or FUSE file systems): copy instead.
            }
        }
        guard let data = try POSIX.readFile(path) else { return }
        try data.withUnsafeBytes { _ = try POSIX.writeNewFile(target, $0) }
    }

    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    static func stamp(_ date: Date) -> String {
        POSIX.iso8601(date).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    // MARK: Rotating them

    /// Keeps the newest `keep` snapshots and, for each sequence from the oldest kept snapshot on, the newest journal
    /// (a later backup of the same journal holds everything an earlier one did). A failure is only logged.
    static func prune(layout: StoreLayout, keep: Int, logger: Logger) {
        let all = list(layout)
        let snapshots = all.filter { $0.kind == .snapshot }
        var doomed = Array(snapshots.prefix(max(0, snapshots.count - keep)))
        let oldestKept = snapshots.dropFirst(doomed.count).first?.seq
        var newestJournal: [UInt64: Name] = [:]
        for journal in all where journal.kind == .journal {
            guard keep > 0, let oldestKept, journal.seq >= oldestKept else {
                doomed.append(journal)
                continue
            }
            // `all` is sorted by (seq, through, name), so a later one replaces an earlier one.
            if let earlier = newestJournal[journal.seq] { doomed.append(earlier) }
            newestJournal[journal.seq] = journal
        }
        guard !doomed.isEmpty else { return }
        do {
            for name in doomed { try POSIX.unlink(layout.backups + "/" + name.file) }
            try POSIX.syncDirectory(layout.backups)
        } catch {
            logger.warning(
                "Could not prune old backups", metadata: ["store": "\(layout.directory)", "error": "\(error)"])
        }
    }
}
