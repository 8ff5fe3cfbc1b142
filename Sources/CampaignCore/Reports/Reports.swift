package import CampaignIntents
import Foundation

/// Statistics and lists for secretaries and admins, as short text that reads well on a phone. Every figure comes from
/// one `CampaignQuery` as of `today`, the same one the digest, 我的进度, the report and 导出 read.
package struct Reports {
    package let campaign: Campaign
    package let state: BotState
    package let today: CalendarDate
    /// Answer in English (the question was asked in English).
    package let english: Bool
    package let query: CampaignQuery

    package init(campaign: Campaign, state: BotState, today: CalendarDate, english: Bool = false) {
        self.campaign = campaign
        self.state = state
        self.today = today
        self.english = english
        query = CampaignQuery(state: state, campaign: campaign, asOf: today)
    }

    /// Reports from a query already made (its day is `today`).
    package init(query: CampaignQuery, state: BotState, english: Bool = false) {
        campaign = query.campaign
        self.state = state
        today = query.asOf
        self.english = english
        self.query = query
    }

    func t(_ zh: String, _ en: String) -> String { english ? en : zh }

    func percent(_ a: Int, _ b: Int) -> String { b == 0 ? "—" : "\(Int((Double(a) * 100 / Double(b)).rounded()))%" }

    /// `branch` nil: the whole school (admins); otherwise only that branch (secretaries).
    package func stats(by dimension: StatsDimension, branch: String?) -> String {
        let scope = branch ?? t("全校", "whole school")
        var lines = [
            t(
                "统计·\(dimension == .branch ? "按支部" : dimension == .star ? "按三星" : "按阶段")（\(scope)，截至\(today.chinese)）",
                "Statistics by \(dimension.rawValue) (\(scope), as of \(today))")
        ]
        switch dimension {
        case .branch:
            let groups = query.branches(branch: branch)
            for (name, tally) in groups {
                lines.append(
                    t(
                        "\(name.isEmpty ? "未分支部" : name)（\(tally.people)人）",
                        "\(name.isEmpty ? "no branch" : name) (\(tally.people))"))
                lines.append("  " + summary(tally))
            }
            if branch == nil && groups.count > 1 {
                let total = query.total(branch: nil)
                lines.append(t("合计（\(total.people)人）", "Total (\(total.people))"))
                lines.append("  " + summary(total))
            }
            lines.append(
                t(
                    "示范课以“已上”为完成；待确认的课在确认已上后计入。",
                    "A lesson counts once confirmed taught; those to be confirmed count after that."))
        case .star:
            for row in query.stars(branch: branch) {
                lines.append(
                    t(
                        "\(row.star.chineseName)：可申报 \(row.eligible)，已申报 \(row.pledged)（\(percent(row.pledged, row.eligible))），已完成 \(row.completed)（\(percent(row.completed, row.pledged))）",
                        "\(row.star.englishName): eligible \(row.eligible), pledged \(row.pledged) (\(percent(row.pledged, row.eligible))), complete \(row.completed) (\(percent(row.completed, row.pledged)))"
                    ))
            }
        case .phase:
            for (phase, activity) in query.phases(branch: branch) {
                let status = PhaseStatus(phase, on: today)
                lines.append(
                    t(
                        "第\(phase.number)阶段 \(phase.name)（\(status.chineseName)）",
                        "Phase \(phase.number) \(phase.name) (\(status.englishName))"))
                let lessons = LessonCount(
                    held: activity.lessonsHeld,
                    awaiting: activity.groupLessons.awaiting + activity.schoolLessons.awaiting,
                    booked: activity.groupLessons.booked + activity.schoolLessons.booked)
                var zh =
                    "  \(phase.span.from.chinese)—\(phase.span.to.chinese)：承诺 \(activity.pledges) \(lessons.chinese()) 家访 \(activity.visits) 成果 \(activity.workCount)"
                var en =
                    "  \(phase.span.from)–\(phase.span.to): pledges \(activity.pledges) \(lessons.english()) visits \(activity.visits) works \(activity.workCount)"
                if activity.benchmarks > 0 {
                    zh += " 对标 \(activity.benchmarks)"
                    en += " benchmarks \(activity.benchmarks)"
                }
                lines.append(t(zh, en))
            }
        }
        return lines.joined(separator: "\n")
    }

    func summary(_ tally: PeopleTally) -> String {
        t(
            "承诺 \(tally.pledged)/\(tally.people)（\(percent(tally.pledged, tally.people))） \(tally.demoLessons.chinese(of: tally.demoTeachers)) 家访 \(tally.visits)（节假日 \(tally.holidayVisits)） 达星 \(tally.starsCompleted)",
            "pledged \(tally.pledged)/\(tally.people) (\(percent(tally.pledged, tally.people))) \(tally.demoLessons.english(of: tally.demoTeachers)) visits \(tally.visits) (holidays \(tally.holidayVisits)) stars \(tally.starsCompleted)"
        )
    }
}
