import Foundation

/// One line of the roster.
package struct Person: Codable, Sendable, Hashable {
    package var staffID: String
    package var name: String
    package var roles: [Role]
    package var branch: String
    package var partyMember: Bool
    package var permission: Permission
    /// The person's user id on each chat platform the roster lists (platform name → user id): such a person is bound
    /// automatically on that platform.
    package var chats: [String: String]
    /// False once a later roster import no longer lists the person: they keep their records but cannot use the bot.
    package var active: Bool

    package init(
        staffID: String, name: String, roles: [Role], branch: String, partyMember: Bool,
        permission: Permission = .teacher, chats: [String: String] = [:], active: Bool = true
    ) {
        self.staffID = staffID
        self.name = name
        self.roles = roles
        self.branch = branch
        self.partyMember = partyMember
        self.permission = permission
        self.chats = chats
        self.active = active
    }

    package func has(_ role: Role) -> Bool { roles.contains(role) }

    /// Frontline Party members teach a demonstration lesson.
    package var teachesDemoLesson: Bool { partyMember && has(.frontline) }

    package func mayStrive(for rule: StarRule) -> Bool {
        rule.eligibleRoles.isEmpty || rule.eligibleRoles.contains { roles.contains($0) }
    }

    /// The chat identities the roster lists for this person, in platform order.
    package var listedIdentities: [ChatIdentity] {
        chats.sorted { $0.key < $1.key }.map { ChatIdentity(transport: $0.key, user: $0.value) }
    }
}
