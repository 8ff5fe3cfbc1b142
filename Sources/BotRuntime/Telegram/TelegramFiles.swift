import CampaignCore
package import Foundation
import Logging

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Photos and documents teachers send in a private chat: fetched with `getFile` and the file URL, checked and kept
/// beside the store before the message is handled, so the rules see a stored file (or why it was refused).
extension TelegramTransport {
    /// The file a message carries: the largest size of a photo, or the document.
    static func fileReference(_ message: TelegramObjects.Message) -> (id: String, name: String?, size: Int?)? {
        if let document = message.document { return (document.file_id, document.file_name, document.file_size) }
        guard
            let photo = message.photo?.max(by: {
                ($0.width ?? 0) * ($0.height ?? 0) < ($1.width ?? 0) * ($1.height ?? 0)
            })
        else { return nil }
        return (photo.file_id, nil, photo.file_size)
    }

    /// The message of `update` with its file fetched and kept (private chats only; groups never carry files).
    static func incoming(_ update: TelegramObjects.Update, api: TelegramAPI, intake: FileIntake?, logger: Logger) async
        -> IncomingMessage?
    {
        guard var incoming = incoming(update) else { return nil }
        guard !incoming.isGroup, let intake, let message = update.message, let reference = fileReference(message) else {
            return incoming
        }
        if let refusal = FileIntake.refusal(announcedSize: reference.size) {
            incoming.file = refusal
            return incoming
        }
        do {
            let data = try await api.download(fileID: reference.id)
            incoming.file = try intake.accept(data, fileName: reference.name)
        } catch {
            logger.warning("could not fetch a file a person sent", metadata: ["error": "\(error)"])
            incoming.file = .unavailable("Telegram 暂时没有提供这个文件")
        }
        return incoming
    }
}

extension TelegramAPI {
    /// A file's bytes: `getFile` for its path, then the file URL (`<base>/file/bot<token>/<path>`).
    package func download(fileID: String) async throws -> Data {
        let file: TelegramObjects.File = try await call("getFile", ["file_id": fileID])
        guard let path = file.file_path else { throw TelegramError.rejected(code: 400, "getFile gave no file_path") }
        return try await downloadFile(path: path)
    }
}
