import CampaignIntents

/// One evaluation round in aggregate: how many ratings of each grade, per group (a branch, or the whole school).
/// Only groups the evaluation module has released (enough raters) should be passed in.
package struct EvaluationSummary: Sendable, Hashable {
    package struct Group: Sendable, Hashable {
        package var label: String
        package var counts: [EvaluationGrade: Int]
        /// How many raters took part, shown beside the tally.
        package var raters: Int?

        package init(label: String, counts: [EvaluationGrade: Int], raters: Int? = nil) {
            self.label = label
            self.counts = counts
            self.raters = raters
        }

        package func count(_ grade: EvaluationGrade) -> Int { counts[grade] ?? 0 }
        package var total: Int { EvaluationGrade.allCases.reduce(0) { $0 + count($1) } }
    }

    /// E.g. `2010年七一党员评议`.
    package var title: String
    package var groups: [Group]
    /// A note under the table, e.g. the threshold below which a tally is not shown.
    package var note: String?

    package init(title: String, groups: [Group], note: String? = nil) {
        self.title = title
        self.groups = groups
        self.note = note
    }
}
