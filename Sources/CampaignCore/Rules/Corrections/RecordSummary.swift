import CampaignIntents

/// A record as one line, for replies and its history: `shared` names no student; a visit's student, mode and note
/// are student data, shown only in private.
enum RecordSummary: Equatable {
    case pledge(Pledge)
    case lesson(Lesson)
    case visit(Visit)
    case work(Work)
    /// A record that is gone: its id only.
    case id(String)

    func shared(english: Bool) -> String {
        switch self {
        case .pledge(let p): PledgeReply.earlierText(p).text(english: english)
        case .lesson(let l): (english ? "lesson \(l.id): " : "示范课 \(l.id)：") + l.described(english: english)
        case .visit(let v): english ? "visit \(v.id): \(v.date)" : "家访 \(v.id)：\(v.date.chinese)"
        case .work(let w):
            english
                ? "work \(w.id): \(w.kind.englishName) “\(w.title)”"
                : "成果 \(w.id)：\(w.kind.chineseName)\(Work.quoted(w.title))"
        case .id(let id): id
        }
    }

    /// The visit's student, mode and note.
    func student(english: Bool) -> StudentData? {
        guard case .visit(let v) = self else { return nil }
        return .visitLine(v, english: english)
    }

    /// The whole line, for the one person allowed to read it.
    func text(english: Bool, for reader: borrowing PrivateReader) -> String {
        guard let student = student(english: english) else { return shared(english: english) }
        return shared(english: english) + (english ? ", " : "，") + student.text(for: reader)
    }
}

/// What correcting a record decided, and all of its words. The lines of `withdrawn` and `changed` may hold student
/// data: in a group they show the shared part only, and the whole in private.
enum CorrectionReply: Reply, PrivateReply {
    case alreadyWithdrawn(String)
    case noSuchRecord(String)
    case notYours(String)
    case starNotOpen(Star)
    case starAlreadyPledged(Star)
    /// A lesson is moved by cancelling and booking again.
    case moveLesson(String)
    case lessonNotEditable(String)
    case visitDateOutside
    case withdrawn(RecordSummary)
    case changed(before: RecordSummary, after: RecordSummary)
    case noSuchLesson(String)
    /// Only the teacher, their secretary or an admin confirms a lesson.
    case notYourLessonToConfirm(String, teacher: Person)
    case lessonCancelled(String)
    case lessonNotYet(Lesson)
    case confirmed(Lesson, teacher: String, held: Bool, schoolRound: SchoolRoundWithdrawn?)

    /// The records whose lines the reply shows.
    var records: [RecordSummary] {
        switch self {
        case .withdrawn(let record): [record]
        case .changed(let before, let after): [before, after]
        default: []
        }
    }

    func text(english: Bool) -> String {
        text(english: english, lines: records.map { $0.shared(english: english) })
    }

    func text(english: Bool, for reader: borrowing PrivateReader) -> String {
        var lines: [String] = []
        for record in records { lines.append(record.text(english: english, for: reader)) }
        return text(english: english, lines: lines)
    }

    private func text(english: Bool, lines: [String]) -> String {
        switch self {
        case .alreadyWithdrawn(let id):
            return english
                ? "Record \(id) was already withdrawn. Send /me to see your records."
                : "记录 \(id) 已经撤销了。发送“我的进度”可查看您现有的记录。"
        case .noSuchRecord(let id):
            return english
                ? "There is no record \(id). Check the id (send /me or /visits to see yours)."
                : "没有找到记录 \(id)。请核对编号（发送“我的进度”或“我的家访”可查看您的记录编号）。"
        case .notYours(let id):
            return english
                ? "Record \(id) is not yours to change. Check the id (send /me), or ask an admin to correct it."
                : "记录 \(id) 不是您登记的，不能更改。请核对编号（发送“我的进度”可查看您的记录），或请党总支管理员更正。"
        case .starNotOpen(let star):
            return english
                ? "That star is not open to this person; nothing changed." : "\(star.chineseName)不在此人可申报的范围内，未修改。"
        case .starAlreadyPledged(let star):
            return english
                ? "There is already a pledge for that star; edit that one." : "已经有\(star.chineseName)的承诺了，请直接修改那一条的内容。"
        case .moveLesson(let id):
            return english
                ? "To move a lesson, cancel it and book again so clashes are checked:\n/cancel \(id)\n\(IntentKind.bookLesson.example.en)"
                : "示范课改时间，请先取消再重新预约，以便检查冲突：\n取消示范课 \(id)\n\(IntentKind.bookLesson.example.zh)"
        case .lessonNotEditable(let id):
            return english
                ? "Lesson \(id) is cancelled or was not taught; it cannot be edited." : "示范课 \(id) 已取消或未上，不能修改。"
        case .visitDateOutside:
            return english
                ? "A visit's date must be inside the campaign and not in the future; nothing changed."
                : "家访日期须在活动期间且不晚于今天，未修改。"
        case .withdrawn:
            return english
                ? "Withdrawn: \(lines[0]).\nThe change is kept in the record's history; submit it again if this was a mistake."
                : "已撤销\(lines[0])。\n记录的变更已留档；如撤销有误，请重新登记。"
        case .changed:
            return english
                ? "Changed.\nBefore: \(lines[0])\nNow: \(lines[1])\nThe change is kept in the record's history."
                : "已修改。\n原来：\(lines[0])\n现在：\(lines[1])\n修改已留档。"
        case .noSuchLesson(let id):
            return english
                ? "There is no lesson \(id). Send /lessons all to see the ids." : "没有找到示范课 \(id)。发送“示范课安排 全部”可查看编号。"
        case .notYourLessonToConfirm(let id, let teacher):
            return english
                ? "Lesson \(id) is confirmed by its teacher, their secretary or an admin."
                : "示范课 \(id) 由\(teacher.name)老师本人、\(teacher.branch)书记或管理员确认。"
        case .lessonCancelled(let id):
            return english ? "Lesson \(id) was cancelled; nothing to confirm." : "示范课 \(id) 已取消，无需确认。"
        case .lessonNotYet(let lesson):
            let id = lesson.id
            return english
                ? "Lesson \(id) is on \(lesson.date); confirm it after it is taught. To call it off: /cancel \(id)"
                : "示范课 \(id) 在\(lesson.date.chinese)，上完之后再确认。如不上了，请发送：取消示范课 \(id)"
        case .confirmed(let lesson, let teacher, let held, let schoolRound):
            let id = lesson.id
            let described = lesson.described(english: english)
            var text =
                held
                ? (english ? "Confirmed: lesson \(id) was taught." : "已确认示范课 \(id) 已上（\(teacher)，\(described)）。")
                : (english
                    ? "Recorded: lesson \(id) was not taught. Book again to make it up."
                    : "已记录示范课 \(id) 未上（\(teacher)，\(described)）。如需补上，请重新预约。")
            if let schoolRound { text += "\n" + schoolRound.text(english: english) }
            return text
        }
    }
}

/// To a record's owner when an admin changed it (in their private chat: the lines may hold student data).
struct OwnerNotice: PrivateReply {
    enum Change {
        case withdrew(RecordSummary)
        case corrected(before: RecordSummary, after: RecordSummary)
        case confirmed(String, held: Bool)
    }

    var admin: String
    var change: Change

    func text(english: Bool, for reader: borrowing PrivateReader) -> String {
        let lead = english ? "Admin \(admin) " : "管理员\(admin)"
        switch change {
        case .withdrew(let record):
            let line = record.text(english: english, for: reader)
            return lead + (english ? "withdrew your record: \(line)." : "撤销了您的记录：\(line)。")
        case .corrected(let before, let after):
            let before = before.text(english: english, for: reader)
            let after = after.text(english: english, for: reader)
            return lead
                + (english
                    ? "corrected your record.\nBefore: \(before)\nNow: \(after)"
                    : "更正了您的记录。\n原来：\(before)\n现在：\(after)")
        case .confirmed(let id, let held):
            return lead
                + (english
                    ? (held ? "confirmed your lesson \(id) as taught." : "recorded your lesson \(id) as not taught.")
                    : (held ? "确认了您的示范课 \(id) 已上。" : "记录了您的示范课 \(id) 未上。"))
        }
    }
}
