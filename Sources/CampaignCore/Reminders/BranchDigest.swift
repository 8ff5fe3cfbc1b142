package import CampaignIntents
import Foundation

/// A secretary's view of their branch (`未完成` alone, and the weekly digest): the next milestone, then who has not
/// done what — `CampaignQuery.missing(.all)`, the rows every one-kind list is made of, those who have not pledged
/// included; a duty whose phase is over is marked 已截止.
extension Reports {
    package struct Digest {
        /// The next milestone on or after today, if the campaign has one left.
        package var next: Milestone?
        package var people: Int
        package var rows: [(person: Person, owed: [Duty])]
    }

    package func digest(branch: String?) -> Digest {
        let list = query.missing(.all, branch: branch)
        let next = campaign.milestones.filter { $0.date >= today }.min { $0.date < $1.date }
        return Digest(next: next, people: list.applies.count, rows: list.rows.map { ($0.person, $0.duties) })
    }

    /// The digest as a phone-sized text; `heading` replaces the first line (the weekly reminder has its own).
    /// `digest`: one already gathered for `branch` (the weekly reminder looks at it first).
    package func digestText(branch: String?, heading: String? = nil, digest given: Digest? = nil) -> String {
        digestReply(branch: branch, heading: heading, digest: given).text(english: english)
    }

    package func digestReply(branch: String?, heading: String? = nil, digest given: Digest? = nil) -> DigestReply {
        DigestReply(
            digest: given ?? digest(branch: branch), branch: branch, heading: heading, today: today,
            campaignEnd: query.campaignOver ? campaign.end : nil)
    }
}

/// The digest of a branch (or the school), and all of its words.
package struct DigestReply: Reply {
    package var digest: Reports.Digest
    /// nil: the whole school.
    package var branch: String?
    /// Replaces the first line.
    package var heading: String?
    package var today: CalendarDate
    /// The campaign's last day, once it is over.
    package var campaignEnd: CalendarDate?

    package func text(english: Bool) -> String {
        let scope = branch ?? (english ? "whole school" : "全校")
        var lines = [heading ?? (english ? "To do (\(scope), as of \(today))" : "待办汇总（\(scope)，截至\(today.chinese)）")]
        if let campaignEnd {
            lines.append(
                english
                    ? "The campaign ended on \(campaignEnd); this is what was not done."
                    : "活动已于\(campaignEnd.chinese)结束，以下是未完成的情况。")
        } else if let next = digest.next {
            let days = next.date.dayNumber - today.dayNumber
            lines.append(
                english
                    ? "Next: \(next.name) on \(next.date) (in \(days) day(s))."
                    : "下一个节点：\(next.name)，\(next.date.chinese)（\(next.whenText(daysLeft: days))）。")
        }
        guard !digest.rows.isEmpty else {
            lines.append(
                digest.people == 0
                    ? (english ? "Nobody on the roster in \(scope)." : "名单中没有\(scope)的人。")
                    : (english ? "None of the \(digest.people) owes anything now ✓" : "\(digest.people) 人目前都没有待办 ✓"))
            return lines.joined(separator: "\n")
        }
        lines.append(
            english
                ? "\(digest.rows.count) of \(digest.people) still owe:"
                : "还有待办 \(digest.rows.count)/\(digest.people) 人：")
        let groups = Dictionary(grouping: digest.rows, by: { $0.person.branch }).sorted { $0.key < $1.key }
        for (name, rows) in groups {
            if branch == nil { lines.append(name.isEmpty ? (english ? "[no branch]" : "【未分支部】") : "【\(name)】") }
            for row in rows.sorted(by: { $0.person.staffID < $1.person.staffID }) {
                let owed = row.owed.map { english ? $0.english() : $0.chinese() }
                lines.append(
                    "· \(row.person.name)" + (english ? ": " : "：") + owed.joined(separator: english ? "; " : "；"))
            }
        }
        lines.append(
            english
                ? "One item: /missing pledge, lesson, visit, moral, teaching, research or benchmark."
                : "单项名单：未完成 承诺 / 示范课 / 家访 / 德育之星 / 教学之星 / 科学之星 / 对标。")
        return lines.joined(separator: "\n")
    }
}
