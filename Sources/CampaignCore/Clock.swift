import Foundation
import Synchronization

/// The one source of "now" for the bot. Production uses the system clock (optionally shifted by `--now`);
/// tests drive a manual clock. Nothing below the boot code calls `Date()` directly.
public protocol CampaignClock: Sendable {
    func now() -> Date
    /// Suspends until `deadline` on this clock (or throws on cancellation).
    func sleep(until deadline: Date) async throws
}

/// Wall-clock time, shifted so that it starts at `start` when one is given (`--now`) and runs on from there.
public struct SystemClock: CampaignClock {
    private let offset: TimeInterval

    public init(startingAt start: Date? = nil) {
        offset = start.map { $0.timeIntervalSinceNow } ?? 0
    }

    public func now() -> Date { Date(timeIntervalSinceNow: offset) }

    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSince(now())
        if seconds > 0 { try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up)))) }
    }
}

/// A clock that moves only when told to; sleepers wake when it passes their deadline.
public final class ManualClock: CampaignClock {
    private struct Sleeper {
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var sleepers: [UInt64: Sleeper] = [:]
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    public init(_ start: Date) {
        state = Mutex(State(now: start))
    }

    public func now() -> Date { state.withLock { $0.now } }

    /// Moves the clock to `date` (never backwards) and wakes every sleeper whose deadline has come.
    public func advance(to date: Date) {
        let woken: [Sleeper] = state.withLock { s in
            if date > s.now { s.now = date }
            let due = s.sleepers.filter { $0.value.deadline <= s.now }
            for id in due.keys { s.sleepers[id] = nil }
            return Array(due.values)
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    public func advance(by seconds: TimeInterval) { advance(to: now().addingTimeInterval(seconds)) }

    /// Number of tasks currently sleeping on this clock (lets tests wait until a service is idle).
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Date) async throws {
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Bool = state.withLock { s in
                    if deadline <= s.now || Task.isCancelled { return true }
                    s.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }
}
