import Foundation
import Logging
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opening a store: lock, read and verify everything, and only then write (torn-tail truncation, a migrated
/// snapshot, a journal rewrite, the lock holder). Any failure while reading leaves every file as it was.
enum Loader<Schema: StoreSchema> {
    struct Loaded: Sendable {
        var state: Schema.State
        var lastSequence: UInt64
        var snapshot: SnapshotFiles.OnDisk
        var writer: JournalWriter
        var lock: DirectoryLock
    }

    /// What reading found, before anything is written.
    struct Recovered {
        var state: Schema.State
        var lastSequence: UInt64
        /// nil when there is no snapshot file yet.
        var snapshot: SnapshotFiles.OnDisk?
        var migratedFrom: Int?
        var journalExists: Bool
        var scan: JournalFormat.Scan
        /// Journal entries at or below the snapshot's seq (left by a crash between snapshot and journal switch).
        var staleEntries: Bool
        /// The raw lines after the snapshot's seq, to seed a rewritten journal.
        var keptLines: [UInt8]
        var keptCount: Int
    }

    static func open(layout: StoreLayout, options: StoreOptions, logger: Logger) throws -> Loaded {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: layout.directory, isDirectory: &isDirectory) {
            guard options.createIfMissing else { throw StoreError.notFound(directory: layout.directory) }
            try POSIX.makeDirectories(layout.directory)
        } else if !isDirectory.boolValue {
            throw StoreError.io(path: layout.directory, operation: "open store directory", errno: ENOTDIR)
        }

        let lock = try DirectoryLock.acquire(layout)
        let recovered: Recovered
        do {
            recovered = try recover(layout: layout, userInfo: options.codingUserInfo)
        } catch {
            lock.abandon()
            throw error
        }
        do {
            return try finish(recovered, lock: lock, layout: layout, options: options, logger: logger)
        } catch {
            lock.release()
            throw error
        }
    }

    // MARK: Reading (never writes)

    static func recover(layout: StoreLayout, userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> Recovered {
        let snapshotFile = try MappedFile(layout.snapshot)
        let journalData = try POSIX.readFile(layout.journal)

        var state = Schema.initialState()
        var snapshot: SnapshotFiles.OnDisk?
        var version = Schema.currentVersion
        if let mapped = snapshotFile {
            let parsed = try SnapshotFormat.parse(raw: mapped.bytes, file: layout.snapshot) {
                mapped.keepOnly(around: $0)
            }
            version = parsed.header.schema
            snapshot = .init(schema: version, seq: parsed.header.seq)
            if version > Schema.currentVersion {
                throw StoreError.futureVersion(file: layout.snapshot, found: version, supported: Schema.currentVersion)
            }
            state = try decodeState(
                mapped, version: version, parsed: parsed, file: layout.snapshot, userInfo: userInfo)
        } else if let journal = journalData, !journal.isEmpty {
            throw StoreError.damaged(
                file: layout.journal, line: 1, offset: 0,
                reason: "the journal has entries but snapshot.json is missing")
        }
        if snapshotFile != nil, journalData == nil {
            // A store always creates its journal before its first snapshot and only ever renames over it.
            throw StoreError.damaged(
                file: layout.journal, line: 1, offset: 0,
                reason:
                    "journal.jsonl is missing next to snapshot.json, so changes after the snapshot may be lost; if the snapshot alone is wanted (a restored backup), create an empty journal.jsonl"
            )
        }
        let snapshotSeq = snapshot?.seq ?? 0

        let scan =
            try journalData.map { try JournalFormat.scan($0, file: layout.journal) }
            ?? JournalFormat.Scan(entries: [], tornTail: nil, validLength: 0)
        let replay = scan.entries.drop { $0.seq <= snapshotSeq }
        if let first = replay.first, first.seq != snapshotSeq + 1 {
            throw StoreError.damaged(
                file: layout.journal, line: first.line, offset: first.bytes.lowerBound,
                reason:
                    "sequence gap: the snapshot ends at seq \(snapshotSeq) but the journal continues at seq \(first.seq)"
            )
        }
        var keptLines: [UInt8] = []
        if let data = journalData, let first = replay.first, let last = replay.last {
            let changes = try decodeChanges(Array(replay), in: data, version: version, file: layout.journal)
            for (entry, batch) in zip(replay, changes) {
                for change in batch {
                    do {
                        try Schema.apply(change, to: &state)
                    } catch {
                        throw StoreError.damaged(
                            file: layout.journal, line: entry.line, offset: entry.bytes.lowerBound,
                            reason: "entry seq \(entry.seq) does not apply to the state it follows: \(error)")
                    }
                }
            }
            keptLines = Array(data[first.bytes.lowerBound..<last.bytes.upperBound])
        }
        return Recovered(
            state: state,
            lastSequence: max(snapshotSeq, scan.entries.last?.seq ?? 0),
            snapshot: snapshot,
            migratedFrom: version < Schema.currentVersion ? version : nil,
            journalExists: journalData != nil,
            scan: scan,
            staleEntries: scan.entries.first.map { $0.seq <= snapshotSeq } ?? false,
            keptLines: keptLines,
            keptCount: replay.count
        )
    }

    // MARK: Writing (only after reading succeeded)

    private static func finish(
        _ recovered: Recovered, lock: DirectoryLock, layout: StoreLayout,
        options: StoreOptions, logger: Logger
    ) throws -> Loaded {
        if let torn = recovered.scan.tornTail {
            let fd = try POSIX.open(layout.journal, O_WRONLY)
            defer { POSIX.close(fd) }
            try POSIX.truncate(fd, to: recovered.scan.validLength, path: layout.journal)
            try POSIX.fullSync(fd, path: layout.journal)
            logger.warning(
                "Dropped a torn last journal entry: its commit never returned, so it was never confirmed",
                metadata: [
                    "file": "\(layout.journal)", "line": "\(torn.line)", "offset": "\(torn.offset)",
                    "bytes": "\(torn.length)", "reason": "\(torn.reason)",
                ])
        }

        var snapshot = recovered.snapshot
        var keptLines = recovered.keptLines
        var keptCount = recovered.keptCount
        if !recovered.journalExists {
            // Journal first, so that a snapshot without a journal always means damage.
            POSIX.close(try JournalFiles.replace(layout, with: []))
        }
        if snapshot == nil || recovered.migratedFrom != nil {
            let bytes = try SnapshotFiles.encode(
                recovered.state, schema: Schema.currentVersion, seq: recovered.lastSequence,
                userInfo: options.codingUserInfo)
            try SnapshotFiles.install(
                bytes, seq: recovered.lastSequence, replacing: snapshot, layout: layout, options: options,
                logger: logger)
            if let from = recovered.migratedFrom {
                logger.notice(
                    "Migrated the store's snapshot; the old snapshot is kept in backups/",
                    metadata: ["store": "\(layout.directory)", "from": "\(from)", "to": "\(Schema.currentVersion)"])
            }
            snapshot = .init(schema: Schema.currentVersion, seq: recovered.lastSequence)
            // The new snapshot includes every journal entry (and old-version entries cannot be appended to).
            keptLines = []
            keptCount = 0
        }

        let fd: Int32
        var entries = recovered.scan.entries.count
        var bytes = recovered.scan.validLength
        if recovered.staleEntries || keptCount != recovered.keptCount {
            fd = try JournalFiles.replace(layout, with: keptLines)
            entries = keptCount
            bytes = keptLines.count
        } else {
            fd = try POSIX.open(layout.journal, O_WRONLY | O_APPEND)
        }
        do {
            try lock.writeHolder(LockHolder(pid: getpid(), host: POSIX.hostName(), since: POSIX.iso8601(options.now())))
        } catch {
            POSIX.close(fd)
            throw error
        }
        let opened = snapshot ?? .init(schema: Schema.currentVersion, seq: 0)
        StoreBackups.keepAtOpen(
            snapshot: opened, lastSequence: recovered.lastSequence, layout: layout, options: options, logger: logger)
        logger.info(
            "Opened store",
            metadata: [
                "store": "\(layout.directory)", "seq": "\(recovered.lastSequence)",
                "snapshotSeq": "\(opened.seq)", "replayed": "\(keptCount)",
            ])
        return Loaded(
            state: recovered.state,
            lastSequence: recovered.lastSequence,
            snapshot: opened,
            writer: JournalWriter(
                layout: layout, fd: fd, durable: recovered.lastSequence, entries: entries,
                bytes: bytes, sync: options.syncJournal),
            lock: lock
        )
    }
}
