import Foundation

/// One line of the roster.
public struct Person: Codable, Sendable, Hashable {
    public var staffID: String
    public var name: String
    public var roles: [Role]
    public var branch: String
    public var partyMember: Bool
    public var permission: Permission
    /// The person's user id on each chat platform the roster lists (platform name → user id): such a person is bound
    /// automatically on that platform.
    public var chats: [String: String]
    /// False once a later roster import no longer lists the person: they keep their records but cannot use the bot.
    public var active: Bool

    public init(staffID: String, name: String, roles: [Role], branch: String, partyMember: Bool,
                permission: Permission = .teacher, chats: [String: String] = [:], active: Bool = true) {
        self.staffID = staffID
        self.name = name
        self.roles = roles
        self.branch = branch
        self.partyMember = partyMember
        self.permission = permission
        self.chats = chats
        self.active = active
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }

    /// Frontline Party members teach a demonstration lesson.
    public var teachesDemoLesson: Bool { partyMember && has(.frontline) }

    public func mayStrive(for rule: StarRule) -> Bool {
        rule.eligibleRoles.isEmpty || rule.eligibleRoles.contains { roles.contains($0) }
    }

    /// The chat identities the roster lists for this person, in platform order.
    public var listedIdentities: [ChatIdentity] {
        chats.sorted { $0.key < $1.key }.map { ChatIdentity(transport: $0.key, user: $0.value) }
    }
}
