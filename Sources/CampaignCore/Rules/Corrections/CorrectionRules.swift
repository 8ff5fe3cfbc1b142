import CampaignIntents
import Foundation

/// Correcting records: a person withdraws or edits their own pledge, lesson, visit or work; an admin corrects anyone's;
/// the teacher, their secretary or an admin confirms whether a lesson was taught. Every change goes into the record's
/// history with who made it and what the record said before.
extension Turn {
    /// A record as one line, for replies and its history: `shared` names no student; a visit's student, mode and
    /// note are `student`, shown only in private.
    struct RecordLine {
        var shared: String
        var student: StudentData?

        func text(_ reader: borrowing PrivateReader, english: Bool) -> String {
            guard let student else { return shared }
            return shared + (english ? ", " : "，") + student.text(for: reader)
        }
    }

    func summary(of id: String) -> RecordLine? {
        if let p = state.pledges.first(where: { $0.id == id }) {
            return RecordLine(
                shared: t(
                    "承诺 \(p.id)：\(p.star.chineseName)——\(p.text)", "pledge \(p.id): \(p.star.englishName) — \(p.text)"))
        }
        if let l = state.lesson(id) { return RecordLine(shared: t("示范课 \(l.id)：", "lesson \(l.id): ") + describe(l)) }
        if let v = state.visits.first(where: { $0.id == id }) {
            return RecordLine(
                shared: t("家访 \(v.id)：\(v.date.chinese)", "visit \(v.id): \(v.date)"),
                student: .visitLine(v, english: english))
        }
        if let w = state.works.first(where: { $0.id == id }) {
            return RecordLine(
                shared: t(
                    "成果 \(w.id)：\(w.kind.chineseName)\(Work.quoted(w.title))",
                    "work \(w.id): \(w.kind.englishName) “\(w.title)”"))
        }
        return nil
    }

    /// A reply about records whose lines may hold student data: `compose` gets each line as the reader may see it
    /// (in a group: without the student data, which goes to the asker privately).
    mutating func reply(about lines: [RecordLine], _ compose: ([String]) -> String) throws {
        guard lines.contains(where: { $0.student != nil }) else { return try reply(compose(lines.map(\.shared))) }
        let english = english
        try replyPrivately(inGroup: compose(lines.map(\.shared))) { reader in
            compose(lines.map { $0.text(reader, english: english) })
        }
    }

    func owner(of id: String) -> String? {
        state.pledges.first { $0.id == id }?.staffID ?? state.lesson(id)?.staffID
            ?? state.visits.first { $0.id == id }?.staffID ?? state.works.first { $0.id == id }?.staffID
    }

    /// The record's owner when `person` may change it; otherwise replies why not and returns nil.
    mutating func correctable(_ id: String, by person: Person) throws -> String? {
        guard let owner = owner(of: id), summary(of: id) != nil else {
            let withdrawn = state.history[id]?.last?.action == "撤销"
            try reply(
                withdrawn
                    ? t(
                        "记录 \(id) 已经撤销了。发送“我的进度”可查看您现有的记录。",
                        "Record \(id) was already withdrawn. Send /me to see your records.")
                    : t(
                        "没有找到记录 \(id)。请核对编号（发送“我的进度”或“我的家访”可查看您的记录编号）。",
                        "There is no record \(id). Check the id (send /me or /visits to see yours)."))
            return nil
        }
        guard owner == person.staffID || person.permission == .admin else {
            try reply(
                t(
                    "记录 \(id) 不是您登记的，不能更改。请核对编号（发送“我的进度”可查看您的记录），或请党总支管理员更正。",
                    "Record \(id) is not yours to change. Check the id (send /me), or ask an admin to correct it."))
            return nil
        }
        return owner
    }

    func entry(_ person: Person, _ action: String, _ id: String) -> RecordHistoryEntry {
        let line = summary(of: id)
        return RecordHistoryEntry(
            at: now, by: person.staffID, action: action, before: line?.shared ?? id, beforeStudent: line?.student,
            owner: owner(of: id))
    }

    /// Tells the owner when an admin changed their record (in their private chat: the lines may hold student data).
    mutating func tellOwner(
        _ owner: String, by person: Person, about lines: [RecordLine] = [], _ zh: ([String]) -> String,
        _ en: ([String]) -> String
    ) throws {
        guard owner != person.staffID, let teacher = state.roster[owner] else { return }
        let english = english
        let lead = t("管理员\(person.name)", "Admin \(person.name) ")
        _ = try notifyPrivately(teacher, kind: .notice) { reader in
            let texts = lines.map { $0.text(reader, english: english) }
            return lead + (english ? en(texts) : zh(texts))
        }
    }

    mutating func withdraw(_ person: Person, _ id: String) throws {
        if person.permission != .admin, try refusedAfterCampaign() { return }
        guard let owner = try correctable(id, by: person), let before = summary(of: id) else { return }
        if let lesson = state.lesson(id) {
            try cancel(person, lesson.id)
            return
        }
        try emit(.withdraw(id: id, entry: entry(person, "撤销", id)))
        let english = english
        try reply(about: [before]) { lines in
            english
                ? "Withdrawn: \(lines[0]).\nThe change is kept in the record's history; submit it again if this was a mistake."
                : "已撤销\(lines[0])。\n记录的变更已留档；如撤销有误，请重新登记。"
        }
        try tellOwner(
            owner, by: person, about: [before], { "撤销了您的记录：\($0[0])。" }, { "withdrew your record: \($0[0])." })
    }

    mutating func edit(_ person: Person, _ id: String, _ fields: RecordEdit) throws {
        if person.permission != .admin, try refusedAfterCampaign() { return }
        guard let owner = try correctable(id, by: person), let before = summary(of: id) else { return }
        let amended: AmendedRecord
        if var p = state.pledges.first(where: { $0.id == id }) {
            if let star = fields.star, star != p.star {
                guard let rule = campaign.rule(for: star), state.roster[owner]?.mayStrive(for: rule) ?? false else {
                    try reply(
                        t(
                            "\(star.chineseName)不在此人可申报的范围内，未修改。",
                            "That star is not open to this person; nothing changed."))
                    return
                }
                guard !state.pledges(of: owner).contains(where: { $0.star == star }) else {
                    try reply(
                        t(
                            "已经有\(star.chineseName)的承诺了，请直接修改那一条的内容。",
                            "There is already a pledge for that star; edit that one."))
                    return
                }
                p.star = star
            }
            if let text = fields.text { p.text = text }
            amended = .pledge(p)
        } else if var l = state.lesson(id) {
            if fields.date != nil || fields.period != nil {
                try reply(
                    t(
                        "示范课改时间，请先取消再重新预约，以便检查冲突：\n取消示范课 \(id)\n\(IntentKind.bookLesson.example.zh)",
                        "To move a lesson, cancel it and book again so clashes are checked:\n/cancel \(id)\n\(IntentKind.bookLesson.example.en)"
                    ))
                return
            }
            guard l.isActive else {
                try reply(
                    t("示范课 \(id) 已取消或未上，不能修改。", "Lesson \(id) is cancelled or was not taught; it cannot be edited."))
                return
            }
            if let className = fields.className { l.className = className }
            if let topic = fields.topic { l.topic = topic }
            amended = .lesson(l)
        } else if var v = state.visits.first(where: { $0.id == id }) {
            if let date = fields.date {
                guard date <= today, date >= campaign.start, date <= campaign.end else {
                    try reply(
                        t(
                            "家访日期须在活动期间且不晚于今天，未修改。",
                            "A visit's date must be inside the campaign and not in the future; nothing changed."))
                    return
                }
                v.date = date
                v.holiday = campaign.isHoliday(date)
            }
            if let student = fields.student { v.student = StudentData(student) }
            if let mode = fields.mode { v.mode = mode }
            if let note = fields.note { v.note = StudentData(note) }
            amended = .visit(v)
        } else if var w = state.works.first(where: { $0.id == id }) {
            if let kind = fields.kind { w.kind = kind }
            if let title = fields.title { w.title = title }
            amended = .work(w)
        } else {
            return
        }
        try emit(.amend(amended, entry: entry(person, "修改", id)))
        let after = summary(of: id) ?? RecordLine(shared: id)
        let english = english
        try reply(about: [before, after]) { lines in
            english
                ? "Changed.\nBefore: \(lines[0])\nNow: \(lines[1])\nThe change is kept in the record's history."
                : "已修改。\n原来：\(lines[0])\n现在：\(lines[1])\n修改已留档。"
        }
        try tellOwner(
            owner, by: person, about: [before, after], { "更正了您的记录。\n原来：\($0[0])\n现在：\($0[1])" },
            { "corrected your record.\nBefore: \($0[0])\nNow: \($0[1])" })
    }

    /// 确认示范课 L-0003 已上 / 未上: the teacher, their branch's secretary or an admin, once the day has come.
    mutating func confirmLesson(_ person: Person, _ id: String, held: Bool) throws {
        if person.permission != .admin, try refusedAfterCampaign() { return }
        guard let lesson = state.lesson(id), let teacher = state.roster[lesson.staffID] else {
            try reply(
                t("没有找到示范课 \(id)。发送“示范课安排 全部”可查看编号。", "There is no lesson \(id). Send /lessons all to see the ids."))
            return
        }
        let mayConfirm =
            lesson.staffID == person.staffID || person.permission == .admin
            || (person.permission == .secretary && person.branch == teacher.branch)
        guard mayConfirm else {
            try reply(
                t(
                    "示范课 \(id) 由\(teacher.name)老师本人、\(teacher.branch)书记或管理员确认。",
                    "Lesson \(id) is confirmed by its teacher, their secretary or an admin."))
            return
        }
        guard lesson.status != .cancelled else {
            try reply(t("示范课 \(id) 已取消，无需确认。", "Lesson \(id) was cancelled; nothing to confirm."))
            return
        }
        guard lesson.date <= today else {
            try reply(
                t(
                    "示范课 \(id) 在\(lesson.date.chinese)，上完之后再确认。如不上了，请发送：取消示范课 \(id)",
                    "Lesson \(id) is on \(lesson.date); confirm it after it is taught. To call it off: /cancel \(id)"))
            return
        }
        try emit(.confirmLesson(id: id, held: held, entry: entry(person, held ? "确认已上" : "确认未上", id)))
        var text =
            held
            ? t("已确认示范课 \(id) 已上（\(teacher.name)，\(describe(lesson))）。", "Confirmed: lesson \(id) was taught.")
            : t(
                "已记录示范课 \(id) 未上（\(teacher.name)，\(describe(lesson))）。如需补上，请重新预约。",
                "Recorded: lesson \(id) was not taught. Book again to make it up.")
        // A group lesson not taught takes the teacher's school-wide lesson with it.
        if !held,
            let line = try withdrawSchoolRound(
                of: lesson, by: person, reason: (zh: "组内示范课 \(id) 未上", en: "the group lesson \(id) was not taught"))
        {
            text += "\n" + line
        }
        try reply(text)
        try tellOwner(
            lesson.staffID, by: person, { _ in held ? "确认了您的示范课 \(id) 已上。" : "记录了您的示范课 \(id) 未上。" },
            { _ in held ? "confirmed your lesson \(id) as taught." : "recorded your lesson \(id) as not taught." })
    }

    /// 我的家访: the teacher's own visits, with their details (in a group: the ids only, the details in private).
    mutating func myVisits(_ person: Person) throws {
        let visits = state.visits(of: person.staffID).sorted { $0.date < $1.date }
        guard !visits.isEmpty else {
            return try reply(
                t(
                    "您还没有登记家访。例如：\(IntentKind.reportVisit.example.zh)",
                    "You have not reported a visit yet, e.g. \(IntentKind.reportVisit.example.en)"))
        }
        let heading = t(
            "\(person.name)老师的家访（共 \(visits.count) 次，节假日 \(visits.filter(\.holiday).count) 次）",
            "Your home visits (\(visits.count), \(visits.filter(\.holiday).count) on holidays)")
        // The footer's example is one of the teacher's own visits.
        let example = visits.last?.id ?? "V-0001"
        let footer = t(
            "改错：修改 \(example) 日期:10月9日；撤销：撤销 \(example)",
            "Fix: /edit \(example) date:2010-10-09; withdraw: /withdraw \(example)")
        let english = english
        let days = visits.map { v in
            "\(v.id) \(v.date.chinese)（\(v.date.chineseWeekday)\(v.holiday ? (english ? ", holiday" : "，节假日") : "")）"
        }
        let ids = visits.map(\.id).joined(separator: english ? ", " : "、")
        try replyPrivately(inGroup: heading + (english ? ": " + ids + "." : "：" + ids + "。")) { reader in
            var lines = [heading + (english ? ":" : "：")]
            for (v, day) in zip(visits, days) {
                lines.append(day + " " + StudentData.visitLine(v, english: english, compact: true).text(for: reader))
            }
            lines.append(footer)
            return lines.joined(separator: "\n")
        }
    }
}
