package import CampaignCore
import CampaignIntents
import Foundation

/// The 评议 section of the report: closed rounds only, and within them only released tallies (subjects rated by at
/// least `minRaters`, and none whose figure could be subtracted from a total to tell a withheld count), summed per
/// branch for members rounds. Never a rater, never one person's rating, never a count below the threshold.
package enum EvaluationSummaries {
    package static func make(_ state: BotState, minRaters: Int) -> [EvaluationSummary] {
        state.evaluations.rounds.filter { $0.closedAt != nil }.compactMap {
            summary(of: $0, state, minRaters: minRaters)
        }
    }

    /// One closed round in aggregate; `branch`: that branch only (and, in a campaign round, the school). Nil when
    /// nothing in it is released.
    package static func summary(
        of round: EvaluationRound, _ state: BotState, minRaters: Int, branch: String? = nil
    ) -> EvaluationSummary? {
        let disclosure = state.evaluationDisclosure(round, minRaters: minRaters)
        let results = disclosure.results.filter {
            branch == nil || $0.branch == branch || $0.subject == EvaluationRound.school
        }
        let released = results.filter { $0.counts != nil }
        let withheld = results.count - released.count
        var groups: [EvaluationSummary.Group] = []
        switch round.kind {
        case .members:
            for branch in Set(results.map(\.branch)).sorted() {
                let members = released.filter { $0.branch == branch }
                guard !members.isEmpty else { continue }
                var counts: [EvaluationGrade: Int] = [:]
                for member in members {
                    for (grade, n) in member.counts ?? [:] { counts[grade, default: 0] += n }
                }
                groups.append(
                    .init(
                        label: "\(branch)（\(members.count) 名党员）", counts: counts,
                        raters: disclosure.branchVoters[branch]))
            }
        case .campaign:
            for result in released {
                let label = result.subject == EvaluationRound.school ? "全校（党总支）" : result.branch
                groups.append(.init(label: label, counts: result.counts ?? [:], raters: result.raters))
            }
        }
        guard !groups.isEmpty else { return nil }
        let what = round.kind == .members ? "名党员" : "个对象"
        let threshold = max(minRaters, round.minRaters)
        let note =
            "评价人数达到 \(threshold) 人的对象才计入"
            + (withheld > 0 ? "；另有 \(withheld) \(what)不公布（评价或可评价的人不足，或公布会让人推算出不足的人数）。" : "。")
        let took = disclosure.voters.map { "，\($0) 人参加" } ?? ""
        return EvaluationSummary(
            title: "\(round.name)（截止\(round.deadline.chinese)\(took)）",
            groups: groups, note: note)
    }
}
