import CampaignCore
import Foundation

/// Delivers outbox messages as the app's text messages (`message/send` to the member's userid), or to the staff group
/// through the group robot (the chat `WeComTransport.robotChat`). Texts longer than WeCom's 2,048 bytes go in pieces.
///
/// WeCom has no idempotency key on send: a message sent just before a crash, whose sent mark was not yet durable, is
/// sent again after the restart (at most the messages in flight at that moment; nothing is lost).
struct WeComDelivery: OutboxDelivery {
    let api: WeComAPI
    let agentID: Int
    let robotKey: String?
    private let ledger = PieceLedger()

    /// WeCom's limit on a text message's content, in UTF-8 bytes.
    static let textLimit = 2048

    var transport: String { WeComTransport.name }

    init(api: WeComAPI, agentID: Int, robotKey: String?) {
        self.api = api
        self.agentID = agentID
        self.robotKey = robotKey
    }

    /// The robot's group is a group (its own, stricter limit); members' app chats are not.
    func isGroup(_ chat: String) -> Bool { chat == WeComTransport.robotChat }

    func deliver(_ message: OutboxMessage) async throws(DeliveryError) {
        var text = message.text
        if let attachment = message.attachment {
            // The app's file messages need a media upload; until then the file's text goes inline.
            text += "\n\n【\(attachment.fileName)】\n" + attachment.content
        }
        let pieces = MessageSplitter.split(text, limit: Self.textLimit, unit: .utf8)
        let (api, agentID, chat) = (self.api, self.agentID, message.to.chat)
        do {
            if chat == WeComTransport.robotChat {
                guard let robotKey else {
                    throw DeliveryError.rejected("no group robot is configured (CXZY_WECOM_ROBOT_KEY)")
                }
                try await ledger.send(pieces, of: message.id) { _, piece in
                    try await api.robotSend(key: robotKey, content: piece)
                }
            } else {
                try await ledger.send(pieces, of: message.id) { _, piece in
                    try await api.send(toUser: chat, agentID: agentID, content: piece)
                }
            }
        } catch let error as DeliveryError {
            throw error
        } catch let error as WeComError {
            switch error {
            // The robot's limit is per minute: wait until the minute has passed. The app's is per member: back off.
            case .tooFrequent where chat == WeComTransport.robotChat: throw .retryAfter(seconds: 60)
            case .tooFrequent: throw .transient(error.description)
            case .tokenExpired, .transient: throw .transient(error.description)
            case .rejected: throw .rejected(error.description)
            case .refused: throw .fatal(error.description)
            }
        } catch {
            throw .transient("\(error)")
        }
    }
}
