package import Foundation

/// One correction of a record, kept in the record's history: who did what, when, and what it said before.
package struct RecordHistoryEntry: Codable, Sendable, Hashable {
    package var at: Date
    /// Staff id of the person who made the change.
    package var by: String
    /// 修改 / 撤销 / 确认已上 / 确认未上 / 取消.
    package var action: String
    /// The record as it read before the change, without a visit's student data.
    package var before: String
    /// A visit's student, mode and note before the change: shown to its owner and admins in private only, and
    /// erased with the visit's own at the retention date.
    package var beforeStudent: StudentData?
    /// Staff id of the record's owner, so a withdrawn record (gone from the records) is still listed as theirs.
    /// Absent in entries written before it was kept.
    package var owner: String?

    package init(
        at: Date, by: String, action: String, before: String, beforeStudent: StudentData? = nil, owner: String? = nil
    ) {
        self.at = at
        self.by = by
        self.action = action
        self.before = before
        self.beforeStudent = beforeStudent
        self.owner = owner
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

/// Record ids: a letter, a dash and at least four digits (`L-0007`).
package enum RecordID {
    package static func make(_ prefix: String, _ number: Int) -> String {
        let digits = String(number)
        return prefix + "-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
