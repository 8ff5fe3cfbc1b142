package import CampaignCore
import Foundation

/// Delivers outbox messages as the bot's messages: a reply to the command it answers
/// (`im/v1/messages/:message_id/reply`), otherwise a new message to the person (`open_id`) or group (`chat_id`).
/// Each piece carries the outbox id as its `uuid`, so a resend after a crash (its sent mark was not yet durable) is
/// deduplicated by Feishu: exactly once both ways. Pictures and files follow the text (`FeishuMediaDelivery.swift`).
package struct FeishuDelivery: OutboxDelivery {
    let api: FeishuAPI
    private let ledger = PieceLedger()

    /// Text per message, in UTF-8 bytes (Feishu takes up to 150 KB a request; long texts read better in pieces).
    static let textLimit = 8000

    package var transport: String { FeishuTransport.name }

    package init(api: FeishuAPI) { self.api = api }

    package func isGroup(_ chat: String) -> Bool { chat.hasPrefix(FeishuTransport.chatPrefix) }

    /// The request's idempotency key for piece `index` of outbox message `id` (at most 50 characters).
    static func uuid(_ id: Int, piece index: Int, of count: Int) -> String {
        count == 1 ? "cxzy-\(id)" : "cxzy-\(id)-\(index)"
    }

    /// The text in pieces; an attached file (the CSV of 导出) follows as a file message.
    package func deliver(_ message: OutboxMessage) async throws(DeliveryError) {
        try await send(DeliveryStep.steps(of: message, limit: Self.textLimit), of: message)
    }

    /// Sends the steps not sent yet, in order, each with its own `uuid`; Feishu's answers become the outbox's.
    func send(_ steps: [DeliveryStep], of message: OutboxMessage) async throws(DeliveryError) {
        let (api, chat, replyTo, id) = (self.api, message.to.chat, message.replyTo, message.id)
        do {
            try await ledger.send(steps, of: id) { index, step in
                let uuid = Self.uuid(id, piece: index, of: steps.count)
                let body: FeishuAPI.Message
                switch step {
                case .text(let piece): body = .text(piece, uuid: uuid)
                case .media(let media):
                    guard let made = try await Self.upload(media, api: api, uuid: uuid) else {
                        body = .text(Self.tooLarge(media), uuid: uuid)
                        break
                    }
                    body = made
                }
                if let replyTo {
                    do {
                        return try await api.reply(body, to: replyTo)
                    } catch let error as OpenAPIError where error.kind == .rejected {
                        // The message was withdrawn or is gone: say it in the chat instead.
                    }
                }
                try await api.send(body, to: chat)
            }
        } catch let error as OpenAPIError {
            throw error.delivery(pause: 1)
        } catch {
            throw .transient("\(error)")
        }
    }
}
