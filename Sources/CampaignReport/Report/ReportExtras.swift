import CampaignIntents
import Foundation

/// The report's sections fed by later parts of the campaign (评选表彰, 评议, 图片展). Each section is left out of
/// the report when its list is empty, so a report made before they exist reads as complete.
package struct ReportExtras: Sendable {
    package var awards: [Award]
    /// Aggregates only: the evaluation module passes tallies, never a rater or a single rating.
    package var evaluations: [EvaluationSummary]
    package var gallery: [GalleryPicture]

    package init(awards: [Award] = [], evaluations: [EvaluationSummary] = [], gallery: [GalleryPicture] = []) {
        self.awards = awards
        self.evaluations = evaluations
        self.gallery = gallery
    }

    package static let none = ReportExtras()
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

    package init(
        name: String, branch: String, star: Star? = nil, title: String, phase: Int? = nil, citation: String? = nil
    ) {
        self.name = name
        self.branch = branch
        self.star = star
        self.title = title
        self.phase = phase
        self.citation = citation
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

    package init(caption: String, kind: Kind, data: Data, credit: String? = nil) {
        self.caption = caption
        self.kind = kind
        self.data = data
        self.credit = credit
    }
}
