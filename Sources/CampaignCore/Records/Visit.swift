package import CampaignIntents
package import Foundation

/// A family home visit (亲情家访). Student and note are personal data about a minor: `StudentData`, shown only in a
/// private reply, kept until the retention date.
package struct Visit: Codable, Sendable, Hashable {
    package var id: String
    package var staffID: String
    package var date: CalendarDate
    package var student: StudentData
    package var mode: VisitMode?
    package var note: StudentData?
    /// On a weekend, public holiday or vacation: counts for 德育之星.
    package var holiday: Bool
    package var at: Date
}
