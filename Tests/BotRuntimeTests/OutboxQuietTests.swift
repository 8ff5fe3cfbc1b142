import BotRuntime
import CampaignCore
import Foundation
import Logging
import Synchronization
import Testing
import TestSupport
import CampaignStorage

/// Records what it was asked to deliver.
final class RecordingDelivery: OutboxDelivery {
    let transport = "fake"
    private let log = Mutex<[OutboxMessage]>([])
    var delivered: [OutboxMessage] { log.withLock { $0 } }
    func isGroup(_ chat: String) -> Bool { false }
    func deliver(_ message: OutboxMessage) async throws(DeliveryError) { log.withLock { $0.append(message) } }
}

@Suite("Outbox and quiet hours")
struct OutboxQuietTests {
    @Test("a reminder still queued at night waits until 07:30; a reply goes at once", .timeLimit(.minutes(1)))
    func remindersWaitForMorning() async throws {
        try await Harness.with(now: "2010-10-11T23:00:00+08:00") { h in
            let delivery = RecordingDelivery()
            // A clock of its own: the harness's bot sleeps on `h.clock` too (its scheduler), and this test reads which
            // sleeps wait on the sender's clock.
            let clock = ManualClock(h.clock.now())
            var logger = Logger(label: "outbox")
            logger.logLevel = .error
            let sender = OutboxSender(
                dispatcher: h.bot.dispatcher, delivery: delivery,
                limiter: SendLimiter(enabled: false, clock: clock), clock: clock, logger: logger,
                quietUntil: BotService.quietUntil(.builtIn))
            let now = clock.now()
            let state = await h.bot.store.state
            let address = ChatAddress(transport: "fake", chat: "42")
            try await h.bot.dispatcher.commit([
                .enqueue(
                    OutboxMessage(
                        id: state.nextOutboxID, to: address, text: "【提醒】night", kind: .reminder, createdAt: now)),
                .enqueue(
                    OutboxMessage(
                        id: state.nextOutboxID + 1, to: ChatAddress(transport: "fake", chat: "43"), text: "reply",
                        kind: .reply, createdAt: now)),
            ])
            let task = Task { try await sender.run() }
            defer { task.cancel() }
            #expect(await eventually { delivery.delivered.count == 1 })
            #expect(delivery.delivered.map(\.text) == ["reply"])
            // Quiet until 07:30: the sender holds the reminder by sleeping on the clock until then, and at 07:29
            // that sleep (the only thing that could send it) has not ended.
            let morning = try #require(CampaignTime.parse("2010-10-12T07:30:00+08:00"))
            await clock.sleeping(until: morning)
            clock.advance(to: try #require(CampaignTime.parse("2010-10-12T07:29:00+08:00")))
            #expect(clock.sleeperDeadlines == [morning])
            #expect(delivery.delivered.count == 1)
            clock.advance(to: morning)
            #expect(await eventually { delivery.delivered.count == 2 })
            #expect(delivery.delivered.last?.text == "【提醒】night")
            task.cancel()
            _ = await task.result
        }
    }
}
