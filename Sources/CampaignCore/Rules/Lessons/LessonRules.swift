import CampaignIntents
import Foundation

/// Demonstration lessons: booking, with the rules a booking must meet (phase, holidays, clashes, the school-wide round).
extension Turn {
    mutating func book(_ person: Person, _ request: LessonRequest) throws {
        if try refusedAfterCampaign() { return }
        guard person.teachesDemoLesson else {
            try reply(
                t(
                    "党员示范课由一线党员教师承担。按名单您不是一线党员教师，如名单有误，请联系管理员。",
                    "Demonstration lessons are taught by frontline Party-member teachers; the roster does not list you as one."
                ))
            return
        }
        guard let span = campaign.lessonSpan, span.contains(request.date) else {
            let phase = campaign.phase(number: campaign.lessonPhase)
            try reply(
                t(
                    "示范课须安排在第\(campaign.lessonPhase)阶段（\(phase?.span.chinese ?? "")）内，\(request.date.chinese)不在其中。请在这段时间内另选日期。",
                    "Lessons must be inside phase \(campaign.lessonPhase) (\(phase.map { "\($0.span.from) – \($0.span.to)" } ?? "")); \(request.date) is not. Please choose a date in that phase."
                ))
            return
        }
        guard request.date >= today else {
            try reply(
                t(
                    "\(request.date.chinese)已经过去了，请预约今天或以后的日期。",
                    "\(request.date) is in the past; please book today or later."))
            return
        }
        if let holiday = campaign.holiday(on: request.date) {
            let next = nextSchoolDay(after: holiday.to)
            try reply(
                t(
                    "\(request.date.chinese)（\(request.date.chineseWeekday)）是\(holiday.name)（\(holiday.from.chinese)—\(holiday.to.chinese)放假），学校不上课，示范课不能安排在这一天。"
                        + "请另选上课日\(next.map { "，例如\($0.chinese)（\($0.chineseWeekday)）" } ?? "")。",
                    "\(request.date) is in \(holiday.name) (\(holiday.from) – \(holiday.to)): no school, so no lesson. Please choose a school day"
                        + (next.map { ", e.g. \($0)" } ?? "") + "."))
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
            try reply(
                t(
                    "您已预约示范课 \(other.id)（\(describe(other))）。每人一节组内示范课；如需改期，请先发送“取消示范课 \(other.id)”。",
                    "You already booked lesson \(other.id) (\(describe(other))). To change it, first send /cancel \(other.id)."
                ))
            return
        }
        if let (clash, place, why) = clash(with: request, branch: person.branch) {
            let teacher = state.roster[clash.staffID]?.name ?? clash.staffID
            try reply(
                t(
                    "\(request.date.chinese) 第\(request.period)节，\(place)已有示范课 \(clash.id)（\(teacher)）\(why.map { "——" + $0.zh } ?? "")。请换一个节次或日期。",
                    "On \(request.date), period \(request.period), \(place) already has lesson \(clash.id) (\(teacher))\(why.map { " — " + $0.en } ?? ""). Please choose another time."
                ))
            return
        }
        let lesson = Lesson(
            id: state.nextID("L"), staffID: person.staffID, date: request.date, period: request.period,
            className: request.className, topic: request.topic, level: request.level, status: .booked,
            nominated: false, bookedAt: now, cancelledAt: nil)
        try emit(.bookLesson(lesson))
        var text = t("已预约示范课 \(lesson.id)：\(describe(lesson))。", "Lesson \(lesson.id) booked: \(describe(lesson)).")
        if let workday = campaign.makeUpWorkday(on: request.date) {
            text += t(
                "\n这一天是调休上班日（\(workday.name)），照常上课。",
                "\nThat day is a make-up workday (\(workday.name)): school as usual.")
        } else if request.date.isWeekend {
            text += t("\n注意：这一天是\(request.date.chineseWeekday)。", "\nNote: that day is a weekend.")
        }
        text += t(
            "\n前一天16:00我会提醒您。如需取消：取消示范课 \(lesson.id)",
            "\nI will remind you the day before at 16:00. To cancel: /cancel \(lesson.id)")
        try reply(text)
    }

    /// Asks for a school-wide lesson's topic: the answer completes the booking (in a group: how to write it).
    private mutating func askForTopic() throws {
        let question = t(
            "全校示范课请告诉我课题（全校老师会看到）。", "Please tell me the topic of the school-wide lesson (every teacher will see it).")
        guard !message.isGroup else {
            try reply(
                question + t("\n请在命令后加上课题，例如：", "\nAdd it to the command, e.g. ") + commandText
                    + t(" 课题:函数的单调性", " topic:Monotonic functions"))
            return
        }
        try emit(
            .setPending(
                identity: message.identity.key,
                PendingQuestion(text: commandText, argument: CommandArgument.topic.rawValue, askedAt: now)))
        try reply(
            question
                + t(
                    "\n直接回复即可（如：\(answerExample(.topic, .bookLesson))）；发送“取消”放弃。",
                    "\nJust reply with it (e.g. \(answerExample(.topic, .bookLesson))); send “cancel” to drop it."))
    }

    /// A school-wide lesson needs the branch's nomination of the teacher's group lesson, taught first; one per teacher.
    /// Replies why not when it is not allowed.
    private mutating func schoolRoundAllowed(_ person: Person, _ mine: [Lesson]) throws -> Bool {
        guard let group = mine.first(where: { $0.level == .group }) else {
            try reply(
                t(
                    "全校示范课在组内示范课之后：请先预约并上好组内示范课（例如：\(IntentKind.bookLesson.example.zh)），由支部书记推荐后再预约全校展示。",
                    "A school-wide lesson comes after your group lesson: book and teach the group lesson first; after your branch nominates it, book the school-wide one."
                ))
            return false
        }
        guard group.nominated else {
            try reply(
                t(
                    "全校示范课需由支部推荐：您的组内示范课 \(group.id)（\(describe(group))）还没有被推荐。请先上好组内示范课，由支部书记发送“推荐 \(group.id)”后再预约全校展示。",
                    "A school-wide lesson needs your branch's nomination first: your group lesson \(group.id) is not nominated. Ask your branch secretary to send /nominate \(group.id)."
                ))
            return false
        }
        guard isTaught(group) else {
            if group.date < today {
                try reply(
                    t(
                        "全校示范课须在组内示范课上完之后预约：您的组内示范课 \(group.id)（\(group.date.chinese)）还待确认。上过的话请发送“确认示范课 \(group.id) 已上”，确认后再预约全校展示。",
                        "Book the school-wide lesson after your group lesson is confirmed taught: send /held \(group.id) yes, then book again."
                    ))
            } else {
                try reply(
                    t(
                        "全校示范课须在组内示范课上完之后预约：您的组内示范课 \(group.id) 在\(group.date.chinese)（\(group.date.chineseWeekday)），上完并确认后再预约全校展示。",
                        "Book the school-wide lesson after your group lesson \(group.id) on \(group.date) is taught and confirmed."
                    ))
            }
            return false
        }
        if let other = mine.first(where: { $0.level == .school }) {
            try reply(
                t(
                    "您已预约全校示范课 \(other.id)（\(describe(other))）。如需改期，请先发送“取消示范课 \(other.id)”。",
                    "You already booked the school-wide lesson \(other.id). Cancel it first to change it."))
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
    func clash(with request: LessonRequest, branch: String) -> (Lesson, place: String, why: (zh: String, en: String)?)?
    {
        for lesson in state.lessons
        where lesson.isActive && lesson.date == request.date && lesson.period == request.period {
            if lesson.className == request.className {
                return (lesson, request.className, nil)
            }
            if request.level == .school && lesson.level == .school {
                return (lesson, t("全校", "the school"), ("全校示范课全校老师都要听，同一时间只能有一节", "one school-wide lesson at a time"))
            }
            if lesson.level == .school {
                return (
                    lesson, t("全校", "the school"),
                    (
                        "全校示范课全校老师都要听，这一节不能再安排组内示范课",
                        "every teacher attends a school-wide lesson, so no group lesson beside it"
                    )
                )
            }
            if request.level == .school {
                return (
                    lesson, t("组内", "a group"),
                    (
                        "全校示范课全校老师都要听，不能与组内示范课同时上",
                        "every teacher attends a school-wide lesson, so it cannot be beside a group lesson"
                    )
                )
            }
            if state.roster[lesson.staffID]?.branch == branch {
                return (lesson, branch, ("本支部老师要互相听课", "its teachers attend each other's lessons"))
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
