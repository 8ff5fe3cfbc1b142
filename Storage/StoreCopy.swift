import Dispatch
public import Foundation
public import Logging
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `StoreCopy.copy` wrote.
public struct StoreCopyReport: Sendable {
    public var source: String
    public var destination: String
    /// The last sequence the copy holds.
    public var lastSequence: UInt64
    /// The sequence of the snapshot copied, and the journal entries copied after it.
    public var snapshotSequence: UInt64
    public var journalEntries: Int
    /// Bytes of snapshot and journal copied.
    public var bytes: Int
    /// How many reads it took: more than one when a compaction replaced the files while they were read.
    public var attempts: Int
}

/// Why `StoreCopy.copy` wrote nothing.
public enum StoreCopyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The copy must go into a new or empty directory.
    case destinationNotEmpty(String)
    /// The copy may not be written into the store it copies.
    case destinationInsideSource(destination: String, source: String)
    /// The store's files kept being replaced while they were read (a compaction each time).
    case keptChanging(directory: String, attempts: Int)

    public var description: String {
        switch self {
        case let .destinationNotEmpty(path):
            return
                "\(path) 已存在且不是空目录，请换一个新的（或空的）目录；没有写入任何内容。\n\(path) already exists and is not empty; give a new or empty directory. Nothing was written."
        case let .destinationInsideSource(destination, source):
            return
                "\(destination) 在数据目录 \(source) 之内；副本请放在数据目录之外。\n\(destination) is inside the store \(source); put the copy outside it."
        case let .keptChanging(directory, attempts):
            return
                "\(directory) 的文件在读取时被替换了 \(attempts) 次（正在整理），请稍后再试；没有写入任何内容。\nThe files of \(directory) were replaced while being read, \(attempts) times (compactions); try again later. Nothing was written."
        }
    }
}

/// A consistent copy of a store that may be running: for an off-server backup, or to move to a new server.
///
/// It never takes the store's lock and never writes under the store. The snapshot is read through one descriptor and
/// the journal opened afterwards; the copy is consistent when `snapshot.json` is still the same file after the
/// journal was opened — a compaction renames its new snapshot before it replaces the journal, so the journal opened
/// is then the one that continues the snapshot read, and it only ever grows by whole lines (a line being appended is
/// left out: its commit had not returned). Otherwise a compaction raced the read and it is read again.
///
/// The copy (snapshot, the journal's checked lines after it) is written into a temp directory beside the
/// destination, checked as `store check` checks a store, opened once as a start would open it (which replays every
/// entry; `options` carries the schema's coding context), then `then` may add to it (attached files) before it is renamed into place. `backups/` is not copied.
public enum StoreCopy {
    public static func copy<Schema: StoreSchema, Extra: Sendable>(
        _ schema: Schema.Type, from source: URL, into destination: URL, options: StoreOptions = .init(),
        logger: Logger, attempts: Int = 8, then: @escaping @Sendable (_ copy: URL) throws -> Extra
    ) async throws -> (StoreCopyReport, Extra) {
        let from = StoreLayout(source), into = StoreLayout(destination)
        try checkDestination(into, source: from)
        let parent = (into.directory as NSString).deletingLastPathComponent
        let name = (into.directory as NSString).lastPathComponent
        let temp = parent + "/." + name + ".copying-\(getpid())"
        let tempURL = URL(fileURLWithPath: temp, isDirectory: true)
        let queue = DispatchQueue(label: "cxzy.store.copy")
        var lastFailure: (any Error)?
        for attempt in 1...max(1, attempts) {
            if attempt > 1 { try await Task.sleep(for: .milliseconds(50 * attempt)) }
            try? FileManager.default.removeItem(atPath: temp)
            let read: Read?
            do {
                read = try await JSONStore<Schema>.offload(queue) { try Read(from) }
            } catch StoreError.notFound(let directory) {
                throw StoreError.notFound(directory: directory)
            }
            guard let read else { continue }
            do {
                let report = try await write(
                    read, schema, temp: temp, attempt: attempt, options: options, logger: logger)
                let extra = try await JSONStore<Schema>.offload(queue) { try then(tempURL) }
                try await JSONStore<Schema>.offload(queue) {
                    try POSIX.syncDirectory(temp)
                    // rename(2) replaces an empty directory.
                    try POSIX.rename(temp, into.directory)
                    try POSIX.syncDirectory(parent)
                }
                var final = report
                final.source = from.directory
                final.destination = into.directory
                logger.info(
                    "Copied store",
                    metadata: [
                        "from": "\(from.directory)", "into": "\(into.directory)", "seq": "\(report.lastSequence)",
                        "attempts": "\(attempt)",
                    ])
                return (final, extra)
            } catch {
                try? FileManager.default.removeItem(atPath: temp)
                if error is CancellationError { throw error }
                lastFailure = error
                logger.debug("Store copy failed; reading again", metadata: ["error": "\(error)"])
            }
        }
        throw lastFailure ?? StoreCopyError.keptChanging(directory: from.directory, attempts: attempts)
    }

    /// The snapshot and journal as read together; nil when a compaction replaced the snapshot meanwhile.
    private struct Read: Sendable {
        var snapshot: Data
        var header: SnapshotFormat.Header
        var journal: Data
        var entries: Int
        var lastSequence: UInt64

        init?(_ layout: StoreLayout) throws {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: layout.directory, isDirectory: &isDirectory),
                isDirectory.boolValue, POSIX.exists(layout.snapshot)
            else { throw StoreError.notFound(directory: layout.directory) }
            let (snapshotData, snapshotFile) = try Self.readWithIdentity(layout.snapshot)
            let journalFD: Int32
            do {
                journalFD = try POSIX.open(layout.journal, O_RDONLY)
            } catch StoreError.io(_, _, ENOENT) {
                // Replaced between the two reads, or missing (then the snapshot check below says so).
                guard try Self.identity(layout.snapshot) == snapshotFile else { return nil }
                throw StoreError.damaged(
                    file: layout.journal, line: 1, offset: 0, reason: "journal.jsonl is missing next to snapshot.json")
            }
            defer { POSIX.close(journalFD) }
            guard try Self.identity(layout.snapshot) == snapshotFile else { return nil }
            let journalData = try POSIX.readAll(journalFD, path: layout.journal)
            let parsed = try SnapshotFormat.parse(snapshotData, file: layout.snapshot)
            let scan = try JournalFormat.scan(journalData, file: layout.journal)
            let after = scan.entries.drop { $0.seq <= parsed.header.seq }
            if let first = after.first, first.seq != parsed.header.seq + 1 {
                throw StoreError.damaged(
                    file: layout.journal, line: first.line, offset: first.bytes.lowerBound,
                    reason:
                        "sequence gap: the snapshot ends at seq \(parsed.header.seq) but the journal continues at seq \(first.seq)"
                )
            }
            snapshot = snapshotData
            header = parsed.header
            if let first = after.first, let last = after.last {
                journal = journalData.subdata(in: first.bytes.lowerBound..<last.bytes.upperBound)
                lastSequence = last.seq
            } else {
                journal = Data()
                lastSequence = parsed.header.seq
            }
            entries = after.count
        }

        private static func readWithIdentity(_ path: String) throws -> (Data, FileIdentity) {
            let fd = try POSIX.open(path, O_RDONLY)
            defer { POSIX.close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw StoreError.io(path: path, operation: "stat", errno: errno) }
            return (try POSIX.readAll(fd, path: path), FileIdentity(info))
        }

        private static func identity(_ path: String) throws -> FileIdentity? {
            var info = stat()
            guard stat(path, &info) == 0 else {
                if errno == ENOENT { return nil }
                throw StoreError.io(path: path, operation: "stat", errno: errno)
            }
            return FileIdentity(info)
        }
    }

    private struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// Writes what was read as a store in `temp`, then checks it and opens it once; throws on any disagreement.
    private static func write<Schema: StoreSchema>(
        _ read: Read, _ schema: Schema.Type, temp: String, attempt: Int, options: StoreOptions, logger: Logger
    ) async throws -> StoreCopyReport {
        let layout = StoreLayout(URL(fileURLWithPath: temp, isDirectory: true))
        try await JSONStore<Schema>.offload(DispatchQueue(label: "cxzy.store.copy.write")) {
            try POSIX.makeDirectories(temp)
            // Journal first, as a store does, so that a snapshot without a journal always means damage.
            POSIX.close(try JournalFiles.replace(layout, with: Array(read.journal)))
            try read.snapshot.withUnsafeBytes { _ = try POSIX.writeNewFile(layout.snapshotTemp, $0) }
            try POSIX.rename(layout.snapshotTemp, layout.snapshot)
            try POSIX.syncDirectory(temp)
        }
        let check = StoreInspector.check(directory: URL(fileURLWithPath: temp, isDirectory: true))
        if let problem = check.damage.first { throw problem }
        guard check.lastSequence == read.lastSequence else {
            throw StoreError.failed(directory: temp, reason: "the copy does not end where the read did")
        }
        // Opened once as a start would: every entry must apply. No backups are made in the copy.
        var options = options
        options.backupsToKeep = 0
        options.createIfMissing = false
        var quiet = logger
        quiet.logLevel = .warning
        let store = try await JSONStore<Schema>.open(
            directory: URL(fileURLWithPath: temp, isDirectory: true), options: options, logger: quiet)
        let opened = await store.lastSequence
        try await store.close()
        guard opened == read.lastSequence else {
            throw StoreError.failed(
                directory: temp, reason: "the copy opened at seq \(opened), not \(read.lastSequence)")
        }
        return StoreCopyReport(
            source: "", destination: temp, lastSequence: read.lastSequence, snapshotSequence: read.header.seq,
            journalEntries: read.entries, bytes: read.snapshot.count + read.journal.count, attempts: attempt)
    }

    private static func checkDestination(_ destination: StoreLayout, source: StoreLayout) throws {
        switch Destination.problem(destination, source: source) {
        case .insideSource:
            throw StoreCopyError.destinationInsideSource(destination: destination.directory, source: source.directory)
        case .notEmpty: throw StoreCopyError.destinationNotEmpty(destination.directory)
        case nil: return
        }
    }
}
