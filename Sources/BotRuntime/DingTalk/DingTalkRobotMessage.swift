import CampaignCore
import Foundation

/// A message to the robot, as DingTalk delivers it (the `data` of a Stream CALLBACK frame, or the body of the
/// robot's HTTP callback): `conversationType` "1" private, "2" group (only messages that @ the robot reach it).
struct DingTalkRobotMessage: Decodable, Sendable {
    struct Text: Decodable, Sendable { var content: String? }

    var msgId: String?
    var msgtype: String?
    var text: Text?
    var conversationType: String?
    var conversationId: String?
    var senderStaffId: String?
    var isInAtList: Bool?
    var createAt: Int64?

    /// The chat address of a group: its `openConversationId` behind a prefix no staff userid has (`:` is not allowed
    /// in roster userids), so a private chat and a group are never confused.
    static let groupPrefix = "group:"

    /// What the rules read, and the id DingTalk's redeliveries repeat; nil for what the bot does not answer
    /// (someone outside the organisation, a group message that does not @ the robot). `mention` is the name the bot
    /// answers to in groups: DingTalk removes the @ from the text, so it is put back for the parser.
    func incoming(mention: String) -> (message: IncomingMessage, deliveryID: String)? {
        guard let user = senderStaffId, !user.isEmpty else { return nil }
        let isGroup = conversationType == "2"
        let identity = ChatIdentity(transport: DingTalkTransport.name, user: user)
        let deliveryID = msgId.flatMap { $0.isEmpty ? nil : $0 } ?? "\(user):\(createAt ?? 0)"
        if isGroup {
            guard isInAtList == true, let conversation = conversationId, !conversation.isEmpty, msgtype == "text" else {
                return nil
            }
            let text = "@\(mention) " + (text?.content ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let chat = ChatAddress(transport: DingTalkTransport.name, chat: Self.groupPrefix + conversation)
            return (
                IncomingMessage(identity: identity, chat: chat, isGroup: true, messageID: msgId, text: text), deliveryID
            )
        }
        // A picture, voice or file in the private chat: the rules answer that only text commands are read.
        let text = msgtype == "text" ? (text?.content ?? "").trimmingCharacters(in: .whitespacesAndNewlines) : ""
        let chat = ChatAddress(transport: DingTalkTransport.name, chat: user)
        return (IncomingMessage(identity: identity, chat: chat, messageID: msgId, text: text), deliveryID)
    }
}
