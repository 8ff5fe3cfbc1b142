import CampaignCore
package import Foundation
import Logging

/// Photos (`m.image`) and files (`m.file`) teachers send in a direct room: downloaded from the media repository,
/// checked and kept beside the store before the message is handled. In group rooms they are ignored.
extension MatrixObjects {
    package struct FileInfo: Decodable, Sendable {
        package var size: Int?
        package var mimetype: String?
    }
}

extension MatrixSyncer {
    /// The message for an `m.image` / `m.file` event from someone else in a direct room; nil for any other event.
    func fileMessage(_ event: MatrixObjects.Event, roomID: String) async throws -> IncomingMessage? {
        guard event.type == "m.room.message", let sender = event.sender, sender != connection.userID,
            let content = event.content, content.msgtype == "m.image" || content.msgtype == "m.file",
            let url = content.url
        else { return nil }
        guard try await isDirect(roomID) else { return nil }
        // With `filename` set, `body` is a caption (`附件 W-0003`); otherwise it is only the file's name.
        let caption = content.filename != nil && content.body != content.filename ? content.body ?? "" : ""
        let name = content.filename ?? content.body
        var file: IncomingFile
        if let refusal = FileIntake.refusal(announcedSize: content.info?.size) {
            file = refusal
        } else {
            do {
                file = try bot.intake.accept(try await api.download(url), fileName: name)
            } catch let error as MatrixError {
                if case .unauthorized = error { throw error }
                logger.warning("could not fetch a file a person sent", metadata: ["error": "\(error.description)"])
                file = .unavailable("服务器暂时没有提供这个文件")
            }
        }
        return IncomingMessage(
            identity: ChatIdentity(transport: MatrixTransport.name, user: sender),
            chat: ChatAddress(transport: MatrixTransport.name, chat: roomID), isGroup: false,
            messageID: event.event_id, text: caption, file: file)
    }
}

extension MatrixAPI {
    /// The bytes of an `mxc://server/id` URI (the authenticated media API of Matrix 1.11).
    package func download(_ mxc: String) async throws -> Data {
        guard mxc.hasPrefix("mxc://") else { throw MatrixError.rejected(code: 400, "not an mxc URI: \(mxc)") }
        let parts = mxc.dropFirst(6).split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw MatrixError.rejected(code: 400, "not an mxc URI: \(mxc)") }
        return try await request(
            "GET", "/_matrix/client/v1/media/download/\(Self.escape(parts[0]))/\(Self.escape(parts[1]))",
            timeout: 120)
    }
}
