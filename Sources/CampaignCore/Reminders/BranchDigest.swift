import CampaignIntents
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
        let digest = given ?? digest(branch: branch)
        let scope = branch ?? t("全校", "whole school")
        var lines = [heading ?? t("待办汇总（\(scope)，截至\(today.chinese)）", "To do (\(scope), as of \(today))")]
        if query.campaignOver {
            lines.append(
                t(
                    "活动已于\(campaign.end.chinese)结束，以下是未完成的情况。",
                    "The campaign ended on \(campaign.end); this is what was not done."))
        } else if let next = digest.next {
            let days = next.date.dayNumber - today.dayNumber
            lines.append(
                t(
                    "下一个节点：\(next.name)，\(next.date.chinese)（\(next.whenText(daysLeft: days))）。",
                    "Next: \(next.name) on \(next.date) (in \(days) day(s))."))
        }
        guard !digest.rows.isEmpty else {
            lines.append(
                digest.people == 0
                    ? t("名单中没有\(scope)的人。", "Nobody on the roster in \(scope).")
                    : t("\(digest.people) 人目前都没有待办 ✓", "None of the \(digest.people) owes anything now ✓"))
            return lines.joined(separator: "\n")
        }
        lines.append(
            t("还有待办 \(digest.rows.count)/\(digest.people) 人：", "\(digest.rows.count) of \(digest.people) still owe:"))
        let groups = Dictionary(grouping: digest.rows, by: { $0.person.branch }).sorted { $0.key < $1.key }
        for (name, rows) in groups {
            if branch == nil { lines.append(name.isEmpty ? t("【未分支部】", "[no branch]") : "【\(name)】") }
            for row in rows.sorted(by: { $0.person.staffID < $1.person.staffID }) {
                let owed = row.owed.map { english ? $0.english() : $0.chinese() }
                lines.append("· \(row.person.name)" + t("：", ": ") + owed.joined(separator: t("；", "; ")))
            }
        }
        lines.append(
            t(
                "单项名单：未完成 承诺 / 示范课 / 家访 / 德育之星 / 教学之星 / 科学之星 / 对标。",
                "One item: /missing pledge, lesson, visit, moral, teaching, research or benchmark."))
        return lines.joined(separator: "\n")
    }
}
