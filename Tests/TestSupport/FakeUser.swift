package import CampaignCore
import Foundation

/// A person on a fake Telegram, as a transport would deliver their messages.
package struct FakeUser: Sendable {
    package var identity: ChatIdentity
    package var chat: ChatAddress

    /// A private chat on `transport` whose user id is `user` (Telegram: the private chat id equals the user id).
    package init(_ user: String, transport: String = "telegram") {
        identity = ChatIdentity(transport: transport, user: user)
        chat = ChatAddress(transport: transport, chat: user)
    }

    /// A stable numeric Telegram id for a staff id: `T001` → `84001`.
    package static func telegramID(for staffID: String) -> String {
        String(staffID.unicodeScalars.first.map { $0.value } ?? 0) + staffID.dropFirst()
    }

    package static func of(_ staffID: String) -> FakeUser { FakeUser(telegramID(for: staffID)) }
}

/// The group chat of a branch, where people talk with slash commands.
package let staffRoom = ChatAddress(transport: "telegram", chat: "-100200300")

/// `haystack` contains each needle, in this order.
package func containsInOrder(_ haystack: String, _ needles: [String]) -> Bool {
    var rest = haystack[...]
    for needle in needles {
        guard let range = rest.range(of: needle) else { return false }
        rest = rest[range.upperBound...]
    }
    return true
}
