import CampaignCore
import Foundation

/// Delivers outbox messages as the robot's text messages: `oToMessages/batchSend` to a member's private chat (the chat
/// is their staff userid), `groupMessages/send` to a group (`group:<openConversationId>`). Long texts go in pieces.
///
/// The robot send APIs have no idempotency key: a message sent just before a crash, whose sent mark was not yet
/// durable, is sent again after the restart (at most the messages in flight at that moment; nothing is lost).
/// `sessionWebhook` is not used: it expires (about 90 minutes) and the outbox may send after a restart.
struct DingTalkDelivery: OutboxDelivery {
    let api: DingTalkAPI
    private let ledger = PieceLedger()

    /// The robot's limit on a text message's content, in UTF-8 bytes (kept well under DingTalk's).
    static let textLimit = 4000

    var transport: String { DingTalkTransport.name }

    init(api: DingTalkAPI) { self.api = api }

    func isGroup(_ chat: String) -> Bool { chat.hasPrefix(DingTalkRobotMessage.groupPrefix) }

    func deliver(_ message: OutboxMessage) async throws(DeliveryError) {
        var text = message.text
        if let attachment = message.attachment {
            // A file message needs a media upload; the file's text goes inline.
            text += "\n\n【\(attachment.fileName)】\n" + attachment.content
        }
        let pieces = MessageSplitter.split(text, limit: Self.textLimit, unit: .utf8)
        let (api, chat) = (self.api, message.to.chat)
        do {
            if isGroup(chat) {
                let conversation = String(chat.dropFirst(DingTalkRobotMessage.groupPrefix.count))
                try await ledger.send(pieces, of: message.id) { _, piece in
                    try await api.send(toGroup: conversation, content: piece)
                }
            } else {
                try await ledger.send(pieces, of: message.id) { _, piece in
                    try await api.send(toUser: chat, content: piece)
                }
            }
        } catch let error as OpenAPIError {
            throw error.delivery(pause: 2)
        } catch {
            throw .transient("\(error)")
        }
    }
}
