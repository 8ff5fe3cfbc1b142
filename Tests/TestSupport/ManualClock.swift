import CampaignCore
package import Foundation
import Synchronization

/// A clock that moves only when told to; sleepers wake when it passes their deadline. A test can wait until a task
/// sleeps on it (`sleeping(until:)`): proof that the task is idle until then, with no wall-clock sleep.
package final class ManualClock: CampaignClock {
    private struct Sleeper {
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// A test waiting for a sleeper with `deadline`.
    private struct Watcher {
        let deadline: Date
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now: Date
        var sleepers: [UInt64: Sleeper] = [:]
        var watchers: [Watcher] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    package init(_ start: Date) {
        state = Mutex(State(now: start))
    }

    package func now() -> Date { state.withLock { $0.now } }

    /// Moves the clock to `date` (never backwards) and wakes every sleeper whose deadline has come.
    package func advance(to date: Date) {
        let woken: [Sleeper] = state.withLock { s in
            if date > s.now { s.now = date }
            let due = s.sleepers.filter { $0.value.deadline <= s.now }
            for id in due.keys { s.sleepers[id] = nil }
            return Array(due.values)
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// The deadlines of the tasks sleeping on this clock now, earliest first.
    package var sleeperDeadlines: [Date] { state.withLock { $0.sleepers.values.map(\.deadline).sorted() } }

    /// Returns once some task sleeps on this clock until `deadline` (at once if one already does).
    package func sleeping(until deadline: Date) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let already: Bool = state.withLock { s in
                if s.sleepers.values.contains(where: { $0.deadline == deadline }) { return true }
                s.watchers.append(Watcher(deadline: deadline, continuation: continuation))
                return false
            }
            if already { continuation.resume() }
        }
    }

    package func sleep(until deadline: Date) async throws {
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (resumeNow, watchers): (Bool, [Watcher]) = state.withLock { s in
                    if deadline <= s.now || Task.isCancelled { return (true, []) }
                    s.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    let waiting = s.watchers.filter { $0.deadline == deadline }
                    s.watchers.removeAll { $0.deadline == deadline }
                    return (false, waiting)
                }
                if resumeNow { continuation.resume() }
                for watcher in watchers { watcher.continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }
}
