import CampaignCore
import Foundation

/// Delivers outbox messages as the bot's text messages: a reply to the command it answers
/// (`im/v1/messages/:message_id/reply`), otherwise a new message to the person (`open_id`) or group (`chat_id`).
/// Each piece carries the outbox id as its `uuid`, so a resend after a crash (its sent mark was not yet durable) is
/// deduplicated by Feishu: exactly once both ways.
struct FeishuDelivery: OutboxDelivery {
    let api: FeishuAPI
    private let ledger = PieceLedger()

    /// Text per message, in UTF-8 bytes (Feishu takes up to 150 KB a request; long texts read better in pieces).
    static let textLimit = 8000

    var transport: String { FeishuTransport.name }

    init(api: FeishuAPI) { self.api = api }

    func isGroup(_ chat: String) -> Bool { chat.hasPrefix(FeishuTransport.chatPrefix) }

    /// The request's idempotency key for piece `index` of outbox message `id` (at most 50 characters).
    static func uuid(_ id: Int, piece index: Int, of count: Int) -> String {
        count == 1 ? "cxzy-\(id)" : "cxzy-\(id)-\(index)"
    }

    func deliver(_ message: OutboxMessage) async throws(DeliveryError) {
        var text = message.text
        if let attachment = message.attachment {
            // A file message needs an upload; the file's text goes inline.
            text += "\n\n【\(attachment.fileName)】\n" + attachment.content
        }
        let pieces = MessageSplitter.split(text, limit: Self.textLimit, unit: .utf8)
        let (api, chat, replyTo, id) = (self.api, message.to.chat, message.replyTo, message.id)
        do {
            try await ledger.send(pieces, of: id) { index, piece in
                let uuid = Self.uuid(id, piece: index, of: pieces.count)
                if let replyTo {
                    do {
                        return try await api.reply(to: replyTo, text: piece, uuid: uuid)
                    } catch let error as OpenAPIError where error.kind == .rejected {
                        // The message was withdrawn or is gone: say it in the chat instead.
                    }
                }
                try await api.send(to: chat, text: piece, uuid: uuid)
            }
        } catch let error as OpenAPIError {
            throw error.delivery(pause: 1)
        } catch {
            throw .transient("\(error)")
        }
    }
}
