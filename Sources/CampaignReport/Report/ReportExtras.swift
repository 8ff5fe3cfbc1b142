package import CampaignCore
package import CampaignIntents
package import Foundation

/// The report's sections fed by later parts of the campaign (评选表彰, 评议, 图片展). Each section is left out of
/// the report when its list is empty, so a report made before they exist reads as complete.
package struct ReportExtras: Sendable {
    package var awards: [Award]
    /// Aggregates only: the evaluation module passes tallies, never a rater or a single rating.
    package var evaluations: [EvaluationSummary]
    package var gallery: [GalleryPicture]
    /// The days each round of `evaluations` ran, from opening to closing, where known: a phase's report shows only
    /// the rounds that closed inside the phase.
    package var evaluationDays: [EvaluationSummary: DateSpan]

    package init(
        awards: [Award] = [], evaluations: [EvaluationSummary] = [], gallery: [GalleryPicture] = [],
        evaluationDays: [EvaluationSummary: DateSpan] = [:]
    ) {
        self.awards = awards
        self.evaluations = evaluations
        self.gallery = gallery
        self.evaluationDays = evaluationDays
    }

    package static let none = ReportExtras()

    /// Only what belongs to `scope`: for a phase, awards of that phase confirmed by its end, 评议 rounds that closed
    /// inside it, pictures of records dated inside it and attached by its end; for the whole campaign, what stood by
    /// the scope's day. What carries no date stays.
    package func scoped(to scope: ReportScope) -> ReportExtras {
        let asOf = scope.asOf
        func inside(_ day: CalendarDate?) -> Bool { day.map { scope.window?.contains($0) ?? true } ?? true }
        func byThen(_ day: CalendarDate?) -> Bool { day.map { $0 <= asOf } ?? true }
        return ReportExtras(
            awards: awards.filter { a in
                (scope.phase == nil || a.phase == nil || a.phase == scope.phase?.number) && byThen(a.decidedOn)
            },
            evaluations: evaluations.filter { summary in
                guard let days = evaluationDays[summary] else { return true }
                return inside(days.to) && days.to <= asOf
            },
            gallery: gallery.filter { inside($0.date) && byThen($0.date) && byThen($0.attachedOn) },
            evaluationDays: evaluationDays)
    }
}

/// One confirmed commendation (先进典型).
package struct Award: Sendable, Hashable {
    package var name: String
    package var branch: String
    /// The star it was earned in, if it is a star award.
    package var star: Star?
    /// E.g. `优秀共产党员`, `德育之星先进典型`.
    package var title: String
    package var phase: Int?
    /// A short reason, shown under the name.
    package var citation: String?
    /// The day it was confirmed, where known.
    package var decidedOn: CalendarDate?

    package init(
        name: String, branch: String, star: Star? = nil, title: String, phase: Int? = nil, citation: String? = nil,
        decidedOn: CalendarDate? = nil
    ) {
        self.name = name
        self.branch = branch
        self.star = star
        self.title = title
        self.phase = phase
        self.citation = citation
        self.decidedOn = decidedOn
    }
}

/// A picture for the 图片展, embedded in the report (PNG or JPEG).
package struct GalleryPicture: Sendable, Hashable {
    package enum Kind: String, Sendable {
        case png = "image/png"
        case jpeg = "image/jpeg"
    }

    package var caption: String
    package var kind: Kind
    package var data: Data
    /// Who took part, and when: shown under the caption.
    package var credit: String?
    /// The day of the lesson or work it shows, and the day it was attached, where known.
    package var date: CalendarDate?
    package var attachedOn: CalendarDate?

    package init(
        caption: String, kind: Kind, data: Data, credit: String? = nil, date: CalendarDate? = nil,
        attachedOn: CalendarDate? = nil
    ) {
        self.caption = caption
        self.kind = kind
        self.data = data
        self.credit = credit
        self.date = date
        self.attachedOn = attachedOn
    }
}
