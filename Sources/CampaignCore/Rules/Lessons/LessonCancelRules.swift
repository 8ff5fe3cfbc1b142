import CampaignIntents
import Foundation

/// Cancelling a demo lesson, and what goes with it: a group lesson that stops counting takes the school-wide one.
extension Turn {
    /// When `group` stops counting (cancelled, not taught, or no longer the branch's nomination), the teacher's
    /// school-wide lesson goes too: it is withdrawn and the teacher is told. Returns it, for the reply.
    mutating func withdrawSchoolRound(
        of group: Lesson, by person: Person, reason: SchoolRoundWithdrawn.Reason, notifyOwner: Bool = true
    ) throws -> SchoolRoundWithdrawn? {
        guard group.level == .group,
            let school = state.activeLessons(of: group.staffID).first(where: { $0.level == .school && $0.date >= today }
            )
        else { return nil }
        try emit(.withdraw(id: school.id, entry: entry(person, "撤销", school.id)))
        if notifyOwner, school.staffID != person.staffID, let owner = state.roster[school.staffID] {
            _ = try notify(owner, LessonChangeReply.schoolRoundWithdrawnNotice(school, reason), kind: .notice)
        }
        return SchoolRoundWithdrawn(school: school, owner: state.roster[school.staffID]?.name ?? school.staffID)
    }

    mutating func cancel(_ person: Person, _ id: String) throws {
        if person.permission != .admin, try refusedAfterCampaign() { return }
        guard let lesson = state.lesson(id) else {
            try reply(LessonChangeReply.noSuchLesson(id))
            return
        }
        guard lesson.staffID == person.staffID || person.permission == .admin else {
            try reply(LessonChangeReply.notYours(id))
            return
        }
        guard lesson.isActive else {
            try reply(LessonChangeReply.alreadyCancelled(id))
            return
        }
        // A past lesson is confirmed rather than cancelled; an admin may still correct the record.
        guard lesson.date >= today || person.permission == .admin else {
            try reply(LessonChangeReply.past(lesson))
            return
        }
        try emit(.withdraw(id: id, entry: entry(person, "取消", id)))
        let schoolRound = try withdrawSchoolRound(of: lesson, by: person, reason: .groupCancelled(id))
        try reply(LessonChangeReply.cancelled(lesson, schoolRound: schoolRound))
        if lesson.staffID != person.staffID, let owner = state.roster[lesson.staffID] {
            _ = try notify(owner, LessonChangeReply.cancelledByAdmin(lesson, admin: person.name), kind: .notice)
        }
    }
}
