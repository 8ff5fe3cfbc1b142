package import CampaignIntents

/// What the booking rule decided, and all of its words.
package enum LessonReply: Reply, Equatable {
    /// Only frontline Party-member teachers teach demo lessons.
    case notFrontline
    /// The day is outside phase `phase` (`span`).
    case outsidePhase(CalendarDate, phase: Int, span: DateSpan?)
    case inPast(CalendarDate)
    /// No school that day; `next`: the next school day in the lesson phase.
    case onHoliday(CalendarDate, Holiday, next: CalendarDate?)
    /// One group lesson per teacher.
    case groupAlreadyBooked(Lesson)
    /// Another lesson is at that date and period.
    case clash(LessonClash, teacher: String)
    /// Booked; `makeUpWorkday`: the name of the make-up workday it falls on.
    case booked(Lesson, makeUpWorkday: String?)
    /// A school-wide lesson needs a topic: in a group, how to add it to `command`; else ask for the answer.
    case askTopic(inGroupCommand: String?)
    /// A school-wide lesson comes after a group lesson.
    case groupLessonFirst
    case notNominated(Lesson)
    /// The group lesson's day has passed but it is not confirmed taught.
    case groupUnconfirmed(Lesson)
    case groupNotTaughtYet(Lesson)
    case schoolAlreadyBooked(Lesson)

    package func text(english: Bool) -> String {
        switch self {
        case .notFrontline:
            return english
                ? "Demonstration lessons are taught by frontline Party-member teachers; the roster does not list you as one."
                : "党员示范课由一线党员教师承担。按名单您不是一线党员教师，如名单有误，请联系管理员。"
        case .outsidePhase(let date, let phase, let span):
            return english
                ? "Lessons must be inside phase \(phase) (\(span.map { "\($0.from) – \($0.to)" } ?? "")); \(date) is not. Please choose a date in that phase."
                : "示范课须安排在第\(phase)阶段（\(span?.chinese ?? "")）内，\(date.chinese)不在其中。请在这段时间内另选日期。"
        case .inPast(let date):
            return english
                ? "\(date) is in the past; please book today or later." : "\(date.chinese)已经过去了，请预约今天或以后的日期。"
        case .onHoliday(let date, let holiday, let next):
            return english
                ? "\(date) is in \(holiday.name) (\(holiday.from) – \(holiday.to)): no school, so no lesson. Please choose a school day"
                    + (next.map { ", e.g. \($0)" } ?? "") + "."
                : "\(date.chinese)（\(date.chineseWeekday)）是\(holiday.name)（\(holiday.from.chinese)—\(holiday.to.chinese)放假），学校不上课，示范课不能安排在这一天。"
                    + "请另选上课日\(next.map { "，例如\($0.chinese)（\($0.chineseWeekday)）" } ?? "")。"
        case .groupAlreadyBooked(let other):
            let described = other.described(english: english)
            return english
                ? "You already booked lesson \(other.id) (\(described)). To change it, first send /cancel \(other.id)."
                : "您已预约示范课 \(other.id)（\(described)）。每人一节组内示范课；如需改期，请先发送“取消示范课 \(other.id)”。"
        case .clash(let clash, let teacher):
            let lesson = clash.lesson
            let place = clash.place.text(english: english)
            return english
                ? "On \(clash.date), period \(clash.period), \(place) already has lesson \(lesson.id) (\(teacher))\(clash.reason.map { " — " + $0.text(english: true) } ?? ""). Please choose another time."
                : "\(clash.date.chinese) 第\(clash.period)节，\(place)已有示范课 \(lesson.id)（\(teacher)）\(clash.reason.map { "——" + $0.text(english: false) } ?? "")。请换一个节次或日期。"
        case .booked(let lesson, let makeUpWorkday):
            let described = lesson.described(english: english)
            var text = english ? "Lesson \(lesson.id) booked: \(described)." : "已预约示范课 \(lesson.id)：\(described)。"
            if let makeUpWorkday {
                text +=
                    english
                    ? "\nThat day is a make-up workday (\(makeUpWorkday)): school as usual."
                    : "\n这一天是调休上班日（\(makeUpWorkday)），照常上课。"
            } else if lesson.date.isWeekend {
                text += english ? "\nNote: that day is a weekend." : "\n注意：这一天是\(lesson.date.chineseWeekday)。"
            }
            text +=
                english
                ? "\nI will remind you the day before at 16:00. To cancel: /cancel \(lesson.id)"
                : "\n前一天16:00我会提醒您。如需取消：取消示范课 \(lesson.id)"
            return text
        case .askTopic(let command):
            let example = ConversationReply.example(.topic, .bookLesson, english: english)
            let question =
                english
                ? "Please tell me the topic of the school-wide lesson (every teacher will see it)."
                : "全校示范课请告诉我课题（全校老师会看到）。"
            if let command {
                return question + (english ? "\nAdd it to the command, e.g. " : "\n请在命令后加上课题，例如：") + command
                    + (english ? " topic:Monotonic functions" : " 课题:函数的单调性")
            }
            return question
                + (english
                    ? "\nJust reply with it (e.g. \(example)); send “cancel” to drop it."
                    : "\n直接回复即可（如：\(example)）；发送“取消”放弃。")
        case .groupLessonFirst:
            return english
                ? "A school-wide lesson comes after your group lesson: book and teach the group lesson first; after your branch nominates it, book the school-wide one."
                : "全校示范课在组内示范课之后：请先预约并上好组内示范课（例如：\(IntentKind.bookLesson.example.zh)），由支部书记推荐后再预约全校展示。"
        case .notNominated(let group):
            return english
                ? "A school-wide lesson needs your branch's nomination first: your group lesson \(group.id) is not nominated. Ask your branch secretary to send /nominate \(group.id)."
                : "全校示范课需由支部推荐：您的组内示范课 \(group.id)（\(group.described(english: false))）还没有被推荐。请先上好组内示范课，由支部书记发送“推荐 \(group.id)”后再预约全校展示。"
        case .groupUnconfirmed(let group):
            return english
                ? "Book the school-wide lesson after your group lesson is confirmed taught: send /held \(group.id) yes, then book again."
                : "全校示范课须在组内示范课上完之后预约：您的组内示范课 \(group.id)（\(group.date.chinese)）还待确认。上过的话请发送“确认示范课 \(group.id) 已上”，确认后再预约全校展示。"
        case .groupNotTaughtYet(let group):
            return english
                ? "Book the school-wide lesson after your group lesson \(group.id) on \(group.date) is taught and confirmed."
                : "全校示范课须在组内示范课上完之后预约：您的组内示范课 \(group.id) 在\(group.date.chinese)（\(group.date.chineseWeekday)），上完并确认后再预约全校展示。"
        case .schoolAlreadyBooked(let other):
            return english
                ? "You already booked the school-wide lesson \(other.id). Cancel it first to change it."
                : "您已预约全校示范课 \(other.id)（\(other.described(english: false))）。如需改期，请先发送“取消示范课 \(other.id)”。"
        }
    }
}

/// The lesson a booking would clash with, where, and why.
package struct LessonClash: Sendable, Equatable {
    package enum Place: Sendable, Equatable {
        /// A class or a branch, by name.
        case named(String)
        case school
        case group

        func text(english: Bool) -> String {
            switch self {
            case .named(let name): name
            case .school: english ? "the school" : "全校"
            case .group: english ? "a group" : "组内"
            }
        }
    }

    package enum Reason: Sendable, Equatable {
        case oneSchoolWideAtATime
        case schoolWideTakesThePeriod
        case schoolWideBesideGroup
        case branchAttends

        func text(english: Bool) -> String {
            switch self {
            case .oneSchoolWideAtATime:
                english ? "one school-wide lesson at a time" : "全校示范课全校老师都要听，同一时间只能有一节"
            case .schoolWideTakesThePeriod:
                english
                    ? "every teacher attends a school-wide lesson, so no group lesson beside it"
                    : "全校示范课全校老师都要听，这一节不能再安排组内示范课"
            case .schoolWideBesideGroup:
                english
                    ? "every teacher attends a school-wide lesson, so it cannot be beside a group lesson"
                    : "全校示范课全校老师都要听，不能与组内示范课同时上"
            case .branchAttends: english ? "its teachers attend each other's lessons" : "本支部老师要互相听课"
            }
        }
    }

    package var lesson: Lesson
    /// The date and period asked for.
    package var date: CalendarDate
    package var period: Int
    package var place: Place
    package var reason: Reason?

    package init(lesson: Lesson, date: CalendarDate, period: Int, place: Place, reason: Reason?) {
        self.lesson = lesson
        self.date = date
        self.period = period
        self.place = place
        self.reason = reason
    }
}

extension Lesson {
    /// “2010年10月12日（周二）第3节，高一(2)班，课题《…》，组内”.
    func described(english: Bool) -> String {
        var text =
            english
            ? "\(date) (\(date.weekdayName(english: true))) period \(period), \(className)"
            : "\(date.chinese)（\(date.chineseWeekday)）第\(period)节，\(className)"
        if let topic { text += english ? ", “\(topic)”" : "，课题《\(topic)》" }
        text += english ? ", \(level.rawValue)" : "，\(level.chineseName)"
        return text
    }
}

extension CalendarDate {
    /// “Tue” or “周二”.
    func weekdayName(english: Bool) -> String {
        english ? ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][weekday - 1] : chineseWeekday
    }
}
