package import CampaignCore
import Foundation

/// Delivers outbox messages as the app's text messages (`message/send` to the member's userid), or to the staff group
/// through the group robot (the chat `WeComTransport.robotChat`). Texts longer than WeCom's 2,048 bytes go in pieces;
/// pictures and files follow the text (`WeComMediaDelivery.swift`).
///
/// WeCom has no idempotency key on send: a message sent just before a crash, whose sent mark was not yet durable, is
/// sent again after the restart (at most the messages in flight at that moment; nothing is lost).
package struct WeComDelivery: OutboxDelivery {
    let api: WeComAPI
    let agentID: Int
    let robotKey: String?
    private let ledger = PieceLedger()

    /// WeCom's limit on a text message's content, in UTF-8 bytes.
    static let textLimit = 2048

    package var transport: String { WeComTransport.name }

    package init(api: WeComAPI, agentID: Int, robotKey: String?) {
        self.api = api
        self.agentID = agentID
        self.robotKey = robotKey
    }

    /// The robot's group is a group (its own, stricter limit); members' app chats are not.
    package func isGroup(_ chat: String) -> Bool { chat == WeComTransport.robotChat }

    /// The text in pieces; an attached file (the CSV of 导出) follows as a file message.
    package func deliver(_ message: OutboxMessage) async throws(DeliveryError) {
        try await send(DeliveryStep.steps(of: message, limit: Self.textLimit), of: message)
    }

    /// Sends the steps not sent yet, in order; WeCom's answers become the outbox's.
    func send(_ steps: [DeliveryStep], of message: OutboxMessage) async throws(DeliveryError) {
        let (api, agentID, chat) = (self.api, self.agentID, message.to.chat)
        // The staff group's messages go through its robot, by key; a member's through the app.
        let robot = chat == WeComTransport.robotChat ? robotKey : nil
        guard chat != WeComTransport.robotChat || robot != nil else {
            throw .rejected("no group robot is configured (CXZY_WECOM_ROBOT_KEY)")
        }
        do {
            try await ledger.send(steps, of: message.id) { _, step in
                switch step {
                case .text(let piece):
                    if let robot {
                        try await api.robotSend(key: robot, content: piece)
                    } else {
                        try await api.send(toUser: chat, agentID: agentID, content: piece)
                    }
                case .media(let media):
                    if let robot {
                        try await Self.robotSend(media, api: api, key: robot)
                    } else {
                        try await Self.send(media, api: api, toUser: chat, agentID: agentID)
                    }
                }
            }
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
