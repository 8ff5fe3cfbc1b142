import CampaignIntents
import Foundation

/// Demonstration lessons: booking, cancelling, a branch's nomination for the school-wide round, the schedule.
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
    /// other's lessons), or two school-wide lessons, at the same date and period.
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

    /// When `group` stops counting (cancelled, not taught, or no longer the branch's nomination), the teacher's
    /// school-wide lesson goes too: it is withdrawn and the teacher is told. Returns a line for the reply.
    mutating func withdrawSchoolRound(
        of group: Lesson, by person: Person, reason: (zh: String, en: String),
        notifyOwner: Bool = true
    ) throws -> String? {
        guard group.level == .group,
            let school = state.activeLessons(of: group.staffID).first(where: { $0.level == .school && $0.date >= today }
            )
        else { return nil }
        try emit(.withdraw(id: school.id, entry: entry(person, "撤销", school.id)))
        if notifyOwner, school.staffID != person.staffID, let owner = state.roster[school.staffID] {
            _ = try notify(
                owner,
                t(
                    "您的全校示范课 \(school.id)（\(describe(school))）已撤销：\(reason.zh)。如有疑问，请联系支部书记。",
                    "Your school-wide lesson \(school.id) is withdrawn: \(reason.en)."), kind: .notice)
        }
        return t(
            "\(state.roster[school.staffID]?.name ?? school.staffID)的全校示范课 \(school.id)（\(describe(school))）也随之撤销。",
            "The school-wide lesson \(school.id) is withdrawn too.")
    }

    mutating func cancel(_ person: Person, _ id: String) throws {
        if person.permission != .admin, try refusedAfterCampaign() { return }
        guard let lesson = state.lesson(id) else {
            try reply(t("没有找到示范课 \(id)。发送“我的进度”可查看您的示范课编号。", "There is no lesson \(id). Send /me to see your lessons."))
            return
        }
        guard lesson.staffID == person.staffID || person.permission == .admin else {
            try reply(
                t(
                    "示范课 \(id) 不是您预约的，不能取消。请核对编号（发送“我的进度”可查看您的示范课），或请预约的老师、管理员取消。",
                    "Lesson \(id) is not yours to cancel. Check the id (send /me to see yours), or ask its teacher or an admin."
                ))
            return
        }
        guard lesson.isActive else {
            try reply(
                t(
                    "示范课 \(id) 已经取消过了。发送“示范课安排”可查看当前的安排。",
                    "Lesson \(id) is already cancelled. Send /lessons to see the schedule."))
            return
        }
        // A past lesson is confirmed rather than cancelled; an admin may still correct the record.
        guard lesson.date >= today || person.permission == .admin else {
            try reply(
                t(
                    "示范课 \(id) 的日期（\(lesson.date.chinese)）已过，不能取消。请确认是否上过：\n确认示范课 \(id) 已上\n确认示范课 \(id) 未上",
                    "Lesson \(id) was on \(lesson.date) and cannot be cancelled. Confirm whether it was taught:\n/held \(id) yes\n/held \(id) no"
                ))
            return
        }
        try emit(.withdraw(id: id, entry: entry(person, "取消", id)))
        var text = t("已取消示范课 \(id)（\(describe(lesson))）。", "Lesson \(id) (\(describe(lesson))) is cancelled.")
        if lesson.nominated { text += t("\n这节课的全校推荐也随之取消。", "\nIts school-wide nomination is withdrawn too.") }
        if let line = try withdrawSchoolRound(
            of: lesson, by: person, reason: (zh: "组内示范课 \(id) 已取消", en: "the group lesson \(id) was cancelled"))
        {
            text += "\n" + line
        }
        try reply(text)
        if lesson.staffID != person.staffID, let owner = state.roster[lesson.staffID] {
            _ = try notify(
                owner,
                t(
                    "管理员\(person.name)取消了您的示范课 \(id)（\(describe(lesson))）。",
                    "Admin \(person.name) cancelled your lesson \(id)."), kind: .notice)
        }
    }

    mutating func nominate(_ person: Person, _ id: String) throws {
        if try refusedAfterCampaign() { return }
        guard let lesson = state.lesson(id), lesson.isActive else {
            try reply(
                t("没有找到有效的示范课 \(id)。发送“示范课安排”可查看编号。", "There is no active lesson \(id). Send /lessons to see the ids."))
            return
        }
        guard let teacher = state.roster[lesson.staffID] else {
            try reply(
                t("示范课 \(id) 的老师已不在名单中，不能推荐。请联系党总支管理员。", "The teacher of lesson \(id) is no longer on the roster."))
            return
        }
        guard person.permission == .admin || teacher.branch == person.branch else {
            try reply(
                t(
                    "示范课 \(id) 属于\(teacher.branch)，您只能推荐本支部（\(person.branch)）的示范课。请发送“示范课安排”查看编号。",
                    "Lesson \(id) belongs to another branch; you can nominate lessons of your own branch. Send /lessons to see the ids."
                ))
            return
        }
        guard lesson.level == .group else {
            try reply(
                t(
                    "示范课 \(id) 已经是全校展示课。请推荐这位老师的组内示范课。",
                    "Lesson \(id) is already a school-wide lesson. Please nominate the group-level lesson."))
            return
        }
        if lesson.nominated {
            try reply(
                t(
                    "示范课 \(id) 已经是\(teacher.branch)的推荐课，无需重复推荐。请提醒\(teacher.name)老师预约全校示范课。",
                    "Lesson \(id) is already nominated; nothing to do. Remind its teacher to book the school-wide lesson."
                ))
            return
        }
        let previous = state.lessons.first { $0.nominated && state.roster[$0.staffID]?.branch == teacher.branch }
        try emit(.nominate(id: id))
        var text = t(
            "已推荐 \(id)（\(teacher.name)，\(describe(lesson))）代表\(teacher.branch)参加全校展示。",
            "Lesson \(id) (\(teacher.name)) is nominated for the school-wide round.")
        if let previous {
            let previousTeacher = state.roster[previous.staffID]
            text += t(
                "\n原推荐 \(previous.id) 已撤销（\(previousTeacher?.name ?? previous.staffID)，每个支部推荐一节）。",
                "\nThe previous nomination \(previous.id) is withdrawn (one per branch).")
            let reason = (
                zh: "\(teacher.branch)改为推荐\(teacher.name)老师的 \(id)", en: "your branch nominated another lesson"
            )
            let school = state.activeLessons(of: previous.staffID).first { $0.level == .school && $0.date >= today }
            if let line = try withdrawSchoolRound(of: previous, by: person, reason: reason, notifyOwner: false) {
                text += "\n" + line
            }
            if let previousTeacher, previousTeacher.staffID != person.staffID,
                previousTeacher.staffID != teacher.staffID
            {
                let withdrawn =
                    school.map {
                        t(
                            "您的全校示范课 \($0.id)（\(describe($0))）也随之撤销。",
                            " Your school-wide lesson \($0.id) is withdrawn too.")
                    } ?? ""
                _ = try notify(
                    previousTeacher,
                    t(
                        "\(teacher.branch)的全校展示推荐已改为 \(id)（\(teacher.name)），您的示范课 \(previous.id)（\(describe(previous))）的推荐已撤销。"
                            + withdrawn + "您的组内示范课照常有效。如有疑问，请联系支部书记。",
                        "Your branch now nominates \(id); the nomination of your lesson \(previous.id) is withdrawn."
                            + withdrawn
                            + " Your group lesson still counts."),
                    kind: .notice)
            }
        }
        try reply(text)
        if teacher.staffID != person.staffID {
            let next =
                isTaught(lesson)
                ? t("请预约全校示范课，例如：预约示范课 日期 节次 班级 全校", "Book it with level school.")
                : t(
                    "上完组内示范课（\(lesson.date.chinese)）并发送“确认示范课 \(id) 已上”后，请预约全校示范课，例如：预约示范课 日期 节次 班级 全校",
                    "After the group lesson on \(lesson.date), confirm it (/held \(id) yes) and book the school-wide one with level school."
                )
            _ = try notify(
                teacher,
                t(
                    "您的示范课 \(id)（\(describe(lesson))）被推荐参加全校展示！",
                    "Your lesson \(id) was nominated for the school-wide round! ") + next,
                kind: .notice)
        }
    }

    func lessonsText(from: CalendarDate?, to: CalendarDate?) -> String {
        let start = from ?? today
        let lessons = state.lessons
            .filter { lesson in lesson.isActive && lesson.date >= start && (to.map { lesson.date <= $0 } ?? true) }
            .sorted { ($0.date, $0.period) < ($1.date, $1.period) }
        let range = to.map { "\(start.chinese)—\($0.chinese)" } ?? t("\(start.chinese)起", "from \(start)")
        guard !lessons.isEmpty else { return t("示范课安排（\(range)）：暂无。", "Lessons (\(range)): none.") }
        var lines = [t("示范课安排（\(range)），共 \(lessons.count) 节：", "Lessons (\(range)), \(lessons.count):")]
        for lesson in lessons.prefix(50) {
            let teacher = state.roster[lesson.staffID]?.name ?? lesson.staffID
            lines.append(
                "\(lesson.id) \(lesson.date.month)/\(lesson.date.day) \(weekday(lesson.date)) "
                    + t("第\(lesson.period)节", "P\(lesson.period)")
                    + " \(lesson.className) \(teacher)" + (lesson.topic.map { "《\($0)》" } ?? "")
                    + (lesson.level == .school
                        ? t("【全校】", " [school]") : lesson.nominated ? t("【推荐】", " [nominated]") : ""))
        }
        if lessons.count > 50 {
            lines.append(t("……还有 \(lessons.count - 50) 节，请缩小日期范围。", "… \(lessons.count - 50) more; narrow the range."))
        }
        return lines.joined(separator: "\n")
    }

    func describe(_ lesson: Lesson) -> String {
        var text =
            english
            ? "\(lesson.date) (\(weekday(lesson.date))) period \(lesson.period), \(lesson.className)"
            : "\(lesson.date.chinese)（\(lesson.date.chineseWeekday)）第\(lesson.period)节，\(lesson.className)"
        if let topic = lesson.topic { text += english ? ", “\(topic)”" : "，课题《\(topic)》" }
        text += english ? ", \(lesson.level.rawValue)" : "，\(lesson.level.chineseName)"
        return text
    }

    func weekday(_ date: CalendarDate) -> String {
        english ? ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][date.weekday - 1] : date.chineseWeekday
    }
}
