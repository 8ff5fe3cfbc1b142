package import CampaignIntents
package import Foundation

/// A pledge (申报承诺) for one star. A second pledge for the same star replaces the text and keeps the id.
package struct Pledge: Codable, Sendable, Hashable {
    package var id: String
    package var staffID: String
    package var star: Star
    package var text: String
    package var at: Date
    /// Made after the pledge deadline.
    package var late: Bool

    package init(id: String, staffID: String, star: Star, text: String, at: Date, late: Bool) {
        self.id = id
        self.staffID = staffID
        self.star = star
        self.text = text
        self.at = at
        self.late = late
    }
}
