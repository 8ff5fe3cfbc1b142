import CampaignIntents
import Foundation

/// 历史 W-0001: a record's history — who changed it, when, and what it said before. Each person sees their own
/// records' history, admins any record's; a visit's earlier student data only in a private reply.
extension Turn {
    mutating func history(_ person: Person, _ id: String) throws {
        let entries = state.history[id] ?? []
        let owner = owner(of: id)
        // A withdrawn pledge, visit or work is gone from the records; its history still names who withdrew it.
        let own = owner == person.staffID || owner == nil && entries.contains { $0.by == person.staffID }
        guard person.permission == .admin || own else {
            try reply(owner == nil && entries.isEmpty ? HistoryReply.noSuchRecord(id) : HistoryReply.notYours(id))
            return
        }
        let now = summary(of: id)
        guard !entries.isEmpty else {
            try reply(HistoryReply.unchanged(id, now: now))
            return
        }
        let list = HistoryList(
            id: id, lines: entries.map { HistoryList.Line(entry: $0, name: state.roster[$0.by]?.name) }, now: now)
        guard entries.contains(where: { $0.beforeStudent != nil }) else { return try reply(list) }
        // A visit's earlier student, mode and note are about a minor: in a group only the times and who.
        try replyPrivately(inGroup: HistoryReply.concernsStudent(id, changes: entries.count), list)
    }
}
