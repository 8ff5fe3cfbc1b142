import BotRuntime
import CampaignCore
import Foundation
import TelegramFake
import Testing

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
