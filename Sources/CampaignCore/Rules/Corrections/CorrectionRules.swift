import CampaignIntents
import Foundation

/// Correcting records: a person withdraws or edits their own pledge, lesson, visit or work; an admin corrects anyone's;
/// the teacher, their secretary or an admin confirms whether a lesson was taught. Every change goes into the record's
/// history with who made it and what the record said before.
extension Turn {
    func summary(of id: String) -> RecordSummary? {
        if let p = state.pledges.first(where: { $0.id == id }) { return .pledge(p) }
        if let l = state.lesson(id) { return .lesson(l) }
        if let v = state.visits.first(where: { $0.id == id }) { return .visit(v) }
        if let w = state.works.first(where: { $0.id == id }) { return .work(w) }
        return nil
    }

    /// A reply about records whose lines may hold student data: in a group without the student data, which goes to
    /// the asker privately.
    mutating func reply(about outcome: CorrectionReply) throws {
        let english = english
        guard outcome.records.contains(where: { $0.student(english: english) != nil }) else {
            return try reply(outcome)
        }
        try replyPrivately(inGroup: outcome, outcome)
    }

    func owner(of id: String) -> String? {
        state.pledges.first { $0.id == id }?.staffID ?? state.lesson(id)?.staffID
            ?? state.visits.first { $0.id == id }?.staffID ?? state.works.first { $0.id == id }?.staffID
    }

    /// The record's owner when `person` may change it; otherwise replies why not and returns nil.
    mutating func correctable(_ id: String, by person: Person) throws -> String? {
        guard let owner = owner(of: id), summary(of: id) != nil else {
            let withdrawn = state.history[id]?.last?.action == "撤销"
            try reply(withdrawn ? CorrectionReply.alreadyWithdrawn(id) : CorrectionReply.noSuchRecord(id))
            return nil
        }
        guard owner == person.staffID || person.permission == .admin else {
            try reply(CorrectionReply.notYours(id))
            return nil
        }
        return owner
    }

    func entry(_ person: Person, _ action: String, _ id: String) -> RecordHistoryEntry {
        let line = summary(of: id)
        return RecordHistoryEntry(
            at: now, by: person.staffID, action: action, before: line?.shared(english: english) ?? id,
            beforeStudent: line?.student(english: english),
            owner: owner(of: id))
    }

    /// Tells the owner when an admin changed their record (in their private chat: the lines may hold student data).
    mutating func tellOwner(_ owner: String, by person: Person, _ change: OwnerNotice.Change) throws {
        guard owner != person.staffID, let teacher = state.roster[owner] else { return }
        _ = try notifyPrivately(teacher, kind: .notice, OwnerNotice(admin: person.name, change: change))
    }

    mutating func withdraw(_ person: Person, _ id: String) throws {
        if person.permission != .admin, try refusedAfterCampaign() { return }
        guard let owner = try correctable(id, by: person), let before = summary(of: id) else { return }
        if let lesson = state.lesson(id) {
            try cancel(person, lesson.id)
            return
        }
        try emit(.withdraw(id: id, entry: entry(person, "撤销", id)))
        try reply(about: .withdrawn(before))
        try tellOwner(owner, by: person, .withdrew(before))
    }

    mutating func edit(_ person: Person, _ id: String, _ fields: RecordEdit) throws {
        if person.permission != .admin, try refusedAfterCampaign() { return }
        guard let owner = try correctable(id, by: person), let before = summary(of: id) else { return }
        let amended: AmendedRecord
        if var p = state.pledges.first(where: { $0.id == id }) {
            if let star = fields.star, star != p.star {
                guard let rule = campaign.rule(for: star), state.roster[owner]?.mayStrive(for: rule) ?? false else {
                    try reply(CorrectionReply.starNotOpen(star))
                    return
                }
                guard !state.pledges(of: owner).contains(where: { $0.star == star }) else {
                    try reply(CorrectionReply.starAlreadyPledged(star))
                    return
                }
                p.star = star
            }
            if let text = fields.text { p.text = text }
            amended = .pledge(p)
        } else if var l = state.lesson(id) {
            if fields.date != nil || fields.period != nil {
                try reply(CorrectionReply.moveLesson(id))
                return
            }
            guard l.isActive else {
                try reply(CorrectionReply.lessonNotEditable(id))
                return
            }
            if let className = fields.className { l.className = className }
            if let topic = fields.topic { l.topic = topic }
            amended = .lesson(l)
        } else if var v = state.visits.first(where: { $0.id == id }) {
            if let date = fields.date {
                guard date <= today, date >= campaign.start, date <= campaign.end else {
                    try reply(CorrectionReply.visitDateOutside)
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
        let after = summary(of: id) ?? .id(id)
        try reply(about: .changed(before: before, after: after))
        try tellOwner(owner, by: person, .corrected(before: before, after: after))
    }

    /// 确认示范课 L-0003 已上 / 未上: the teacher, their branch's secretary or an admin, once the day has come.
    mutating func confirmLesson(_ person: Person, _ id: String, held: Bool) throws {
        if person.permission != .admin, try refusedAfterCampaign() { return }
        guard let lesson = state.lesson(id), let teacher = state.roster[lesson.staffID] else {
            try reply(CorrectionReply.noSuchLesson(id))
            return
        }
        let mayConfirm =
            lesson.staffID == person.staffID || person.permission == .admin
            || (person.permission == .secretary && person.branch == teacher.branch)
        guard mayConfirm else {
            try reply(CorrectionReply.notYourLessonToConfirm(id, teacher: teacher))
            return
        }
        guard lesson.status != .cancelled else {
            try reply(CorrectionReply.lessonCancelled(id))
            return
        }
        guard lesson.date <= today else {
            try reply(CorrectionReply.lessonNotYet(lesson))
            return
        }
        try emit(.confirmLesson(id: id, held: held, entry: entry(person, held ? "确认已上" : "确认未上", id)))
        // A group lesson not taught takes the teacher's school-wide lesson with it.
        let schoolRound = held ? nil : try withdrawSchoolRound(of: lesson, by: person, reason: .groupNotTaught(id))
        try reply(CorrectionReply.confirmed(lesson, teacher: teacher.name, held: held, schoolRound: schoolRound))
        try tellOwner(lesson.staffID, by: person, .confirmed(id, held: held))
    }

    /// 我的家访: the teacher's own visits, with their details (in a group: the ids only, the details in private).
    mutating func myVisits(_ person: Person) throws {
        let visits = state.visits(of: person.staffID).sorted { $0.date < $1.date }
        guard !visits.isEmpty else { return try reply(NoVisitsReply()) }
        let list = VisitListReply(teacher: person.name, visits: visits)
        try replyPrivately(inGroup: list, list)
    }
}
