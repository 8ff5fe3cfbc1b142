import Foundation

/// A user on a chat platform.
package struct ChatIdentity: Codable, Sendable, Hashable, CustomStringConvertible {
    package var transport: String
    package var user: String
    package init(transport: String, user: String) {
        self.transport = transport
        self.user = user
    }
    package var key: String { "\(transport):\(user)" }
    package var description: String { key }
}

/// A place to send messages: a private chat or a group/room on a transport.
package struct ChatAddress: Codable, Sendable, Hashable, CustomStringConvertible {
    package var transport: String
    package var chat: String
    package init(transport: String, chat: String) {
        self.transport = transport
        self.chat = chat
    }
    package var description: String { "\(transport):\(chat)" }
}

/// A chat platform's column in the roster: its name (the column header and the transport's name) and how its user
/// ids look. The campaign knows no platform; the runtime hands it these.
package struct ChatPlatformColumn: Sendable {
    package var name: String
    /// Nil when `id` is a well-formed user id on this platform, else what the column expects (in Chinese).
    package var check: @Sendable (_ id: String) -> String?
    /// True when the private chat with a person is addressed by their user id, so the bot can write first.
    package var reachesUserByID: Bool

    package init(name: String, reachesUserByID: Bool, check: @escaping @Sendable (_ id: String) -> String?) {
        self.name = name
        self.reachesUserByID = reachesUserByID
        self.check = check
    }
}
