import BotRuntime
import CampaignCore
import Synchronization

/// The rule tests' platform: the fake users' chats (`telegram`, as `FakeUser` addresses them), booted as an edge
/// through the production preparation, so the outbox sender, quiet hours and the reminder scheduler run as in a
/// school. Messages leave the outbox only once the test lets them go (`release()`): until then a test sees the outbox
/// as the rules left it, also across a restart (`stop()` leaves what is held for the next boot, as a platform that is
/// down would). What went out is kept, in the order it went.
struct RecordingTransport: ConnectedTransport {
    let botNames: [String]
    let gate = Gate()
    let record = Record()
    let delivery: any OutboxDelivery

    init(botNames: [String] = ["cxzy_bot"]) {
        self.botNames = botNames
        delivery = GatedDelivery(gate: gate, record: record)
    }

    /// Lets every message go, now and from now on.
    func release() { gate.open() }

    /// The bot is stopping: what is held fails (and stays in the outbox), and so does every later send.
    func stop() { gate.stop() }

    /// The messages delivered so far.
    var sent: [OutboxMessage] { record.messages }

    final class Record: Sendable {
        private let list = Mutex<[OutboxMessage]>([])
        func append(_ message: OutboxMessage) { list.withLock { $0.append(message) } }
        var messages: [OutboxMessage] { list.withLock { $0 } }
    }

    /// Holds deliveries until opened or stopped; a held delivery that is cancelled returns at once.
    final class Gate: Sendable {
        private struct State {
            var open = false
            var stopped = false
            var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
            var next: UInt64 = 0
        }
        private let state = Mutex(State())

        func open() { resumeAll { $0.open = true } }
        func stop() { resumeAll { $0.stopped = true } }

        private func resumeAll(_ change: (inout State) -> Void) {
            let waiting = state.withLock { s in
                change(&s)
                defer { s.waiters = [:] }
                return Array(s.waiters.values)
            }
            for waiter in waiting { waiter.resume() }
        }

        /// Waits until the gate opens; false when it stopped (or the waiting task was cancelled) instead.
        func pass() async -> Bool {
            let id = state.withLock { s in
                s.next += 1
                return s.next
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let now = state.withLock { s in
                        if s.open || s.stopped || Task.isCancelled { return true }
                        s.waiters[id] = continuation
                        return false
                    }
                    if now { continuation.resume() }
                }
            } onCancel: {
                state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
            }
            return state.withLock { $0.open && !$0.stopped } && !Task.isCancelled
        }
    }
}

/// Delivers into the record once the gate lets it.
struct GatedDelivery: OutboxDelivery {
    let gate: RecordingTransport.Gate
    let record: RecordingTransport.Record
    var transport: String { "telegram" }
    func isGroup(_ chat: String) -> Bool { chat.hasPrefix("-") }

    func deliver(_ message: OutboxMessage) async throws(DeliveryError) {
        guard await gate.pass() else { throw .transient("the bot is stopping") }
        record.append(message)
    }
}
