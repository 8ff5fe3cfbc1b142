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

/// A family home visit (亲情家访). Student and note are personal data about a minor.
package struct Visit: Codable, Sendable, Hashable {
    package var id: String
    package var staffID: String
    package var date: CalendarDate
    package var student: String
    package var mode: VisitMode?
    package var note: String?
    /// On a weekend, public holiday or vacation: counts for 德育之星.
    package var holiday: Bool
    package var at: Date
}

/// Finished work (论文, 讲座, 班会, 精品课, 案例, 课题 …).
extension Work {
    /// A title as a work's name is written in Chinese: in 《》, unless it brings its own (《荷塘月色》教学案例).
    package static func quoted(_ title: String) -> String {
        let bare = title.trimmingCharacters(in: .whitespaces)
        return bare.contains("《") || bare.contains("》") ? bare : "《\(bare)》"
    }
}

package struct Work: Codable, Sendable, Hashable {
    package var id: String
    package var staffID: String
    package var kind: WorkKind
    package var title: String
    package var at: Date

    package init(id: String, staffID: String, kind: WorkKind, title: String, at: Date) {
        self.id = id
        self.staffID = staffID
        self.kind = kind
        self.title = title
        self.at = at
    }
}

/// One correction of a record, kept in the record's history: who did what, when, and what it said before.
package struct RecordHistoryEntry: Codable, Sendable, Hashable {
    package var at: Date
    /// Staff id of the person who made the change.
    package var by: String
    /// 修改 / 撤销 / 确认已上 / 确认未上 / 取消.
    package var action: String
    /// The record as it read before the change.
    package var before: String

    package init(at: Date, by: String, action: String, before: String) {
        self.at = at
        self.by = by
        self.action = action
        self.before = before
    }
}

/// A record in its new form, for a correction.
package enum AmendedRecord: Codable, Sendable, Equatable {
    case pledge(Pledge)
    case lesson(Lesson)
    case visit(Visit)
    case work(Work)

    package var id: String {
        switch self {
        case .pledge(let r): r.id
        case .lesson(let r): r.id
        case .visit(let r): r.id
        case .work(let r): r.id
        }
    }
}

/// Why a message is in the outbox.
package enum OutboxKind: String, Codable, Sendable {
    case reply, reminder, broadcast, notice
}

/// A file sent with a message (the CSV of `导出`).
package struct Attachment: Codable, Sendable, Hashable {
    package var fileName: String
    package var mimeType: String
    package var content: String
}

/// A message waiting to be sent. It is committed together with the change it reports, and removed once sent.
package struct OutboxMessage: Codable, Sendable, Hashable, Identifiable {
    package var id: Int
    package var to: ChatAddress
    package var text: String
    /// The platform's id of the message this one answers.
    package var replyTo: String?
    package var kind: OutboxKind
    /// The person it is for (reminders, broadcasts).
    package var staffID: String?
    package var createdAt: Date
    package var attachment: Attachment?
    /// For reminders: `milestone|offset|staff`.
    package var reminderKey: String?
    /// A chart, the report or a stored file, made or read when the message is sent.
    package var media: MediaRequest?

    package init(
        id: Int, to: ChatAddress, text: String, replyTo: String? = nil, kind: OutboxKind, staffID: String? = nil,
        createdAt: Date, attachment: Attachment? = nil, reminderKey: String? = nil, media: MediaRequest? = nil
    ) {
        self.id = id
        self.to = to
        self.text = text
        self.replyTo = replyTo
        self.kind = kind
        self.staffID = staffID
        self.createdAt = createdAt
        self.attachment = attachment
        self.reminderKey = reminderKey
        self.media = media
    }
}

/// Record ids: a letter, a dash and at least four digits (`L-0007`).
package enum RecordID {
    package static func make(_ prefix: String, _ number: Int) -> String {
        let digits = String(number)
        return prefix + "-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
