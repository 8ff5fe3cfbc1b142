package import CampaignCore
import Foundation

/// Delivers outbox messages as `m.text` (with a formatted body) replying to the command, with a transaction id
/// derived from the outbox id, so a resend after a crash is deduplicated by the homeserver.
package struct MatrixDelivery: OutboxDelivery {
    package let api: MatrixAPI
    package var transport: String { MatrixTransport.name }
    package func isGroup(_ chat: String) -> Bool { false }

    static func html(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        // Tables (statistics) keep their columns in a monospaced block; other text keeps its line breaks.
        if text.split(separator: "\n").contains(where: { $0.hasPrefix("  ") }) { return "<pre>" + escaped + "</pre>" }
        return escaped.replacingOccurrences(of: "\n", with: "<br/>")
    }

    package func deliver(_ message: OutboxMessage) async throws(DeliveryError) {
        do {
            var content: [String: Any] = [
                "msgtype": "m.text", "body": message.text,
                "format": "org.matrix.custom.html", "formatted_body": Self.html(message.text),
            ]
            if let replyTo = message.replyTo { content["m.relates_to"] = ["m.in_reply_to": ["event_id": replyTo]] }
            try await api.send(room: message.to.chat, transactionID: "cxzy-\(message.id)", content: content)
            if let attachment = message.attachment {
                let uri = try await api.upload(
                    fileName: attachment.fileName, mimeType: attachment.mimeType, content: Data(attachment.content.utf8)
                )
                try await api.send(
                    room: message.to.chat, transactionID: "cxzy-\(message.id)-file",
                    content: [
                        "msgtype": "m.file", "body": attachment.fileName, "url": uri,
                        "info": ["mimetype": attachment.mimeType],
                    ])
            }
        } catch {
            throw .matrix(error)
        }
    }
}
