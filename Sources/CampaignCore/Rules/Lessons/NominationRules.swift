import CampaignIntents
import Foundation

/// A branch's nomination of one lesson for the school-wide round (推荐).
extension Turn {
    mutating func nominate(_ person: Person, _ id: String) throws {
        if try refusedAfterCampaign() { return }
        guard let lesson = state.lesson(id), lesson.isActive else {
            try reply(LessonChangeReply.noActiveLesson(id))
            return
        }
        guard let teacher = state.roster[lesson.staffID] else {
            try reply(LessonChangeReply.teacherGone(id))
            return
        }
        guard person.permission == .admin || teacher.branch == person.branch else {
            try reply(LessonChangeReply.otherBranch(id, branch: teacher.branch, own: person.branch))
            return
        }
        guard lesson.level == .group else {
            try reply(LessonChangeReply.alreadySchoolWide(id))
            return
        }
        if lesson.nominated {
            try reply(LessonChangeReply.alreadyNominated(id, branch: teacher.branch, teacher: teacher.name))
            return
        }
        let previous = state.lessons.first { $0.nominated && state.roster[$0.staffID]?.branch == teacher.branch }
        try emit(.nominate(id: id))
        var schoolRound: SchoolRoundWithdrawn?
        let previousTeacher = previous.flatMap { state.roster[$0.staffID] }
        if let previous {
            let reason = SchoolRoundWithdrawn.Reason.renominated(branch: teacher.branch, teacher: teacher.name, id: id)
            let school = state.activeLessons(of: previous.staffID).first { $0.level == .school && $0.date >= today }
            schoolRound = try withdrawSchoolRound(of: previous, by: person, reason: reason, notifyOwner: false)
            if let previousTeacher, previousTeacher.staffID != person.staffID,
                previousTeacher.staffID != teacher.staffID
            {
                _ = try notify(
                    previousTeacher,
                    LessonChangeReply.nominationMoved(lesson, teacher: teacher, previous: previous, school: school),
                    kind: .notice)
            }
        }
        try reply(
            LessonChangeReply.nominated(
                lesson, teacher: teacher, previous: previous, previousTeacher: previousTeacher?.name,
                schoolRound: schoolRound))
        if teacher.staffID != person.staffID {
            _ = try notify(teacher, LessonChangeReply.nominatedNotice(lesson, taught: isTaught(lesson)), kind: .notice)
        }
    }
}
