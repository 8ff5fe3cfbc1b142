import Foundation

/// A user on a chat platform.
public struct ChatIdentity: Codable, Sendable, Hashable, CustomStringConvertible {
    public var transport: String
    public var user: String
    public init(transport: String, user: String) {
        self.transport = transport
        self.user = user
    }
    public var key: String { "\(transport):\(user)" }
    public var description: String { key }
}

/// A place to send messages: a private chat or a group/room on a transport.
public struct ChatAddress: Codable, Sendable, Hashable, CustomStringConvertible {
    public var transport: String
    public var chat: String
    public init(transport: String, chat: String) {
        self.transport = transport
        self.chat = chat
    }
    public var description: String { "\(transport):\(chat)" }
}

/// A chat platform's column in the roster: its name (the column header and the transport's name) and how its user
/// ids look. The campaign knows no platform; the runtime hands it these.
public struct ChatPlatformColumn: Sendable {
    public var name: String
    /// Nil when `id` is a well-formed user id on this platform, else what the column expects (in Chinese).
    public var check: @Sendable (_ id: String) -> String?
    /// True when the private chat with a person is addressed by their user id, so the bot can write first.
    public var reachesUserByID: Bool

    public init(name: String, reachesUserByID: Bool, check: @escaping @Sendable (_ id: String) -> String?) {
        self.name = name
        self.reachesUserByID = reachesUserByID
        self.check = check
    }
}
