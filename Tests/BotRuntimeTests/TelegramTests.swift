import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Logging
import TelegramFake
import Testing
import TestSupport

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
            // A slash command alone is how groups talk to the bot: answered in Chinese.
            #expect(group.first?.text.contains("统计·按支部") == true)
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
            let before = await settledSequence(running.bot.store)
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
