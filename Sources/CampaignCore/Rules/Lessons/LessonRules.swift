import CampaignIntents
import Foundation

/// Demonstration lessons: booking, with the rules a booking must meet (phase, holidays, clashes, the school-wide round).
extension Turn {
    mutating func book(_ person: Person, _ request: LessonRequest) throws {
        if try refusedAfterCampaign() { return }
        guard person.teachesDemoLesson else {
            try reply(LessonReply.notFrontline)
            return
        }
        guard let span = campaign.lessonSpan, span.contains(request.date) else {
            let phase = campaign.phase(number: campaign.lessonPhase)
            try reply(LessonReply.outsidePhase(request.date, phase: campaign.lessonPhase, span: phase?.span))
            return
        }
        guard request.date >= today else {
            try reply(LessonReply.inPast(request.date))
            return
        }
        if let holiday = campaign.holiday(on: request.date) {
            try reply(LessonReply.onHoliday(request.date, holiday, next: nextSchoolDay(after: holiday.to)))
            return
        }
        let mine = state.activeLessons(of: person.staffID)
        if request.level == .school {
            guard try schoolRoundAllowed(person, mine) else { return }
            // The whole school comes to a school-wide lesson: its topic is part of the announcement.
            if request.topic == nil {
                try askForTopic()
                return
            }
        } else if let other = mine.first(where: { $0.level == .group }) {
            try reply(LessonReply.groupAlreadyBooked(other))
            return
        }
        if let clash = clash(with: request, branch: person.branch) {
            let teacher = state.roster[clash.lesson.staffID]?.name ?? clash.lesson.staffID
            try reply(LessonReply.clash(clash, teacher: teacher))
            return
        }
        let lesson = Lesson(
            id: state.nextID("L"), staffID: person.staffID, date: request.date, period: request.period,
            className: request.className, topic: request.topic, level: request.level, status: .booked,
            nominated: false, bookedAt: now, cancelledAt: nil)
        try emit(.bookLesson(lesson))
        try reply(LessonReply.booked(lesson, makeUpWorkday: campaign.makeUpWorkday(on: request.date)?.name))
    }

    /// Asks for a school-wide lesson's topic: the answer completes the booking (in a group: how to write it).
    private mutating func askForTopic() throws {
        guard !message.isGroup else {
            try reply(LessonReply.askTopic(inGroupCommand: commandText))
            return
        }
        try emit(
            .setPending(
                identity: message.identity.key,
                PendingQuestion(text: commandText, argument: CommandArgument.topic.rawValue, askedAt: now)))
        try reply(LessonReply.askTopic(inGroupCommand: nil))
    }

    /// A school-wide lesson needs the branch's nomination of the teacher's group lesson, taught first; one per teacher.
    /// Replies why not when it is not allowed.
    private mutating func schoolRoundAllowed(_ person: Person, _ mine: [Lesson]) throws -> Bool {
        guard let group = mine.first(where: { $0.level == .group }) else {
            try reply(LessonReply.groupLessonFirst)
            return false
        }
        guard group.nominated else {
            try reply(LessonReply.notNominated(group))
            return false
        }
        guard isTaught(group) else {
            try reply(group.date < today ? LessonReply.groupUnconfirmed(group) : LessonReply.groupNotTaughtYet(group))
            return false
        }
        if let other = mine.first(where: { $0.level == .school }) {
            try reply(LessonReply.schoolAlreadyBooked(other))
            return false
        }
        return true
    }

    /// Whether a lesson has been taught: confirmed held (a lesson whose day has passed is 待确认 until the teacher,
    /// their secretary or an admin confirms it).
    func isTaught(_ lesson: Lesson) -> Bool {
        lesson.isHeld
    }

    /// The lesson a booking would clash with, and why: the same class, the same branch (its teachers sit in on each
    /// other's lessons), or a school-wide lesson beside any other lesson (every teacher attends it), at the same date
    /// and period.
    func clash(with request: LessonRequest, branch: String) -> LessonClash? {
        for lesson in state.lessons
        where lesson.isActive && lesson.date == request.date && lesson.period == request.period {
            func clash(_ place: LessonClash.Place, _ reason: LessonClash.Reason?) -> LessonClash {
                LessonClash(lesson: lesson, date: request.date, period: request.period, place: place, reason: reason)
            }
            if lesson.className == request.className {
                return clash(.named(request.className), nil)
            }
            if request.level == .school && lesson.level == .school {
                return clash(.school, .oneSchoolWideAtATime)
            }
            if lesson.level == .school {
                return clash(.school, .schoolWideTakesThePeriod)
            }
            if request.level == .school {
                return clash(.group, .schoolWideBesideGroup)
            }
            if state.roster[lesson.staffID]?.branch == branch {
                return clash(.named(branch), .branchAttends)
            }
        }
        return nil
    }

    /// The first school day after `date` inside the lesson phase.
    func nextSchoolDay(after date: CalendarDate) -> CalendarDate? {
        guard let span = campaign.lessonSpan else { return nil }
        var day = max(date.adding(days: 1), today)
        while day <= span.to {
            if !campaign.isHoliday(day) { return day }
            day = day.adding(days: 1)
        }
        return nil
    }
}
