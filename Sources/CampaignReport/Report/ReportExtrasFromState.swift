package import CampaignCore
package import Foundation

extension ReportExtras {
    /// The sections of the campaign's second half as the store has them: confirmed awards, released 评议 totals and
    /// the 图片展 (photos of demo lessons and works, never of home visits), each with its dates, so the report keeps
    /// to its scope (`scoped(to:)`). The one place `cxzy report` and `报告` in chat both take them.
    package static func from(
        state: BotState, phase: Int?, evaluationMinRaters: Int, load: @escaping @Sendable (StoredFile) throws -> Data
    ) -> ReportExtras {
        var evaluations: [EvaluationSummary] = []
        var days: [EvaluationSummary: DateSpan] = [:]
        for round in state.evaluations.rounds {
            guard let closed = round.closedAt,
                let summary = EvaluationSummaries.summary(of: round, state, minRaters: evaluationMinRaters)
            else { continue }
            evaluations.append(summary)
            days[summary] = DateSpan(
                from: CampaignTime.local(round.openedAt).date, to: CampaignTime.local(closed).date)
        }
        return ReportExtras(
            awards: Award.confirmed(in: state, phase: phase),
            evaluations: evaluations,
            gallery: Gallery.pictures(state: state, load: load),
            evaluationDays: days)
    }
}
