package import CampaignCore
package import Foundation

/// Pictures (charts, attached photos) go as `sendPhoto`, documents (the report, attached files) as `sendDocument`,
/// with the message's text as the caption when it fits Telegram's 1,024 characters, else the text first.
extension TelegramDelivery {
    package var sendsMedia: Bool { true }
    package var displayName: String { "Telegram" }

    package func deliver(_ message: OutboxMessage, media: RenderedMedia) async throws(DeliveryError) {
        let fits = message.text.count <= 1000
        if !fits { try await deliver(message) }
        do {
            let replyTo = fits ? message.replyTo.flatMap(Int64.init) : nil
            let caption = fits ? message.text : nil
            if media.isPicture && media.data.count <= 10 << 20 {
                try await api.sendPhoto(
                    chat: message.to.chat, fileName: media.fileName, mimeType: media.mimeType,
                    content: media.data, caption: caption, replyTo: replyTo)
            } else {
                try await api.sendDocument(
                    chat: message.to.chat, fileName: media.fileName, mimeType: media.mimeType,
                    content: media.data, caption: caption, replyTo: replyTo)
            }
        } catch {
            throw .telegram(error)
        }
    }
}

extension TelegramAPI {
    /// Uploads a picture with `sendPhoto` (Telegram shows it inline; at most 10 MB).
    package func sendPhoto(
        chat: String, fileName: String, mimeType: String, content: Data, caption: String?,
        replyTo: Int64?
    ) async throws {
        try await sendFile(
            "sendPhoto", fileField: "photo", chat: chat, fileName: fileName, mimeType: mimeType, content: content,
            caption: caption, replyTo: replyTo)
    }
}
