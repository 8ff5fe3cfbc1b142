package import CampaignCore
import Foundation

/// One platform message of an outbox message, where picture and file messages carry no text: a piece
/// of the text, or a picture or file after it. A `PieceLedger` sends them in order and resumes at the one that failed.
package enum DeliveryStep: Sendable {
    case text(String)
    case media(RenderedMedia)

    /// The text in pieces of at most `limit` UTF-8 bytes, then the attached file (the CSV of 导出) and `media`.
    static func steps(of message: OutboxMessage, limit: Int, media: RenderedMedia? = nil) -> [DeliveryStep] {
        var pieces = MessageSplitter.split(message.text, limit: limit, unit: .utf8)
        if media != nil || message.attachment != nil { pieces.removeAll { $0.isEmpty } }
        var steps = pieces.map(DeliveryStep.text)
        if let attachment = message.attachment {
            steps.append(
                .media(
                    RenderedMedia(
                        fileName: attachment.fileName, mimeType: attachment.mimeType,
                        data: Data(attachment.content.utf8), isPicture: false)))
        }
        if let media { steps.append(.media(media)) }
        return steps
    }

    /// A line in place of a file larger than the platform takes.
    static func tooLarge(_ media: RenderedMedia, platform: String, limitMB: Int) -> String {
        let megabytes = String(format: "%.1f", Double(media.data.count) / 1_048_576)
        return
            "【\(media.fileName)】\(megabytes) MB，超过\(platform) \(limitMB) MB 的上限，没有发出。请向党总支管理员索取（cxzy report 可在服务器上生成）。"
    }
}
