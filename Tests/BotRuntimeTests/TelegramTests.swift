import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Logging
import TelegramFake
import Testing
import TestSupport

/// A bot booted by `BotService` (the production path) against a fake Bot API on loopback.
struct TelegramRig {
    static let roster = """
        工号,姓名,角色,支部,党员,权限,telegram
        A001,周建国,行政,党总支,是,管理员,9001
        S001,陈雅琴,一线、班主任,语文支部,是,书记,9002
        T001,李明,一线,语文支部,是,教师,1001
        T002,王芳,一线、班主任,语文支部,是,教师,1002
        T003,张伟,一线,数学支部,否,教师,1003

        """

    let fake: FakeTelegram
    let serverTask: Task<Void, any Error>
    let store: String
    let bots = BootedBots()

    /// Runs `body` with a fake Bot API and a store holding the roster; afterwards, also when `body` throws, stops
    /// every bot still running and the fake, and removes the store.
    static func with(_ body: (TelegramRig) async throws -> Void) async throws {
        let fake = FakeTelegram()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-tg-\(UUID().uuidString)").path
        let rig = TelegramRig(fake: fake, serverTask: Task { try await fake.serve() }, store: store)
        try await withRig(
            rig, store: store, roster: roster, server: rig.serverTask, bots: rig.bots, ready: { await fake.ready() },
            body)
    }

    func configuration(mode: String = "polling", limits: Bool = false, listen: String? = nil, token: String? = nil)
        async throws -> Configuration
    {
        var env = [
            "CXZY_TELEGRAM_TOKEN": token ?? fake.token, "CXZY_TELEGRAM_API_BASE": await fake.baseURL.absoluteString,
            "CXZY_TELEGRAM_LIMITS": limits ? "on" : "off", "CXZY_TELEGRAM_POLL_TIMEOUT": "1",
            "CXZY_TELEGRAM_MODE": mode,
        ]
        if mode == "webhook" { env["CXZY_TELEGRAM_WEBHOOK_SECRET"] = "s3cret_TOKEN-1" }
        return try Configuration.load(file: nil, environment: env, store: store, httpListen: listen)
    }

    /// Boots and runs the bot in the background; `now` is in the campaign (phase 2).
    func boot(
        _ config: Configuration, renderer: (any MediaRenderer)? = nil,
        onHTTP: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> (BotService.Running, Task<Void, any Error>) {
        var logger = Logger(label: "bot")
        logger.logLevel = .error
        let clock = SystemClock(startingAt: CampaignTime.parse("2010-10-11T09:00:00+08:00"))
        let running = try await BotService.prepare(
            config: config, campaign: .builtInWithoutDigest, clock: clock, logger: logger, signals: [],
            renderer: renderer, onHTTP: onHTTP)
        let task = Task { try await running.run() }
        await bots.add(running, task)
        return (running, task)
    }

    func stop(_ running: BotService.Running, _ task: Task<Void, any Error>) async throws {
        await running.shutdown()
        try await task.value
    }
}

@Suite("Telegram against a fake Bot API", .serialized)
struct TelegramTests {
    @Test("normal flow: commands in, replies out as replies, menu set, offset advanced")
    func normalFlow() async throws {
        try await TelegramRig.with { rig in
            let u1 = await rig.fake.message(from: 1001, text: "承诺 教学之星 上好一堂精品课")
            let u2 = await rig.fake.message(from: 1001, text: "预约示范课 10月12日 第3节 高二3班 函数")
            let u3 = await rig.fake.message(from: 1003, chat: -100, text: "统计")  // group without slash: ignored
            // A group slash command: answered.
            let u4 = await rig.fake.message(from: 9001, chat: -100, text: "/stats@cxzy_bot")
            let (running, task) = try await rig.boot(try await rig.configuration())
            #expect(await eventually { await rig.fake.sent.count >= 3 })
            try await rig.stop(running, task)

            let replies = await rig.fake.sent(to: 1001)
            #expect(replies.count == 2)
            #expect(replies.first?.text.contains("P-0001") == true)
            #expect(replies.last?.text.contains("L-0001") == true)
            #expect(replies.first?.replyTo == (await rig.fake.messageID(ofUpdate: u1)))
            #expect(replies.last?.replyTo == (await rig.fake.messageID(ofUpdate: u2)))
            let group = await rig.fake.sent(to: -100)
            #expect(group.count == 1)
            #expect(group.first?.text.contains("Statistics by branch") == true)
            #expect(group.first?.replyTo == (await rig.fake.messageID(ofUpdate: u4)))
            _ = u3
            #expect(await rig.fake.commands.count == IntentKind.allCases.count)
            #expect(await rig.fake.getUpdatesOffsets.contains(u4 + 1))
        }
    }

    @Test("a restart in the middle loses nothing and answers nothing twice")
    func restart() async throws {
        try await TelegramRig.with { rig in
            // One update a poll, each poll slowed down: the bot is stopped while most updates still wait.
            await rig.fake.limitBatches(to: 1)
            await rig.fake.inject(.delay(0.3), for: "getUpdates", times: 30)
            for i in 0..<10 { await rig.fake.message(from: 1001, text: "家访 昨天 学生\(i)") }
            var (running, task) = try await rig.boot(try await rig.configuration())
            #expect(await eventually { await rig.fake.sent.count >= 2 })
            try await rig.stop(running, task)
            // Every update handled before the stop was answered (the outbox drains on shutdown); the rest wait.
            let answered = await rig.fake.sent.count
            #expect(answered < 10, "the stop should land in the middle")
            let firstRunPolls = await rig.fake.getUpdatesOffsets.count
            (running, task) = try await rig.boot(try await rig.configuration())
            #expect(await eventually { await rig.fake.sent.count >= 10 })
            try await rig.stop(running, task)
            let texts = await rig.fake.sent(to: 1001).map(\.text)
            #expect(texts.count == 10)
            for i in 0..<10 {
                #expect(texts.filter { $0.contains("，学生\(i)") }.count == 1, "visit \(i)")
            }
            // The second run started from the saved offset: just past the last update the first run handled.
            let offsets = await rig.fake.getUpdatesOffsets
            #expect(offsets.first == .some(nil))
            #expect(offsets.dropFirst(firstRunPolls).first == .some(Int64(answered + 1)))
        }
    }

    @Test("a 429 with retry_after pauses every send")
    func rateLimited() async throws {
        try await TelegramRig.with { rig in
            await rig.fake.inject(.status(429, retryAfter: 1), for: "sendMessage")
            await rig.fake.message(from: 1001, text: "我的进度")
            let (running, task) = try await rig.boot(try await rig.configuration())
            #expect(await eventually { await rig.fake.faultTimes["sendMessage"]?.isEmpty == false })
            // While the pause lasts, other chats have messages to send too.
            for user in [1002, 9001, 9002] as [Int64] { await rig.fake.message(from: user, text: "我的进度") }
            #expect(await eventually { await rig.fake.sent.count >= 4 })
            try await rig.stop(running, task)
            let refused = try #require(await rig.fake.faultTimes["sendMessage"]?.first)
            let sent = await rig.fake.sent
            #expect(sent.count == 4)
            for message in sent {
                #expect(message.at.timeIntervalSince(refused) >= 0.95, "sent to \(message.chat) during the pause")
            }
        }
    }

    @Test("500s, slow answers and malformed JSON are survived; each reply arrives once")
    func survivesFailures() async throws {
        try await TelegramRig.with { rig in
            await rig.fake.inject(.garbage, for: "getUpdates")
            await rig.fake.inject(.status(502, retryAfter: nil), for: "getUpdates")
            await rig.fake.inject(.status(500, retryAfter: nil), for: "sendMessage", times: 2)
            await rig.fake.inject(.garbage, for: "sendMessage")
            await rig.fake.inject(.delay(0.3), for: "sendMessage")
            await rig.fake.rawUpdate { id in
                #"{"update_id":\#(id),"message":{"message_id":5,"chat":{"id":1001,"type":"private"},"sticker":{"weird":true},"from":{"id":1001,"is_bot":false}}}"#
            }
            await rig.fake.rawUpdate { id in #"{"update_id":\#(id),"message":{"message_id":"not a number"}}"# }
            for i in 0..<3 { await rig.fake.message(from: 1002, text: "提交 论文 第\(i)篇") }
            let (running, task) = try await rig.boot(try await rig.configuration())
            #expect(await eventually(30) { await rig.fake.sent(to: 1002).count >= 3 })
            try await rig.stop(running, task)
            let texts = await rig.fake.sent(to: 1002).map(\.text)
            #expect(texts.count == 3)
            #expect(Set(texts).count == 3)
            let pending = await rig.fake.pendingUpdates
            #expect(pending == 0)
            // The sticker in a private chat got a hint, not silence.
            #expect(await rig.fake.sent(to: 1001).count == 1)
        }
    }

    @Test("a bad token stops at start with a clear message")
    func badToken() async throws {
        try await TelegramRig.with { rig in
            let config = try await rig.configuration(token: "999:WRONG")
            await #expect(throws: BotService.StartupError.self) {
                _ = try await rig.boot(config)
            }
            do {
                _ = try await rig.boot(config)
            } catch let error as BotService.StartupError {
                #expect(error.description.contains("CXZY_TELEGRAM_TOKEN"))
                #expect(!error.description.contains("999:WRONG"))
            }
        }
    }

    @Test("webhook: wrong or missing secret refused with nothing stored; right secret answered once")
    func webhook() async throws {
        try await TelegramRig.with { rig in
            let port = PortBox()
            let (running, task) = try await rig.boot(
                try await rig.configuration(mode: "webhook", listen: "127.0.0.1:0")
            ) { await port.set($0) }
            #expect(await eventually { await port.value != 0 })
            let url = URL(string: "http://127.0.0.1:\(await port.value)/telegram/webhook")!
            let before = await running.bot.store.lastSequence
            let update =
                #"{"update_id":77,"message":{"message_id":501,"date":1,"from":{"id":1001,"is_bot":false},"chat":{"id":1001,"type":"private"},"text":"我的进度"}}"#
            #expect(try await post(url, update, secret: nil) == 401)
            #expect(try await post(url, update, secret: "wrong") == 401)
            #expect(await running.bot.store.lastSequence == before)
            #expect(try await post(url, update, secret: "s3cret_TOKEN-1") == 200)
            #expect(try await post(url, update, secret: "s3cret_TOKEN-1") == 200)  // Telegram retrying
            #expect(
                try await post(url, String(repeating: "x", count: HTTPServer.maxBody + 10), secret: "s3cret_TOKEN-1")
                    == 413)
            #expect(await eventually { await rig.fake.sent(to: 1001).count >= 1 })
            let health = try await get(URL(string: "http://127.0.0.1:\(await port.value)/healthz")!)
            #expect(health.contains(#""store":"open""#))
            try await rig.stop(running, task)
            #expect(await rig.fake.sent(to: 1001).count == 1)
            #expect(await rig.fake.sent(to: 1001).first?.replyTo == 501)
        }
    }

    @Test("graceful shutdown under load loses nothing")
    func shutdownUnderLoad() async throws {
        try await TelegramRig.with { rig in
            let users: [Int64] = [1001, 1002, 9001, 9002, 1003]
            for i in 0..<150 { await rig.fake.message(from: users[i % users.count], text: "提交 论文 负载\(i)") }
            var (running, task) = try await rig.boot(try await rig.configuration())
            #expect(await eventually { await rig.fake.sent.count >= 20 })
            try await rig.stop(running, task)
            // Whatever was not sent yet waits in the store and goes out after the restart.
            (running, task) = try await rig.boot(try await rig.configuration())
            #expect(await eventually(30) { await rig.fake.sent.count >= 150 })
            try await rig.stop(running, task)
            let texts = await rig.fake.sent.map(\.text)
            for i in 0..<150 {
                #expect(texts.filter { $0.contains("负载\(i)》") }.count == 1, "reply \(i)")
            }
        }
    }
}

func post(_ url: URL, _ body: String, secret: String?) async throws -> Int {
    var request = URLRequest(url: url)
    request.httpMethod = "POST"
    request.httpBody = Data(body.utf8)
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    if let secret { request.setValue(secret, forHTTPHeaderField: "X-Telegram-Bot-Api-Secret-Token") }
    let (_, response) = try await URLSession.shared.data(for: request)
    return (response as? HTTPURLResponse)?.statusCode ?? 0
}

func get(_ url: URL) async throws -> String {
    let (data, _) = try await URLSession.shared.data(from: url)
    return String(decoding: data, as: UTF8.self)
}

#if canImport(FoundationNetworking)
    import FoundationNetworking
    import CampaignStorage
#endif

@Suite("Telegram long messages", .serialized)
struct TelegramLongMessageTests {
    @Test("a message over 4,096 characters goes in pieces split on lines; a failed piece is retried alone")
    func splitAndResume() async throws {
        let fake = FakeTelegram()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let delivery = TelegramDelivery(api: TelegramAPI(base: await fake.baseURL, token: fake.token))
        let lines = (0..<300).map { "第\($0)行：" + String(repeating: "很", count: 20) }
        let message = OutboxMessage(
            id: 7, to: ChatAddress(transport: "telegram", chat: "1001"), text: lines.joined(separator: "\n"),
            replyTo: "55", kind: .reply, createdAt: Date())
        await fake.inject(.status(500, retryAfter: nil), for: "sendMessage")
        // First attempt: the first piece is refused (nothing sent); second attempt: every piece goes out once.
        await #expect(throws: DeliveryError.self) { try await delivery.deliver(message) }
        try await delivery.deliver(message)
        var sent = await fake.sent(to: 1001)
        #expect(sent.count >= 2)
        #expect(sent.allSatisfy { $0.text.utf16.count <= 4096 })
        #expect(sent.map(\.text).joined(separator: "\n") == message.text)
        #expect(sent.first?.replyTo == 55 && sent.dropFirst().allSatisfy { $0.replyTo == nil })
        // A failure on a later piece resumes there.
        let before = sent.count
        let second = OutboxMessage(id: 8, to: message.to, text: message.text, kind: .reply, createdAt: Date())
        try await delivery.deliverFirstPiecesThenFail(second, fake: fake)
        try await delivery.deliver(second)
        sent = await fake.sent(to: 1001)
        #expect(sent.count - before == before)
        #expect(sent.dropFirst(before).map(\.text).joined(separator: "\n") == message.text)
    }
}

extension TelegramDelivery {
    /// Sends the first piece, then makes the second fail once.
    func deliverFirstPiecesThenFail(_ message: OutboxMessage, fake: FakeTelegram) async throws {
        await fake.inject(.delay(0), for: "sendMessage")
        await fake.inject(.status(502, retryAfter: nil), for: "sendMessage")
        await #expect(throws: DeliveryError.self) { try await self.deliver(message) }
    }
}
