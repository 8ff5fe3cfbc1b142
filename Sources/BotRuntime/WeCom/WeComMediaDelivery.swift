package import CampaignCore
import Foundation

/// Charts and the report in 企业微信: WeCom's picture and file messages carry no text, so the message's text goes
/// first, then the picture (a chart, up to 10 MB; the group robot's up to 2 MB) or the file (the report, up to 20 MB).
/// Anything larger is named in a line of text instead, with where to get it.
extension WeComDelivery {
    package var sendsMedia: Bool { true }
    package var displayName: String { "企业微信" }

    package func deliver(_ message: OutboxMessage, media: RenderedMedia) async throws(DeliveryError) {
        try await send(DeliveryStep.steps(of: message, limit: Self.textLimit, media: media), of: message)
    }

    static func send(_ media: RenderedMedia, api: WeComAPI, toUser user: String, agentID: Int) async throws {
        let kind: WeComAPI.MediaKind =
            media.isPicture && media.data.count <= WeComAPI.MediaKind.imageLimit ? .image : .file
        guard media.data.count <= WeComAPI.MediaKind.fileLimit else {
            return try await api.send(toUser: user, agentID: agentID, content: tooLarge(media))
        }
        let mediaID = try await api.uploadMedia(
            kind, fileName: media.fileName, mimeType: media.mimeType, content: media.data)
        try await api.sendMedia(toUser: user, agentID: agentID, kind, mediaID: mediaID)
    }

    static func robotSend(_ media: RenderedMedia, api: WeComAPI, key: String) async throws {
        if media.isPicture && media.data.count <= WeComAPI.MediaKind.robotImageLimit {
            return try await api.robotSendImage(key: key, content: media.data)
        }
        guard media.data.count <= WeComAPI.MediaKind.fileLimit else {
            return try await api.robotSend(key: key, content: tooLarge(media))
        }
        try await api.robotSendFile(key: key, fileName: media.fileName, mimeType: media.mimeType, content: media.data)
    }

    static func tooLarge(_ media: RenderedMedia) -> String {
        DeliveryStep.tooLarge(media, platform: "企业微信", limitMB: 20)
    }
}
