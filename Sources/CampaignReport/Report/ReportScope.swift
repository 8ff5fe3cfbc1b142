import CampaignCore
import CampaignIntents

/// What a report or chart covers: the whole campaign or one phase, the whole school or one branch, as of a day.
package struct ReportScope: Sendable {
    /// Nil: the whole campaign.
    package let phase: Phase?
    /// Nil: the whole school (admins); a branch name for a secretary's own branch.
    package let branch: String?
    package let today: CalendarDate

    /// `phase` is a phase number of `campaign`; an unknown one throws `ReportError.unknownPhase`.
    package init(campaign: Campaign, today: CalendarDate, phase: Int? = nil, branch: String? = nil) throws(ReportError) {
        if let phase {
            guard let found = campaign.phase(number: phase) else {
                throw .unknownPhase(phase, phases: campaign.phases.map(\.number).sorted())
            }
            self.phase = found
        } else {
            self.phase = nil
        }
        self.branch = branch
        self.today = today
    }

    /// Status counts (who pledged, who finished) are taken at the end of the phase, or today if that is earlier.
    package var asOf: CalendarDate {
        guard let phase else { return today }
        return min(today, phase.span.to)
    }

    /// The days whose activity the report shows: the phase, or nil for all of it.
    var window: DateSpan? { phase?.span }

    /// The heading's words for the scope, e.g. `第2阶段 全面争创，扎实推进（2010年7月1日—2011年6月30日）`.
    func title(campaign: Campaign) -> String {
        if let phase { return "第\(phase.number)阶段 \(phase.name)（\(phase.span.chinese)）" }
        return "全程（\(DateSpan(from: campaign.start, to: campaign.end).chinese)）"
    }

    /// A chart's subtitle: whose numbers, as of when.
    func subtitle() -> String {
        let whom = branch.map { $0.isEmpty ? "未分支部" : $0 } ?? "全校"
        let when = phase.map { "第\($0.number)阶段，" } ?? ""
        return "\(whom) · \(when)截至\(asOf.chinese)"
    }
}
