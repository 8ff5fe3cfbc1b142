package import CampaignCore
import CampaignIntents
import Foundation
import Logging
import Hummingbird
import ServiceLifecycle

/// Delivers outbox messages with sendMessage / sendDocument.
package struct TelegramDelivery: OutboxDelivery {
    package let api: TelegramAPI
    package var transport: String { TelegramTransport.name }
    /// Pieces of long messages already sent, so a retry resumes instead of repeating the first part.
    private let ledger = PieceLedger()

    package init(api: TelegramAPI) { self.api = api }

    /// Telegram group and supergroup ids are negative.
    package func isGroup(_ chat: String) -> Bool { chat.hasPrefix("-") }

    package func deliver(_ message: OutboxMessage) async throws(DeliveryError) {
        do {
            let replyTo = message.replyTo.flatMap(Int64.init)
            if let attachment = message.attachment {
                try await api.sendDocument(
                    chat: message.to.chat, fileName: attachment.fileName, mimeType: attachment.mimeType,
                    content: Data(attachment.content.utf8), caption: message.text, replyTo: replyTo)
                return
            }
            try await ledger.send(MessageSplitter.split(message.text), of: message.id) { i, piece in
                try await api.sendMessage(chat: message.to.chat, text: piece, replyTo: i == 0 ? replyTo : nil)
            }
        } catch {
            throw .telegram(error)
        }
    }
}
