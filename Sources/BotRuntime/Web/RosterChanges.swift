import CampaignCore
import Foundation

/// What importing a roster file would change: who is new, whose entry changes (and how), who is no longer listed and
/// would be deactivated. Decided from the parsed file and the roster as it stands; nothing is written.
struct RosterChanges: Sendable {
    struct Changed: Sendable {
        var person: Person
        var what: [String]
    }

    var people: [Person]
    var added: [Person]
    var changed: [Changed]
    var unchanged: Int
    var deactivated: [Person]

    init(file people: [Person], roster: [String: Person]) {
        self.people = people
        added = people.filter { roster[$0.staffID] == nil }
        var changed: [Changed] = []
        var unchanged = 0
        for person in people {
            guard let old = roster[person.staffID] else { continue }
            let what = Self.differences(old, person)
            if what.isEmpty { unchanged += 1 } else { changed.append(Changed(person: person, what: what)) }
        }
        self.changed = changed
        self.unchanged = unchanged
        let listed = Set(people.map(\.staffID))
        deactivated = roster.values.filter { $0.active && !listed.contains($0.staffID) }.sorted {
            $0.staffID < $1.staffID
        }
    }

    var isEmpty: Bool { added.isEmpty && changed.isEmpty && deactivated.isEmpty }

    static func differences(_ old: Person, _ new: Person) -> [String] {
        var out: [String] = []
        if !old.active { out.append("重新启用") }
        if old.name != new.name { out.append("姓名 \(old.name) → \(new.name)") }
        if old.branch != new.branch { out.append("支部 \(show(old.branch)) → \(show(new.branch))") }
        if Set(old.roles) != Set(new.roles) { out.append("角色 \(roles(old)) → \(roles(new))") }
        if old.partyMember != new.partyMember {
            out.append("党员 \(old.partyMember ? "是" : "否") → \(new.partyMember ? "是" : "否")")
        }
        if old.permission != new.permission {
            out.append("权限 \(old.permission.chineseName) → \(new.permission.chineseName)")
        }
        for platform in Set(old.chats.keys).union(new.chats.keys).sorted()
        where old.chats[platform] != new.chats[platform] {
            out.append(
                "\(platform) 账号" + (new.chats[platform] == nil ? "删除" : old.chats[platform] == nil ? "新增" : "更改"))
        }
        return out
    }

    static func show(_ text: String) -> String { text.isEmpty ? "（无）" : text }
    static func roles(_ person: Person) -> String {
        person.roles.isEmpty ? "（无）" : person.roles.map(\.chineseName).joined(separator: "、")
    }

    /// A fingerprint of the roster, so a preview is applied only to the roster it was made from.
    static func fingerprint(_ roster: [String: Person]) -> String {
        roster.values.sorted { $0.staffID < $1.staffID }.map {
            [
                $0.staffID, $0.name, $0.branch, $0.permission.rawValue, $0.active ? "1" : "0",
                $0.partyMember ? "1" : "0",
                $0.roles.map(\.rawValue).joined(separator: "+"),
                $0.chats.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "+"),
            ]
            .joined(separator: "|")
        }.joined(separator: "\n")
    }
}

/// Previews waiting for the admin's 确认导入, in memory, for 30 minutes; each is applied at most once, by the admin
/// who made it.
actor RosterPreviews {
    struct Pending: Sendable {
        var staffID: String
        var changes: RosterChanges
        var fingerprint: String
        var expires: Date
    }

    private var pending: [String: Pending] = [:]

    func keep(_ preview: Pending) -> String {
        let now = preview.expires - 30 * 60
        pending = pending.filter { $0.value.expires > now }
        let id = WebLogins.randomToken()
        pending[id] = preview
        return id
    }

    func take(_ id: String, staffID: String, now: Date) -> Pending? {
        guard let found = pending[id], found.staffID == staffID else { return nil }
        pending[id] = nil
        return found.expires > now ? found : nil
    }
}
