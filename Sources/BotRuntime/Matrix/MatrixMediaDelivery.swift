package import CampaignCore
import Foundation

/// The text as usual (a reply to the command), then the picture as `m.image` or the document as `m.file`, uploaded
/// to the homeserver's media repository; both with transaction ids derived from the outbox id.
extension MatrixDelivery {
    package var sendsMedia: Bool { true }
    package var displayName: String { "Matrix" }

    package func deliver(_ message: OutboxMessage, media: RenderedMedia) async throws(DeliveryError) {
        try await deliver(message)
        do {
            let uri = try await api.upload(fileName: media.fileName, mimeType: media.mimeType, content: media.data)
            var info: [String: Any] = ["mimetype": media.mimeType, "size": media.data.count]
            if media.isPicture, let (w, h) = Self.pngSize(media.data) {
                info["w"] = w
                info["h"] = h
            }
            try await api.send(
                room: message.to.chat, transactionID: "cxzy-\(message.id)-media",
                content: [
                    "msgtype": media.isPicture ? "m.image" : "m.file", "body": media.fileName,
                    "filename": media.fileName,
                    "url": uri, "info": info,
                ])
        } catch {
            throw .matrix(error)
        }
    }

    /// Width and height from a PNG's IHDR chunk (clients lay the picture out before it loads).
    static func pngSize(_ data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, FileKind.detect(data) == .png else { return nil }
        func be32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }
}
