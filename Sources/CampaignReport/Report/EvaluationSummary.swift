import CampaignIntents

/// One evaluation round in aggregate: how many ratings of each grade, per group (a branch, or the whole school).
/// Only groups the evaluation module has released (enough raters) should be passed in.
public struct EvaluationSummary: Sendable, Hashable {
    public struct Group: Sendable, Hashable {
        public var label: String
        public var counts: [EvaluationGrade: Int]
        /// How many raters took part, shown beside the tally.
        public var raters: Int?

        public init(label: String, counts: [EvaluationGrade: Int], raters: Int? = nil) {
            self.label = label
            self.counts = counts
            self.raters = raters
        }

        public func count(_ grade: EvaluationGrade) -> Int { counts[grade] ?? 0 }
        public var total: Int { EvaluationGrade.allCases.reduce(0) { $0 + count($1) } }
    }

    /// E.g. `2010年七一党员评议`.
    public var title: String
    public var groups: [Group]
    /// A note under the table, e.g. the threshold below which a tally is not shown.
    public var note: String?

    public init(title: String, groups: [Group], note: String? = nil) {
        self.title = title
        self.groups = groups
        self.note = note
    }
}
