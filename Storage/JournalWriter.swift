import Dispatch
import Foundation
import Synchronization

/// Appends journal lines and makes them durable with group commit, on its own serial dispatch queue so that
/// blocking `write`/`fsync` never occupies the Swift concurrency pool.
///
/// Lines are enqueued in sequence order (by the store's actor). Whatever piles up while one fsync is in flight
/// goes out in the next single write + fsync. Waiters are resumed once their sequence is durable.
/// After any write or fsync error the writer is failed for good: waiters and later enqueues throw.
final class JournalWriter: Sendable {
    private struct Waiter {
        var seq: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var fd: Int32
        var pending: [UInt8] = []
        var pendingLast: UInt64 = 0
        var pendingCount = 0
        var flushScheduled = false
        var durable: UInt64
        var waiters: [Waiter] = []
        var failure: StoreError?
        var closed = false
        /// While a compaction writes its snapshot at `carryAfter`, lines after it are kept to seed the next journal.
        var carryAfter: UInt64?
        var carried: [UInt8] = []
        var carriedCount = 0
        var journalEntries: Int
        var journalBytes: Int
    }

    let layout: StoreLayout
    private let queue: DispatchQueue
    private let state: Mutex<State>
    private let sync: @Sendable (Int32, String) throws -> Void

    init(
        layout: StoreLayout, fd: Int32, durable: UInt64, entries: Int, bytes: Int,
        sync: @escaping @Sendable (Int32, String) throws -> Void
    ) {
        self.layout = layout
        self.queue = DispatchQueue(label: "cxzy.store.journal")
        self.state = Mutex(State(fd: fd, durable: durable, journalEntries: entries, journalBytes: bytes))
        self.sync = sync
    }

    deinit {
        state.withLock { s in
            if !s.closed { POSIX.close(s.fd) }
        }
    }

    var failure: StoreError? { state.withLock { $0.failure } }

    /// Entries and bytes in the current journal file, for automatic compaction.
    var size: (entries: Int, bytes: Int) { state.withLock { ($0.journalEntries, $0.journalBytes) } }

    /// Queues `line` (sequence `seq`) for the next group write. Must be called in sequence order.
    func enqueue(seq: UInt64, line: [UInt8]) throws {
        let schedule = try state.withLock { s throws -> Bool in
            if let failure = s.failure { throw failure }
            if s.closed { throw StoreError.closed(directory: layout.directory) }
            s.pending += line
            s.pendingLast = seq
            s.pendingCount += 1
            if s.flushScheduled { return false }
            s.flushScheduled = true
            return true
        }
        if schedule { queue.async { self.flushLoop() } }
    }

    /// Returns once `seq` is durable; throws if the writer failed first.
    func waitDurable(_ seq: UInt64) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome = state.withLock { s -> Result<Void, StoreError>? in
                if s.durable >= seq { return .success(()) }
                if let failure = s.failure { return .failure(failure) }
                s.waiters.append(Waiter(seq: seq, continuation: continuation))
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    private func flushLoop() {
        while true {
            let batch = state.withLock { s -> (fd: Int32, bytes: [UInt8], last: UInt64, count: Int)? in
                if s.pending.isEmpty || s.failure != nil {
                    s.flushScheduled = false
                    return nil
                }
                defer {
                    s.pending = []
                    s.pendingCount = 0
                }
                return (s.fd, s.pending, s.pendingLast, s.pendingCount)
            }
            guard let batch else { return }
            do {
                try POSIX.writeAll(batch.fd, batch.bytes, path: layout.journal)
                try sync(batch.fd, layout.journal)
            } catch {
                fail("\(error)")
                return
            }
            let ready = state.withLock { s -> [Waiter] in
                s.durable = batch.last
                s.journalEntries += batch.count
                s.journalBytes += batch.bytes.count
                if let after = s.carryAfter {
                    // Lines are contiguous, so everything after `after` in this batch is a suffix of it.
                    let firstInBatch = batch.last - UInt64(batch.count) + 1
                    if firstInBatch > after {
                        s.carried += batch.bytes
                        s.carriedCount += batch.count
                    } else if batch.last > after {
                        let skip = Int(after - firstInBatch + 1)
                        var start = 0
                        var seen = 0
                        while seen < skip, let newline = batch.bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
                            start = newline + 1
                            seen += 1
                        }
                        s.carried += batch.bytes[start...]
                        s.carriedCount += batch.count - skip
                    }
                }
                let durable = s.durable
                let ready = s.waiters.filter { $0.seq <= durable }
                s.waiters.removeAll { $0.seq <= durable }
                return ready
            }
            for waiter in ready { waiter.continuation.resume() }
        }
    }

    private func fail(_ reason: String) {
        let waiters = state.withLock { s -> [Waiter] in
            if s.failure == nil {
                s.failure = .failed(directory: layout.directory, reason: reason)
            }
            s.flushScheduled = false
            s.pending = []
            s.pendingCount = 0
            defer { s.waiters = [] }
            return s.waiters
        }
        let failure = state.withLock { $0.failure } ?? .failed(directory: layout.directory, reason: reason)
        for waiter in waiters { waiter.continuation.resume(throwing: failure) }
    }

    /// Starts keeping lines after `seq`, the sequence a compaction is about to snapshot.
    func beginCarry(after seq: UInt64) {
        state.withLock { s in
            s.carryAfter = seq
            s.carried = []
            s.carriedCount = 0
        }
    }

    func cancelCarry() {
        state.withLock { s in
            s.carryAfter = nil
            s.carried = []
            s.carriedCount = 0
        }
    }

    /// After the snapshot at the carry point is durable: replaces the journal with one holding only the carried
    /// lines (temp file, fsync, rename, directory fsync). Runs on the writer queue, between group writes.
    /// A failure before the rename leaves the old journal in use; a failure after it fails the writer.
    func rotate() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            queue.async {
                continuation.resume(with: Result { try self.rotateOnQueue() })
            }
        }
    }

    private func rotateOnQueue() throws {
        let (oldFd, carried, count) = try state.withLock { s throws -> (Int32, [UInt8], Int) in
            if let failure = s.failure { throw failure }
            if s.closed { throw StoreError.closed(directory: layout.directory) }
            return (s.fd, s.carried, s.carriedCount)
        }
        let newFd: Int32
        do {
            newFd = try JournalFiles.writeTemp(layout, carried)
        } catch {
            cancelCarry()
            throw error
        }
        do {
            try POSIX.rename(layout.journalTemp, layout.journal)
        } catch {
            POSIX.close(newFd)
            try? POSIX.unlink(layout.journalTemp)
            cancelCarry()
            throw error
        }
        state.withLock { s in
            s.fd = newFd
            s.carryAfter = nil
            s.carried = []
            s.carriedCount = 0
            s.journalEntries = count
            s.journalBytes = carried.count
        }
        POSIX.close(oldFd)
        do {
            try POSIX.syncDirectory(layout.directory)
        } catch {
            // Until the rename is durable, appends to the new journal could vanish with it.
            fail("\(error)")
            throw state.withLock { $0.failure } ?? StoreError.closed(directory: layout.directory)
        }
    }

    /// Waits for queued lines, then closes the file. Later enqueues throw `.closed`.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.state.withLock { s in
                    if !s.closed {
                        s.closed = true
                        POSIX.close(s.fd)
                    }
                }
                continuation.resume()
            }
        }
    }
}

/// Whole-file operations on the journal.
enum JournalFiles {
    /// Writes `lines` to `journal.jsonl.tmp`, fsyncs it, and returns it open for appending.
    static func writeTemp(_ layout: StoreLayout, _ lines: [UInt8]) throws -> Int32 {
        let fd = try lines.withUnsafeBytes {
            try POSIX.writeNewFile(layout.journalTemp, $0, append: true, keepOpen: true)
        }
        guard let fd else { throw StoreError.io(path: layout.journalTemp, operation: "open", errno: EBADF) }
        return fd
    }

    /// Atomically replaces the journal with `lines`; returns the new journal open for appending.
    static func replace(_ layout: StoreLayout, with lines: [UInt8]) throws -> Int32 {
        let fd = try writeTemp(layout, lines)
        do {
            try POSIX.rename(layout.journalTemp, layout.journal)
            try POSIX.syncDirectory(layout.directory)
        } catch {
            POSIX.close(fd)
            throw error
        }
        return fd
    }
}
