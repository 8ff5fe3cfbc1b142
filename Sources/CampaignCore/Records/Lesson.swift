package import CampaignIntents
package import Foundation

package enum LessonStatus: String, Codable, Sendable {
    /// Booked; once its date has passed it waits for the teacher or secretary to confirm it (待确认).
    case booked
    case cancelled
    /// Confirmed taught (by the teacher, their secretary or an admin).
    case held
    /// Confirmed not taught.
    case notHeld = "not_held"
}

/// A Party-member demonstration lesson (党员示范课).
package struct Lesson: Codable, Sendable, Hashable {
    package var id: String
    package var staffID: String
    package var date: CalendarDate
    package var period: Int
    package var className: String
    package var topic: String?
    package var level: LessonLevel
    package var status: LessonStatus
    /// Chosen by the branch for the school-wide round.
    package var nominated: Bool
    package var bookedAt: Date
    package var cancelledAt: Date?

    /// Booked or taught: it counts as the teacher's lesson.
    package var isActive: Bool { status == .booked || status == .held }
    /// Confirmed taught.
    package var isHeld: Bool { status == .held }

    /// 已预约 / 待确认 (its date has passed) / 已上 / 未上 / 已取消.
    package func statusName(today: CalendarDate) -> String {
        switch status {
        case .booked: date < today ? "待确认" : "已预约"
        case .held: "已上"
        case .notHeld: "未上"
        case .cancelled: "已取消"
        }
    }

    package init(
        id: String, staffID: String, date: CalendarDate, period: Int, className: String, topic: String?,
        level: LessonLevel,
        status: LessonStatus, nominated: Bool, bookedAt: Date, cancelledAt: Date?
    ) {
        self.id = id
        self.staffID = staffID
        self.date = date
        self.period = period
        self.className = className
        self.topic = topic
        self.level = level
        self.status = status
        self.nominated = nominated
        self.bookedAt = bookedAt
        self.cancelledAt = cancelledAt
    }
}
