import CampaignCore
import Foundation

/// An event callback's plaintext: the URL check (`type` "url_verification", `challenge`, `token`) or a v2 event
/// (`schema` "2.0", `header` with `event_id`, `event_type` and `token`, and the `event`). Only the fields the bot
/// reads are decoded.
struct FeishuEvent: Decodable, Sendable {
    struct Header: Decodable, Sendable {
        var event_id: String?
        var event_type: String?
        var token: String?
    }
    struct UserID: Decodable, Sendable {
        var open_id: String?
        var user_id: String?
    }
    struct Sender: Decodable, Sendable {
        var sender_id: UserID?
        var sender_type: String?
    }
    struct Mention: Decodable, Sendable {
        var key: String?
        var id: UserID?
        var name: String?
    }
    struct Message: Decodable, Sendable {
        var message_id: String?
        var chat_id: String?
        var chat_type: String?
        var message_type: String?
        var content: String?
        var mentions: [Mention]?
    }
    struct Body: Decodable, Sendable {
        var sender: Sender?
        var message: Message?
    }

    var type: String?
    var challenge: String?
    var token: String?
    var schema: String?
    var header: Header?
    var event: Body?

    /// The verification token the event carries (in the header for v2 events, at the top for the URL check).
    var verificationToken: String? { header?.token ?? token }

    static let messageReceived = "im.message.receive_v1"

    /// What the rules read from an `im.message.receive_v1` event; nil for what the bot does not answer (other
    /// events, other apps and bots, group messages that do not @ the bot). A person is their `open_id`. In a group the
    /// bot's mention is put first as `@<botOpenID>`, the name the parser answers to.
    func incoming(botOpenID: String) -> IncomingMessage? {
        guard header?.event_type == Self.messageReceived, let message = event?.message,
            event?.sender?.sender_type == "user", let user = event?.sender?.sender_id?.open_id, !user.isEmpty
        else { return nil }
        let identity = ChatIdentity(transport: FeishuTransport.name, user: user)
        var text = ""
        if message.message_type == "text", let content = message.content,
            let parsed = try? JSONDecoder().decode([String: String].self, from: Data(content.utf8))
        {
            text = parsed["text"] ?? ""
        }
        var mentionsBot = false
        for mention in message.mentions ?? [] {
            guard let key = mention.key, !key.isEmpty else { continue }
            let isBot = mention.id?.open_id == botOpenID
            mentionsBot = mentionsBot || isBot
            text = text.replacingOccurrences(of: key, with: isBot ? "" : "@" + (mention.name ?? ""))
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if message.chat_type == "group" {
            guard mentionsBot, message.message_type == "text", let chat = message.chat_id, !chat.isEmpty else {
                return nil
            }
            return IncomingMessage(
                identity: identity, chat: ChatAddress(transport: FeishuTransport.name, chat: chat), isGroup: true,
                messageID: message.message_id, text: "@\(botOpenID) " + text)
        }
        // A picture or file in the private chat: the rules answer that only text commands are read.
        return IncomingMessage(
            identity: identity, chat: ChatAddress(transport: FeishuTransport.name, chat: user),
            messageID: message.message_id, text: text)
    }
}
