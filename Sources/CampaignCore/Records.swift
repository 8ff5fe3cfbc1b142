import CampaignIntents
import Foundation

/// A pledge (申报承诺) for one star. A second pledge for the same star replaces the text and keeps the id.
public struct Pledge: Codable, Sendable, Hashable {
    public var id: String
    public var staffID: String
    public var star: Star
    public var text: String
    public var at: Date
    /// Made after the pledge deadline.
    public var late: Bool

    public init(id: String, staffID: String, star: Star, text: String, at: Date, late: Bool) {
        self.id = id
        self.staffID = staffID
        self.star = star
        self.text = text
        self.at = at
        self.late = late
    }
}

public enum LessonStatus: String, Codable, Sendable {
    case booked, cancelled
}

/// A Party-member demonstration lesson (党员示范课).
public struct Lesson: Codable, Sendable, Hashable {
    public var id: String
    public var staffID: String
    public var date: CalendarDate
    public var period: Int
    public var className: String
    public var topic: String?
    public var level: LessonLevel
    public var status: LessonStatus
    /// Chosen by the branch for the school-wide round.
    public var nominated: Bool
    public var bookedAt: Date
    public var cancelledAt: Date?

    public var isActive: Bool { status == .booked }

    public init(id: String, staffID: String, date: CalendarDate, period: Int, className: String, topic: String?, level: LessonLevel,
                status: LessonStatus, nominated: Bool, bookedAt: Date, cancelledAt: Date?) {
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
public struct Visit: Codable, Sendable, Hashable {
    public var id: String
    public var staffID: String
    public var date: CalendarDate
    public var student: String
    public var mode: VisitMode?
    public var note: String?
    /// On a weekend, public holiday or vacation: counts for 德育之星.
    public var holiday: Bool
    public var at: Date
}

/// Finished work (论文, 讲座, 班会, 精品课, 案例, 课题 …).
public struct Work: Codable, Sendable, Hashable {
    public var id: String
    public var staffID: String
    public var kind: WorkKind
    public var title: String
    public var at: Date

    public init(id: String, staffID: String, kind: WorkKind, title: String, at: Date) {
        self.id = id
        self.staffID = staffID
        self.kind = kind
        self.title = title
        self.at = at
    }
}

/// Why a message is in the outbox.
public enum OutboxKind: String, Codable, Sendable {
    case reply, reminder, broadcast, notice
}

/// A file sent with a message (the CSV of `导出`).
public struct Attachment: Codable, Sendable, Hashable {
    public var fileName: String
    public var mimeType: String
    public var content: String
}

/// A message waiting to be sent. It is committed together with the change it reports, and removed once sent.
public struct OutboxMessage: Codable, Sendable, Hashable, Identifiable {
    public var id: Int
    public var to: ChatAddress
    public var text: String
    /// The platform's id of the message this one answers.
    public var replyTo: String?
    public var kind: OutboxKind
    /// The person it is for (reminders, broadcasts).
    public var staffID: String?
    public var createdAt: Date
    public var attachment: Attachment?
    /// For reminders: `milestone|offset|staff`.
    public var reminderKey: String?

    public init(id: Int, to: ChatAddress, text: String, replyTo: String? = nil, kind: OutboxKind, staffID: String? = nil,
                createdAt: Date, attachment: Attachment? = nil, reminderKey: String? = nil) {
        self.id = id
        self.to = to
        self.text = text
        self.replyTo = replyTo
        self.kind = kind
        self.staffID = staffID
        self.createdAt = createdAt
        self.attachment = attachment
        self.reminderKey = reminderKey
    }
}

/// Record ids: a letter, a dash and at least four digits (`L-0007`).
public enum RecordID {
    public static func make(_ prefix: String, _ number: Int) -> String {
        let digits = String(number)
        return prefix + "-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
