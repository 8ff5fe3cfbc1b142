import CampaignIntents
import Foundation

/// Demonstration lessons: booking, cancelling, a branch's nomination for the school-wide round, the schedule.
extension Turn {
    mutating func book(_ person: Person, _ request: LessonRequest) throws {
        guard person.teachesDemoLesson else {
            try reply(t("党员示范课由一线党员教师承担。按名单您不是一线党员教师，如名单有误，请联系管理员。",
                        "Demonstration lessons are taught by frontline Party-member teachers; the roster does not list you as one."))
            return
        }
        guard let span = campaign.lessonSpan, span.contains(request.date) else {
            let phase = campaign.phase(number: campaign.lessonPhase)
            try reply(t("示范课须安排在第\(campaign.lessonPhase)阶段（\(phase?.span.chinese ?? "")）内，\(request.date.chinese)不在其中。请在这段时间内另选日期。",
                        "Lessons must be inside phase \(campaign.lessonPhase) (\(phase.map { "\($0.span.from) – \($0.span.to)" } ?? "")); \(request.date) is not. Please choose a date in that phase."))
            return
        }
        guard request.date >= today else {
            try reply(t("\(request.date.chinese)已经过去了，请预约今天或以后的日期。",
                        "\(request.date) is in the past; please book today or later."))
            return
        }
        let mine = state.activeLessons(of: person.staffID)
        if request.level == .school {
            guard mine.contains(where: { $0.nominated }) else {
                try reply(t("全校示范课需由支部推荐：请先上好组内示范课，由支部书记发送“推荐 编号”后再预约全校展示。",
                            "A school-wide lesson needs your branch's nomination first."))
                return
            }
            if let other = mine.first(where: { $0.level == .school }) {
                try reply(t("您已预约全校示范课 \(other.id)（\(describe(other))）。如需改期，请先发送“取消示范课 \(other.id)”。",
                            "You already booked the school-wide lesson \(other.id). Cancel it first to change it."))
                return
            }
        } else if let other = mine.first(where: { $0.level == .group }) {
            try reply(t("您已预约示范课 \(other.id)（\(describe(other))）。每人一节组内示范课；如需改期，请先发送“取消示范课 \(other.id)”。",
                        "You already booked lesson \(other.id) (\(describe(other))). To change it, first send /cancel \(other.id)."))
            return
        }
        if let clash = state.lessons.first(where: { $0.isActive && $0.date == request.date && $0.period == request.period && $0.className == request.className }) {
            let teacher = state.roster[clash.staffID]?.name ?? clash.staffID
            try reply(t("\(request.className) \(request.date.chinese) 第\(request.period)节已有示范课 \(clash.id)（\(teacher)）。请换一个节次或日期。",
                        "\(request.className) already has lesson \(clash.id) (\(teacher)) on \(request.date), period \(request.period). Please choose another time."))
            return
        }
        let lesson = Lesson(id: state.nextID("L"), staffID: person.staffID, date: request.date, period: request.period,
                            className: request.className, topic: request.topic, level: request.level, status: .booked,
                            nominated: false, bookedAt: now, cancelledAt: nil)
        try emit(.bookLesson(lesson))
        var text = t("已预约示范课 \(lesson.id)：\(describe(lesson))。", "Lesson \(lesson.id) booked: \(describe(lesson)).")
        if request.date.isWeekend { text += t("\n注意：这一天是\(request.date.chineseWeekday)。", "\nNote: that day is a weekend.") }
        text += t("\n前一天16:00我会提醒您。如需取消：取消示范课 \(lesson.id)", "\nI will remind you the day before at 16:00. To cancel: /cancel \(lesson.id)")
        try reply(text)
    }

    mutating func cancel(_ person: Person, _ id: String) throws {
        guard let lesson = state.lesson(id) else {
            try reply(t("没有找到示范课 \(id)。发送“我的进度”可查看您的示范课编号。", "There is no lesson \(id). Send /me to see your lessons."))
            return
        }
        guard lesson.staffID == person.staffID || person.permission == .admin else {
            try reply(t("示范课 \(id) 不是您预约的，不能取消。请核对编号（发送“我的进度”可查看您的示范课），或请预约的老师、管理员取消。",
                        "Lesson \(id) is not yours to cancel. Check the id (send /me to see yours), or ask its teacher or an admin."))
            return
        }
        guard lesson.isActive else {
            try reply(t("示范课 \(id) 已经取消过了。发送“示范课安排”可查看当前的安排。", "Lesson \(id) is already cancelled. Send /lessons to see the schedule."))
            return
        }
        // A past lesson is confirmed rather than cancelled; an admin may still correct the record.
        guard lesson.date >= today || person.permission == .admin else {
            try reply(t("示范课 \(id) 的日期（\(lesson.date.chinese)）已过，不能取消。请确认是否上过：\n确认示范课 \(id) 已上\n确认示范课 \(id) 未上",
                        "Lesson \(id) was on \(lesson.date) and cannot be cancelled. Confirm whether it was taught:\n/held \(id) yes\n/held \(id) no"))
            return
        }
        try emit(.withdraw(id: id, entry: entry(person, "取消", id)))
        var text = t("已取消示范课 \(id)（\(describe(lesson))）。", "Lesson \(id) (\(describe(lesson))) is cancelled.")
        if lesson.nominated { text += t("\n这节课的全校推荐也随之取消。", "\nIts school-wide nomination is withdrawn too.") }
        try reply(text)
        if lesson.staffID != person.staffID, let owner = state.roster[lesson.staffID] {
            _ = try notify(owner, t("管理员\(person.name)取消了您的示范课 \(id)（\(describe(lesson))）。",
                                    "Admin \(person.name) cancelled your lesson \(id)."), kind: .notice)
        }
    }

    mutating func nominate(_ person: Person, _ id: String) throws {
        guard let lesson = state.lesson(id), lesson.isActive else {
            try reply(t("没有找到有效的示范课 \(id)。发送“示范课安排”可查看编号。", "There is no active lesson \(id)."))
            return
        }
        guard let teacher = state.roster[lesson.staffID] else { return }
        guard person.permission == .admin || teacher.branch == person.branch else {
            try reply(t("示范课 \(id) 属于\(teacher.branch)，您只能推荐本支部（\(person.branch)）的示范课。请发送“示范课安排”查看编号。",
                        "Lesson \(id) belongs to another branch; you can nominate lessons of your own branch. Send /lessons to see the ids."))
            return
        }
        guard lesson.level == .group else {
            try reply(t("示范课 \(id) 已经是全校展示课。请推荐这位老师的组内示范课。", "Lesson \(id) is already a school-wide lesson. Please nominate the group-level lesson."))
            return
        }
        if lesson.nominated {
            try reply(t("示范课 \(id) 已经是\(teacher.branch)的推荐课，无需重复推荐。请提醒\(teacher.name)老师预约全校示范课。",
                        "Lesson \(id) is already nominated; nothing to do. Remind its teacher to book the school-wide lesson."))
            return
        }
        let previous = state.lessons.first { $0.nominated && state.roster[$0.staffID]?.branch == teacher.branch }
        try emit(.nominate(id: id))
        var text = t("已推荐 \(id)（\(teacher.name)，\(describe(lesson))）代表\(teacher.branch)参加全校展示。",
                     "Lesson \(id) (\(teacher.name)) is nominated for the school-wide round.")
        if let previous { text += t("\n原推荐 \(previous.id) 已撤销（每个支部推荐一节）。", "\nThe previous nomination \(previous.id) is withdrawn (one per branch).") }
        try reply(text)
        if teacher.staffID != person.staffID {
            _ = try notify(teacher, t("您的示范课 \(id)（\(describe(lesson))）被推荐参加全校展示！请预约全校示范课，例如：预约示范课 日期 节次 班级 全校",
                                      "Your lesson \(id) was nominated for the school-wide round! Book it with level school."), kind: .notice)
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
            lines.append("\(lesson.id) \(lesson.date.month)/\(lesson.date.day) \(weekday(lesson.date)) " + t("第\(lesson.period)节", "P\(lesson.period)")
                + " \(lesson.className) \(teacher)" + (lesson.topic.map { "《\($0)》" } ?? "")
                + (lesson.level == .school ? t("【全校】", " [school]") : lesson.nominated ? t("【推荐】", " [nominated]") : ""))
        }
        if lessons.count > 50 { lines.append(t("……还有 \(lessons.count - 50) 节，请缩小日期范围。", "… \(lessons.count - 50) more; narrow the range.")) }
        return lines.joined(separator: "\n")
    }

    func describe(_ lesson: Lesson) -> String {
        var text = english
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
