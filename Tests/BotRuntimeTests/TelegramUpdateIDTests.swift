import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import TelegramFake
import Testing
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Telegram picks update_ids: any 64-bit number, sequential for a while, random again after a quiet week. The bot
/// takes them as names in webhook mode and as Telegram's offset rule says in polling mode, never overflowing.
@Suite("Telegram update ids at the edges", .serialized)
struct TelegramUpdateIDTests {
    static let secret = "s3cret_TOKEN-1"

    /// A private text update from user 1001, as Telegram posts it to the webhook.
    static func update(id: String, messageID: Int64, text: String = "我的进度") -> String {
        #"{"update_id":\#(id),"message":{"message_id":\#(messageID),"date":1,"from":{"id":1001,"is_bot":false},"chat":{"id":1001,"type":"private"},"text":"\#(text)"}}"#
    }

    /// Posts an update to the webhook with the right secret; returns the status.
    static func deliver(_ url: URL, _ body: String) async throws -> Int {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(secret, forHTTPHeaderField: "X-Telegram-Bot-Api-Secret-Token")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    static func health(_ port: Int) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// How many replies went to the message `messageID` of user 1001.
    static func replies(_ rig: TelegramRig, to messageID: Int64) async -> Int {
        await rig.fake.sent(to: 1001).filter { $0.replyTo == messageID }.count
    }

    @Test(
        "webhook: update_id Int64.max is answered and handled and the bot stays up; lower ids after it are handled; the same id twice is handled once, also after a restart"
    )
    func webhookIDsAreNames() async throws {
        try await TelegramRig.with { rig in
            let port = PortBox()
            var (running, task) = try await rig.boot(
                try await rig.configuration(mode: "webhook", listen: "127.0.0.1:0")
            ) { await port.set($0) }
            #expect(await eventually { await port.value != 0 })
            var url = URL(string: "http://127.0.0.1:\(await port.value)/telegram/webhook")!

            let max = String(Int64.max)
            #expect(try await Self.deliver(url, Self.update(id: max, messageID: 601)) == 200)
            #expect(try await Self.deliver(url, Self.update(id: String(Int64.max - 1), messageID: 602)) == 200)
            // Telegram starts again at a random id after a quiet week: lower than every id before.
            #expect(try await Self.deliver(url, Self.update(id: "5", messageID: 603)) == 200)
            // Telegram retrying a delivery whose answer it did not see.
            #expect(try await Self.deliver(url, Self.update(id: "5", messageID: 603)) == 200)
            #expect(try await Self.deliver(url, Self.update(id: max, messageID: 601)) == 200)
            let health = try await Self.health(await port.value)
            #expect(health.0 == 200 && health.1.contains(#""store":"open""#))
            #expect(await eventually { await rig.fake.sent(to: 1001).count >= 3 })
            // No position is kept for the webhook: nothing an id says can hold back the next ones.
            #expect(await running.bot.store.state.positions[TelegramTransport.name] == nil)
            try await rig.stop(running, task)
            for messageID: Int64 in [601, 602, 603] {
                #expect(await Self.replies(rig, to: messageID) == 1, "message \(messageID)")
            }

            // After a restart: a lower id still gets through, a retried one is still recognised.
            await port.set(0)
            (running, task) = try await rig.boot(
                try await rig.configuration(mode: "webhook", listen: "127.0.0.1:0")
            ) { await port.set($0) }
            #expect(await eventually { await port.value != 0 })
            url = URL(string: "http://127.0.0.1:\(await port.value)/telegram/webhook")!
            #expect(try await Self.deliver(url, Self.update(id: "4", messageID: 604)) == 200)
            #expect(try await Self.deliver(url, Self.update(id: max, messageID: 601)) == 200)
            #expect(try await Self.deliver(url, Self.update(id: "5", messageID: 603)) == 200)
            #expect(await eventually { await Self.replies(rig, to: 604) == 1 })
            try await rig.stop(running, task)
            for messageID: Int64 in [601, 602, 603, 604] {
                #expect(await Self.replies(rig, to: messageID) == 1, "message \(messageID)")
            }
            #expect(await rig.fake.sent(to: 1001).count == 4)
        }
    }

    @Test("polling: updates up to Int64.max are handled; the offset after them is Int64.max + 1, kept across a restart")
    func pollingOffsetPastInt64Max() async throws {
        try await TelegramRig.with { rig in
            await rig.fake.startUpdateIDs(at: Int64.max - 1)
            await rig.fake.message(from: 1001, text: "我的进度")
            await rig.fake.message(from: 1002, text: "我的进度")
            let past = "9223372036854775808"
            var (running, task) = try await rig.boot(try await rig.configuration())
            #expect(await eventually { await rig.fake.sent.count >= 2 })
            // Still polling after the offset passed Int64.max.
            #expect(
                await eventually { await rig.fake.getUpdatesOffsetTexts.filter { $0 == past }.count >= 2 })
            #expect(await running.bot.store.state.positions[TelegramTransport.name] == past)
            try await rig.stop(running, task)
            let firstRunPolls = await rig.fake.getUpdatesOffsetTexts.count

            (running, task) = try await rig.boot(try await rig.configuration())
            #expect(await eventually { await rig.fake.getUpdatesOffsetTexts.count > firstRunPolls })
            try await rig.stop(running, task)
            #expect(await rig.fake.getUpdatesOffsetTexts.dropFirst(firstRunPolls).first == past)
            #expect(await rig.fake.sent(to: 1001).count == 1)
            #expect(await rig.fake.sent(to: 1002).count == 1)
        }
    }
}
