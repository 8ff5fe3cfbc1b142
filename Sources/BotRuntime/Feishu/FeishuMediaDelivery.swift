package import CampaignCore
import Foundation

/// Charts and the report in 飞书: the message's text first, then the picture (`im/v1/images`, up to 10 MB) or the file
/// (`im/v1/files`, up to 30 MB) as a message of its own, each with its own `uuid`. Anything larger is named in a line
/// of text instead.
extension FeishuDelivery {
    package var sendsMedia: Bool { true }
    package var displayName: String { "飞书" }

    package func deliver(_ message: OutboxMessage, media: RenderedMedia) async throws(DeliveryError) {
        try await send(DeliveryStep.steps(of: message, limit: Self.textLimit, media: media), of: message)
    }

    static let imageLimit = 10 << 20
    static let fileLimit = 30 << 20

    /// Uploads the picture or file; the message that shows it, or nil when it is too large for Feishu.
    static func upload(_ media: RenderedMedia, api: FeishuAPI, uuid: String) async throws -> FeishuAPI.Message? {
        if media.isPicture && media.data.count <= imageLimit {
            let key = try await api.uploadImage(fileName: media.fileName, mimeType: media.mimeType, content: media.data)
            return .image(key: key, uuid: uuid)
        }
        guard media.data.count <= fileLimit else { return nil }
        let key = try await api.uploadFile(
            fileName: media.fileName, fileType: fileType(media), mimeType: media.mimeType, content: media.data)
        return .file(key: key, uuid: uuid)
    }

    /// Feishu's `file_type`: its own kinds by extension, `stream` for anything else (CSV, PNG as a file).
    static func fileType(_ media: RenderedMedia) -> String {
        switch (media.fileName as NSString).pathExtension.lowercased() {
        case "pdf": "pdf"
        case "doc", "docx": "doc"
        case "xls", "xlsx": "xls"
        case "ppt", "pptx": "ppt"
        case "mp4": "mp4"
        default: "stream"
        }
    }

    static func tooLarge(_ media: RenderedMedia) -> String {
        DeliveryStep.tooLarge(media, platform: "飞书", limitMB: 30)
    }
}
