package import CampaignCore
import Foundation

// The Bot API objects the bot reads, and the message an update carries. A file of its own, with Foundation and
// CampaignCore only, so the fuzz targets compile it as it is.

/// The Bot API objects the bot reads. Unknown fields are ignored; an update the bot cannot read is skipped, not fatal.
package enum TelegramObjects {
    package struct User: Decodable, Sendable {
        package var id: Int64
        package var is_bot: Bool?
        package var username: String?
        package var first_name: String?
    }

    package struct Chat: Decodable, Sendable {
        package var id: Int64
        package var type: String
    }

    package struct Message: Decodable, Sendable {
        package var message_id: Int64
        package var from: User?
        package var chat: Chat
        package var text: String?
        package var caption: String?
        /// A photo in several sizes, smallest first.
        package var photo: [PhotoSize]?
        package var document: Document?
    }

    package struct Update: Decodable, Sendable {
        package var update_id: Int64
        package var message: Message?

        package init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            update_id = try c.decode(Int64.self, forKey: .update_id)
            // A message the bot cannot read (a new kind of content) must not block the offset.
            message = try? c.decodeIfPresent(Message.self, forKey: .message)
        }

        enum CodingKeys: String, CodingKey { case update_id, message }
    }

    /// A `result` the bot does not read (the sent message): present, but not decoded field by field.
    package struct Ignored: Decodable, Sendable {
        init() {}
        package init(from decoder: any Decoder) throws {}
    }

    struct Envelope<T: Decodable>: Decodable {
        struct Parameters: Decodable { var retry_after: Int? }
        var ok: Bool
        var result: T?
        var error_code: Int?
        var description: String?
        var parameters: Parameters?
    }
}

extension TelegramObjects {
    package struct PhotoSize: Decodable, Sendable {
        package var file_id: String
        package var file_size: Int?
        package var width: Int?
        package var height: Int?
    }

    package struct Document: Decodable, Sendable {
        package var file_id: String
        package var file_name: String?
        package var mime_type: String?
        package var file_size: Int?
    }

    package struct File: Decodable, Sendable {
        package var file_id: String
        package var file_size: Int?
        package var file_path: String?
    }
}

extension TelegramTransport {
    /// The message an update carries, as the dispatcher reads it; nil for what the bot ignores (other bots, channels).
    package static func incoming(_ update: TelegramObjects.Update) -> IncomingMessage? {
        guard let message = update.message, let from = message.from, from.is_bot != true else { return nil }
        let type = message.chat.type
        guard type == "private" || type == "group" || type == "supergroup" else { return nil }
        let isGroup = type != "private"
        // In a group only text can be a command; in a private chat a photo or sticker gets a hint.
        guard let text = message.text ?? (isGroup ? nil : message.caption ?? "") else { return nil }
        return IncomingMessage(
            identity: ChatIdentity(transport: name, user: String(from.id)),
            chat: ChatAddress(transport: name, chat: String(message.chat.id)),
            isGroup: isGroup, messageID: String(message.message_id), text: text)
    }
}
