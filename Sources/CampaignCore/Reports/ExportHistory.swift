import CampaignIntents
import Foundation

/// "修改已留档": an export shows what was corrected and what was withdrawn, not only what stands.
extension Export {
    /// The `status` of a withdrawn pledge, visit or work.
    static let withdrawnStatus = "withdrawn"

    /// A record's corrections, oldest first, one a line: `2010-10-12 10:00 A001 修改；之前：…` (a visit's earlier
    /// student is not repeated here: it is in the row's own fields while the record stands).
    /// `students: .omitted` also cuts the details a visit's line held before student data had a type of its own.
    static func history(_ state: BotState, _ id: String, students: Students = .shown) -> [(String, String)] {
        guard let entries = state.history[id], !entries.isEmpty else { return [] }
        let lines = entries.map { entry in
            let time = CampaignTime.format(entry.at).prefix(16).replacingOccurrences(of: "T", with: " ")
            return "\(time) \(entry.by) \(entry.action)；之前：\(shareable(entry.before, students))"
        }
        return [("history", lines.joined(separator: "\n"))]
    }

    /// Pledges, visits and works withdrawn (on or before `until`, when given): gone from the records, listed from
    /// their history with what they said before, whose they were (when the history kept it) and the status 已撤销.
    static func withdrawn(
        state: BotState, what: What, until: CalendarDate?, students: Students, student: (StudentData) -> String
    ) -> [[(String, String)]] {
        let kinds: [(prefix: String, type: String, what: What)] = [
            ("P-", "pledge", .pledges), ("V-", "visit", .visits), ("W-", "work", .works),
        ]
        var out: [[(String, String)]] = []
        for (id, entries) in state.history.sorted(by: { $0.key < $1.key }) {
            guard let last = entries.last, last.action == "撤销",
                let kind = kinds.first(where: { id.hasPrefix($0.prefix) }), what == .all || what == kind.what,
                until.map({ CampaignTime.local(last.at).date <= $0 }) ?? true,
                !state.pledges.contains(where: { $0.id == id }), !state.visits.contains(where: { $0.id == id }),
                !state.works.contains(where: { $0.id == id })
            else { continue }
            let person = last.owner.flatMap { state.roster[$0] }
            var row: [(String, String)] = [
                ("type", kind.type), ("id", id), ("staff_id", last.owner ?? ""), ("name", person?.name ?? ""),
                ("branch", person?.branch ?? ""), ("date", CampaignTime.local(last.at).date.description),
                ("text", shareable(last.before, students)), ("status", withdrawnStatus),
            ]
            if kind.type == "visit", students == .shown {
                row.append(("student", last.beforeStudent.map(student) ?? ""))
            }
            row.append(("recorded_at", CampaignTime.format(last.at)))
            out.append(row + history(state, id, students: students))
        }
        return out
    }

    /// A history line as the back office may show it: a visit's line from before student data had its own type held
    /// the student after the date, and loses it.
    static func shareable(_ line: String, _ students: Students) -> String {
        guard students == .omitted else { return line }
        return BotState.legacyDetails(line) ?? line
    }
}
