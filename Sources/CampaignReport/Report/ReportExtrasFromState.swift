package import CampaignCore
package import Foundation

extension ReportExtras {
    /// The sections of the campaign's second half as the store has them: confirmed awards, released 评议 totals and
    /// the 图片展 (photos of demo lessons and works, never of home visits). The one place `cxzy report` and `报告` in chat both take them.
    package static func from(
        state: BotState, phase: Int?, evaluationMinRaters: Int, load: @escaping @Sendable (StoredFile) throws -> Data
    ) -> ReportExtras {
        ReportExtras(
            awards: Award.confirmed(in: state, phase: phase),
            evaluations: EvaluationSummaries.make(state, minRaters: evaluationMinRaters),
            gallery: Gallery.pictures(state: state, load: load))
    }
}
