import Dispatch
public import Foundation
public import Logging
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    public import Darwin
#endif

/// An embedded, durable store: a directory holding a JSON snapshot, an append-only journal and a lock.
///
/// - `commit` and `update` return only after their journal entry is fsynced; commits that arrive while an fsync
///   is in flight share the next one (group commit).
/// - `state` is applied in commit order as soon as a commit is accepted, so it may include changes whose
///   commit has not returned yet. Decide what to confirm to a user inside `update`, which waits for that too.
/// - A crash at any moment loses no change whose commit returned. Damaged files make `open` throw and are
///   never overwritten. See `docs/storage.md` for the file formats.
public actor JSONStore<Schema: StoreSchema> {
    public nonisolated let directory: URL
    /// The current state, including accepted changes that may not be durable yet.
    public private(set) var state: Schema.State
    /// The sequence number of the last accepted commit (0 for an empty store).
    public private(set) var lastSequence: UInt64

    private nonisolated let layout: StoreLayout
    private nonisolated let writer: JournalWriter
    private nonisolated let lock: DirectoryLock
    private nonisolated let options: StoreOptions
    private nonisolated let logger: Logger
    private nonisolated let compactionRequests: AsyncStream<Void>.Continuation
    private let requests: AsyncStream<Void>
    private let encoder: JSONEncoder
    /// Snapshot encoding and writing happen here, off the cooperative pool and off the journal queue.
    private let background = DispatchQueue(label: "cxzy.store.compaction")
    private var snapshotOnDisk: SnapshotFiles.OnDisk
    private var compacting = false
    private var compactionWaiters: [CheckedContinuation<Void, Never>] = []
    private var isClosed = false
    private var maintenance: Task<Void, Never>?

    /// Opens (or creates) the store in `directory`, taking its lock and recovering snapshot + journal.
    /// Throws `StoreError` — `.locked`, `.damaged`, `.futureVersion`, `.migrationFailed`, `.notFound` — and then
    /// has written nothing (a lock file it had to create is removed again). Call `close()` when done.
    public static func open(directory: URL, options: StoreOptions = .init(), logger: Logger) async throws -> JSONStore {
        let layout = StoreLayout(directory)
        let loaded = try await offload(DispatchQueue(label: "cxzy.store.open")) {
            // A store made by an older version, or copied with a wide umask, is narrowed to the bot's alone first.
            if POSIX.exists(layout.directory) { try StorePermissions.restrict(layout.directory) }
            return try Loader<Schema>.open(layout: layout, options: options, logger: logger)
        }
        let store = JSONStore(directory: directory, layout: layout, loaded: loaded, options: options, logger: logger)
        await store.startMaintenance()
        return store
    }

    private init(
        directory: URL, layout: StoreLayout, loaded: Loader<Schema>.Loaded, options: StoreOptions, logger: Logger
    ) {
        self.directory = directory
        self.layout = layout
        self.state = loaded.state
        self.lastSequence = loaded.lastSequence
        self.snapshotOnDisk = loaded.snapshot
        self.writer = loaded.writer
        self.lock = loaded.lock
        self.options = options
        self.logger = logger
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.encoder = encoder
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.compactionRequests = continuation
        self.requests = stream
    }

    /// Automatic compaction runs in one task owned by the store (not per commit), ended and awaited by `close()`,
    /// so that the commit that crosses the threshold does not pay for writing the snapshot.
    private func startMaintenance() {
        let requests = self.requests
        maintenance = Task { [weak self] in
            for await _ in requests {
                guard let self else { return }
                guard self.journalIsOverThreshold() else { continue }
                do {
                    try await self.compact()
                } catch StoreError.closed {
                    return
                } catch {
                    self.logger.error(
                        "Automatic compaction failed; the journal keeps growing until one succeeds",
                        metadata: ["store": "\(self.layout.directory)", "error": "\(error)"])
                }
            }
        }
    }

    private nonisolated func journalIsOverThreshold() -> Bool {
        let size = writer.size
        return size.entries >= options.compactAfterJournalEntries || size.bytes >= options.compactAfterJournalBytes
    }

    // MARK: Changing the state

    /// Applies `changes` all-or-none, appends them as one journal entry and returns its sequence number once the
    /// entry is durable. If `Schema.applyAll` throws, nothing changes and its error is rethrown.
    /// An empty array writes nothing and waits until every earlier accepted commit is durable.
    @discardableResult
    public nonisolated func commit(_ changes: [Schema.Change]) async throws -> UInt64 {
        let seq = try await accept(changes)
        try await durable(seq)
        return seq
    }

    /// Check-then-act: `body` sees the current state and returns the changes to commit and a result; no other
    /// commit runs in between. Returns the result once the changes — and every change `body` saw — are durable.
    public nonisolated func update<R: Sendable>(
        _ body: sending (Schema.State) throws -> (changes: [Schema.Change], result: R)
    ) async throws -> R {
        let (seq, result) = try await acceptUpdate(body)
        try await durable(seq)
        return result
    }

    private func acceptUpdate<R: Sendable>(
        _ body: sending (Schema.State) throws -> (changes: [Schema.Change], result: R)
    ) throws -> (UInt64, R) {
        try ensureUsable()
        let (changes, result) = try body(state)
        return (try accept(changes), result)
    }

    private func accept(_ changes: [Schema.Change]) throws -> UInt64 {
        try ensureUsable()
        guard !changes.isEmpty else { return lastSequence }
        let payload = Array(try encoder.encode(changes))
        try Schema.applyAll(changes, to: &state)
        let seq = lastSequence + 1
        // Memory is now ahead of disk; if enqueue throws the writer has failed and every later commit throws too.
        try writer.enqueue(seq: seq, line: JournalFormat.line(seq: seq, payload: payload))
        lastSequence = seq
        return seq
    }

    private nonisolated func durable(_ seq: UInt64) async throws {
        try await writer.waitDurable(seq)
        if journalIsOverThreshold() { compactionRequests.yield() }
    }

    private func ensureUsable() throws {
        if isClosed { throw StoreError.closed(directory: layout.directory) }
        if let failure = writer.failure { throw failure }
    }

    // MARK: Compaction

    /// Waits until no compaction or backup runs, then marks one running (compactions and backups take turns).
    private func takeCompactionTurn() async throws {
        try ensureUsable()
        while compacting {
            await withCheckedContinuation { compactionWaiters.append($0) }
        }
        // Re-check after waiting: the store may have closed or failed meanwhile.
        try ensureUsable()
        compacting = true
    }

    private func endCompactionTurn() {
        compacting = false
        let waiters = compactionWaiters
        compactionWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    /// Writes a snapshot of the current state and starts a new journal holding only what came after it.
    /// Commits keep flowing while the snapshot is encoded and written; they pause only for the journal switch.
    ///
    /// With `rewritingHistory`, every retained backup is then written again through the schema's transforms
    /// before the next compaction may start (see `HistoryRewrite`): the way a schema makes the store forget.
    public func compact(rewritingHistory rewrite: HistoryRewrite? = nil) async throws {
        try await takeCompactionTurn()
        defer { endCompactionTurn() }
        let snapshotState = state
        let seq = lastSequence
        let previous = snapshotOnDisk
        let layout = layout, options = options, logger = logger
        writer.beginCarry(after: seq)
        do {
            try await Self.offload(background) {
                let bytes = try SnapshotFiles.encode(
                    snapshotState, schema: Schema.currentVersion, seq: seq, userInfo: options.codingUserInfo)
                try SnapshotFiles.install(
                    bytes, seq: seq, replacing: previous, layout: layout, options: options, logger: logger)
            }
        } catch {
            writer.cancelCarry()
            throw error
        }
        snapshotOnDisk = .init(schema: Schema.currentVersion, seq: seq)
        try await writer.rotate()
        logger.info("Compacted store", metadata: ["store": "\(layout.directory)", "seq": "\(seq)"])
        if let rewrite {
            try await Self.offload(background) { try HistoryRewriter.rewrite(rewrite, layout: layout, logger: logger) }
            logger.info("Rewrote the store's backups", metadata: ["store": "\(layout.directory)"])
        }
    }

    /// Brings `backups/` up to date while the store runs: the journal's entries since its last backup are copied
    /// (and the snapshot, when no backup can rebuild it), each file checked before it is copied, then old backups are
    /// pruned to `backupsToKeep` generations. Runs one at a time with compactions, so a history rewrite
    /// (`compact(rewritingHistory:)`) always sees every backup this makes. Returns the names of the files written,
    /// none when the backups were up to date. Commits keep flowing meanwhile.
    @discardableResult
    public func backUp() async throws -> [String] {
        try await takeCompactionTurn()
        defer { endCompactionTurn() }
        let snapshot = snapshotOnDisk, seq = lastSequence
        let layout = layout, options = options, logger = logger
        let written = try await Self.offload(background) {
            try StoreBackups.keepCurrent(
                snapshot: snapshot, lastSequence: seq, verified: false, layout: layout, options: options,
                logger: logger)
        }
        if !written.isEmpty {
            logger.info(
                "Backed up the store",
                metadata: ["store": "\(layout.directory)", "seq": "\(seq)", "files": "\(written.count)"])
        }
        return written
    }

    /// Every retained backup as JSON (snapshot states, journal lines' changes), for a schema that must find what its
    /// history holds before it rewrites it (`compact(rewritingHistory:)`).
    public func readBackups() async throws -> [JSONValue] {
        try ensureUsable()
        let layout = layout
        return try await Self.offload(background) { try HistoryRewriter.read(layout: layout) }
    }

    // MARK: Closing

    /// Waits for a running compaction and for queued commits to become durable, then releases the lock.
    /// Later calls throw `.closed`. Safe to call after a write failure (it still releases the lock).
    public func close() async throws {
        guard !isClosed else { return }
        while compacting {
            await withCheckedContinuation { compactionWaiters.append($0) }
        }
        guard !isClosed else { return }
        isClosed = true
        compactionRequests.finish()
        await maintenance?.value
        maintenance = nil
        await writer.close()
        lock.release()
        logger.info("Closed store", metadata: ["store": "\(layout.directory)", "seq": "\(lastSequence)"])
    }

    static func offload<T: Sendable>(_ queue: DispatchQueue, _ work: @escaping @Sendable () throws -> T) async throws
        -> T
    {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
