import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import Logging
import Synchronization
import Testing
import TestSupport

/// The console is a transport booted by `BotService.prepare`, like every platform in `cxzy run`.
@Suite("the console boots through the production preparation")
struct ConsoleBootTests {
    /// A console on a temporary store with the demo roster, speaking as `staffID`, on a manual clock.
    struct Session {
        let running: BotService.Running
        let task: Task<Void, any Error>
        let clock: ManualClock
        let feed: AsyncStream<String>.Continuation
        let printed: Printed
        let directory: URL

        /// `before` runs on the booted bot before its services start.
        static func start(
            now: String, staffID: String, sendRules: SendLimiter.Rules? = nil,
            before: (Bot, ManualClock) async throws -> Void = { _, _ in }
        ) async throws -> Session {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "cxzy-console-\(UUID().uuidString)")
            let clock = ManualClock(try #require(CampaignTime.parse(now)))
            let (lines, feed) = AsyncStream<String>.makeStream()
            let printed = Printed()
            let console = ConsoleTransport(
                staffID: staffID, exportDirectory: directory.appendingPathComponent("exports"),
                sendRules: sendRules, input: { lines }, interactive: false, write: { printed.append($0) })
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let running = try await BotService.prepare(
                config: .local(store: directory.path, logLevel: .critical), campaign: .builtIn, clock: clock,
                logger: logger, edges: [console], signals: [])
            _ = try await running.bot.seedDemoRosterIfEmpty()
            try await running.bot.dispatcher.commit([
                .bind(identity: console.identity, staffID: staffID, address: console.address)
            ])
            try await before(running.bot, clock)
            let task = Task { try await running.run() }
            return Session(
                running: running, task: task, clock: clock, feed: feed, printed: printed, directory: directory)
        }

        /// Ends the input, as a pipe's end does, and waits until the bot has stopped by itself.
        func finish() async throws {
            feed.finish()
            try await task.value
            try? FileManager.default.removeItem(at: directory)
        }
    }

    final class Printed: Sendable {
        private let text = Mutex("")
        func append(_ chunk: String) { text.withLock { $0 += chunk } }
        var value: String { text.withLock { $0 } }
        func count(_ needle: String) -> Int { value.components(separatedBy: needle).count - 1 }
    }

    @Test(
        "replies pass the outbox sender with the send limits: a third reply within the minute waits for it",
        .timeLimit(.minutes(2)))
    func sendLimits() async throws {
        var rules = SendLimiter.Rules()
        rules.perChatBurst = 2
        rules.perChatPerSecond = 1.0 / 60
        rules.globalBurst = 10  // the manual clock stands still: only the per-chat limit is to be seen
        let session = try await Session.start(now: "2010-10-11T09:00:00+08:00", staffID: "T001", sendRules: rules)
        for _ in 1...3 { session.feed.yield("我的进度") }
        #expect(await eventually(30) { session.printed.count("李明老师的进度") == 2 }, "\(session.printed.value)")
        // The third waits for a token: the limiter sleeps on the clock until about a minute after the first two.
        let start = session.clock.now()
        #expect(await eventually(30) { session.clock.sleeperDeadlines.contains { $0.timeIntervalSince(start) > 55 } })
        let due = try #require(session.clock.sleeperDeadlines.first { $0.timeIntervalSince(start) > 55 })
        #expect(session.printed.count("李明老师的进度") == 2)
        session.clock.advance(to: due)
        #expect(await eventually(30) { session.printed.count("李明老师的进度") == 3 })
        try await session.finish()
        // Each reply printed once, followed by one blank line, as the console always printed them.
        #expect(session.printed.value.components(separatedBy: "\n\n").count == 4, "\(session.printed.value)")
    }

    @Test(
        "a reminder still queued at night waits until 07:30 on the console too; a reply is printed at once",
        .timeLimit(.minutes(2)))
    func quietHours() async throws {
        let session = try await Session.start(now: "2010-10-11T23:00:00+08:00", staffID: "T001") { bot, clock in
            try await bot.dispatcher.commit([
                .enqueue(
                    OutboxMessage(
                        id: await bot.store.state.nextOutboxID, to: ChatAddress(transport: "console", chat: "T001"),
                        text: "【提醒】night", kind: .reminder, createdAt: clock.now()))
            ])
        }
        session.feed.yield("我的进度")
        #expect(await eventually(30) { session.printed.value.contains("李明老师的进度") })
        // The outbox sender holds the reminder by sleeping on the clock until 07:30, the end of quiet hours.
        let morning = try #require(CampaignTime.parse("2010-10-12T07:30:00+08:00"))
        await session.clock.sleeping(until: morning)
        #expect(!session.printed.value.contains("【提醒】night"))
        session.clock.advance(to: morning)
        #expect(await eventually(30) { session.printed.value.contains("【提醒】night") }, "\(session.printed.value)")
        try await session.finish()
    }
}
