package import CampaignIntents
import Foundation

/// The campaign plan as data (SPEC §2). The built-in default is the school's 2010–2012 plan; a school may load
/// its own file for a new campaign.
package struct Campaign: Codable, Sendable {
    package var name: String
    package var phases: [Phase]
    package var milestones: [Milestone]
    package var stars: [StarRule]
    package var pledgeDeadline: CalendarDate
    /// The phase in which demonstration lessons are taught.
    package var lessonPhase: Int
    /// Public holidays and school vacations: no demo lessons; home visits on these days (and on weekends) count for
    /// 德育之星. A campaign file without them gets the built-in ones.
    package var holidays: [Holiday]
    /// Weekend days that are school days (调休). A campaign file without them gets the built-in ones.
    package var makeUpWorkdays: [MakeUpWorkday]
    /// Minutes after midnight at which milestone reminders go out (08:00).
    package var reminderMinute: Int
    /// Minutes after midnight, the day before a demo lesson, for its reminder (16:00).
    package var lessonReminderMinute: Int
    /// No pushes from `quietStartMinute` (21:00) until `quietEndMinute` (07:30).
    package var quietStartMinute: Int
    package var quietEndMinute: Int
    /// Periods before lunch: 下午第N节 is this + N.
    package var morningPeriods: Int
    /// The ISO weekday (1 = Monday … 7 = Sunday) on which each branch secretary gets the week's digest of who owes
    /// what; 0 sends none. A campaign file without it gets Monday.
    package var digestWeekday: Int = 1
    /// The last day visits' students and notes are kept (`studentDataRetention` in a campaign file); nil: the
    /// campaign's end + 180 days. After it they are erased everywhere on disk.
    package var studentDataRetention: CalendarDate? = nil

    package var start: CalendarDate { phases.map(\.span.from).min() ?? pledgeDeadline }
    package var end: CalendarDate { phases.map(\.span.to).max() ?? pledgeDeadline }

    package func phase(on date: CalendarDate) -> Phase? { phases.first { $0.span.contains(date) } }
    package func phase(number: Int) -> Phase? { phases.first { $0.number == number } }
    package func rule(for star: Star) -> StarRule? { stars.first { $0.star == star } }
    package var lessonSpan: DateSpan? { phase(number: lessonPhase)?.span }

    /// A weekend that is not a make-up workday, a public holiday or a school vacation: a day without school.
    package func isHoliday(_ date: CalendarDate) -> Bool {
        holiday(on: date) != nil || (date.isWeekend && makeUpWorkday(on: date) == nil)
    }

    /// The public holiday or vacation `date` falls in (a holiday wins over a make-up workday listed inside it).
    package func holiday(on date: CalendarDate) -> Holiday? { holidays.first { $0.contains(date) } }

    /// The make-up workday on `date`, if it is one (and not inside a holiday or vacation).
    package func makeUpWorkday(on date: CalendarDate) -> MakeUpWorkday? {
        holiday(on: date) == nil ? makeUpWorkdays.first { $0.date == date } : nil
    }
}

extension Campaign {
    private enum CodingKeys: String, CodingKey {
        case name, phases, milestones, stars, pledgeDeadline, lessonPhase, holidays, makeUpWorkdays, reminderMinute
        case lessonReminderMinute, quietStartMinute, quietEndMinute, morningPeriods, digestWeekday
        case studentDataRetention
    }

    /// Campaign files from before holidays had names, or before they were listed at all, still load: missing
    /// holidays and make-up workdays are the built-in ones.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        phases = try c.decode([Phase].self, forKey: .phases)
        milestones = try c.decode([Milestone].self, forKey: .milestones)
        stars = try c.decode([StarRule].self, forKey: .stars)
        pledgeDeadline = try c.decode(CalendarDate.self, forKey: .pledgeDeadline)
        lessonPhase = try c.decode(Int.self, forKey: .lessonPhase)
        holidays = try c.decodeIfPresent([Holiday].self, forKey: .holidays) ?? Campaign.builtIn.holidays
        makeUpWorkdays =
            try c.decodeIfPresent([MakeUpWorkday].self, forKey: .makeUpWorkdays) ?? Campaign.builtIn.makeUpWorkdays
        reminderMinute = try c.decode(Int.self, forKey: .reminderMinute)
        lessonReminderMinute = try c.decode(Int.self, forKey: .lessonReminderMinute)
        quietStartMinute = try c.decode(Int.self, forKey: .quietStartMinute)
        quietEndMinute = try c.decode(Int.self, forKey: .quietEndMinute)
        morningPeriods = try c.decode(Int.self, forKey: .morningPeriods)
        digestWeekday = try c.decodeIfPresent(Int.self, forKey: .digestWeekday) ?? 1
        studentDataRetention = try c.decodeIfPresent(CalendarDate.self, forKey: .studentDataRetention)
    }
}

extension Campaign {
    private static func d(_ y: Int, _ m: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: y, month: m, day: day) ?? CalendarDate(dayNumber: 0)
    }

    private static func span(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> DateSpan {
        DateSpan(from: d(a.0, a.1, a.2), to: d(b.0, b.1, b.2))
    }

    private static func holiday(
        _ name: String, _ a: (Int, Int, Int), _ b: (Int, Int, Int), _ kind: Holiday.Kind = .holiday
    ) -> Holiday {
        Holiday(name: name, from: d(a.0, a.1, a.2), to: d(b.0, b.1, b.2), kind: kind)
    }

    /// The State Council's holiday arrangements for 2010–2012 and the school's summer and winter vacations.
    private static let holidays2010to2012: [Holiday] = [
        holiday("劳动节", (2010, 5, 1), (2010, 5, 3)),
        holiday("端午节", (2010, 6, 14), (2010, 6, 16)),
        holiday("暑假", (2010, 7, 10), (2010, 8, 31), .vacation),
        holiday("中秋节", (2010, 9, 22), (2010, 9, 24)),
        holiday("国庆节", (2010, 10, 1), (2010, 10, 7)),
        holiday("元旦", (2011, 1, 1), (2011, 1, 3)),
        holiday("寒假", (2011, 1, 22), (2011, 2, 20), .vacation),
        holiday("清明节", (2011, 4, 3), (2011, 4, 5)),
        holiday("劳动节", (2011, 4, 30), (2011, 5, 2)),
        holiday("端午节", (2011, 6, 4), (2011, 6, 6)),
        holiday("暑假", (2011, 7, 9), (2011, 8, 31), .vacation),
        holiday("中秋节", (2011, 9, 10), (2011, 9, 12)),
        holiday("国庆节", (2011, 10, 1), (2011, 10, 7)),
        holiday("元旦", (2012, 1, 1), (2012, 1, 3)),
        holiday("寒假", (2012, 1, 14), (2012, 2, 12), .vacation),
        holiday("清明节", (2012, 4, 2), (2012, 4, 4)),
        holiday("劳动节", (2012, 4, 29), (2012, 5, 1)),
        holiday("端午节", (2012, 6, 22), (2012, 6, 24)),
        holiday("暑假", (2012, 7, 7), (2012, 8, 31), .vacation),
        holiday("中秋节、国庆节", (2012, 9, 30), (2012, 10, 7)),
    ]

    /// Weekend days worked in exchange (调休) that fall in term time.
    private static let makeUpWorkdays2010to2012: [MakeUpWorkday] = [
        MakeUpWorkday(date: d(2010, 6, 12), name: "端午节调休"), MakeUpWorkday(date: d(2010, 6, 13), name: "端午节调休"),
        MakeUpWorkday(date: d(2010, 9, 19), name: "中秋节调休"), MakeUpWorkday(date: d(2010, 9, 25), name: "中秋节调休"),
        MakeUpWorkday(date: d(2010, 9, 26), name: "国庆节调休"), MakeUpWorkday(date: d(2010, 10, 9), name: "国庆节调休"),
        MakeUpWorkday(date: d(2011, 4, 2), name: "清明节调休"),
        MakeUpWorkday(date: d(2011, 10, 8), name: "国庆节调休"), MakeUpWorkday(date: d(2011, 10, 9), name: "国庆节调休"),
        MakeUpWorkday(date: d(2011, 12, 31), name: "元旦调休"),
        MakeUpWorkday(date: d(2012, 3, 31), name: "清明节调休"), MakeUpWorkday(date: d(2012, 4, 1), name: "清明节调休"),
        MakeUpWorkday(date: d(2012, 4, 28), name: "劳动节调休"),
        MakeUpWorkday(date: d(2012, 9, 29), name: "国庆节调休"),
    ]

    /// The school's plan, dated 2010-06-22.
    package static let builtIn = Campaign(
        name: "创先争优活动（2010—2012）",
        phases: [
            Phase(
                number: 1, name: "广泛发动，安排部署", span: span((2010, 6, 11), (2010, 6, 30)),
                summary: "6月下旬召开动员大会，公布实施方案，组织学习。"),
            Phase(
                number: 2, name: "全面争创，扎实推进", span: span((2010, 7, 1), (2011, 6, 30)),
                summary: "申报承诺，开展三星争创、党员示范课、亲情家访，评选表彰。"),
            Phase(
                number: 3, name: "对标定位，晋档升级", span: span((2011, 7, 1), (2012, 6, 30)),
                summary: "学习先进典型，对标找差，晋档升级。"),
            Phase(
                number: 4, name: "系统总结，完善机制", span: span((2012, 7, 1), (2012, 11, 7)),
                summary: "展示成果，系统总结，开展评议，以优异成绩迎接党的十八大。"),
        ],
        milestones: [
            Milestone(
                id: "phase-1-end", name: "第一阶段结束", date: d(2010, 6, 30), audience: .owing, offsets: [14, 7, 3, 1],
                note: "第一阶段（广泛发动，安排部署）将于6月30日结束。"),
            Milestone(
                id: "qiyi-2010", name: "七一", date: d(2010, 7, 1), audience: .partyMembers, offsets: [7, 3, 1],
                note: "七一前后开展党性分析，七一后组织入党积极分子培训。"),
            Milestone(
                id: "pledge-deadline", name: "承诺申报截止", date: d(2010, 7, 31), audience: .withoutPledge,
                offsets: [7, 3, 1],
                note: "申报承诺将于7月31日截止。"),
            Milestone(
                id: "teachers-day-2010", name: "教师节", date: d(2010, 9, 10), audience: .owing, offsets: [7, 3, 1],
                note: "教师节前开展师德教育。"),
            Milestone(
                id: "qiyi-2011", name: "七一（建党90周年）", date: d(2011, 7, 1), audience: .partyMembers, offsets: [7, 3, 1],
                note: "迎接建党90周年。"),
            Milestone(
                id: "phase-2-end", name: "第二阶段结束", date: d(2011, 6, 30), audience: .owing, offsets: [14, 7, 3, 1],
                note: "第二阶段（全面争创，扎实推进）将于6月30日结束，示范课、三星争创须在此前完成。"),
            Milestone(
                id: "qiyi-2012", name: "七一", date: d(2012, 7, 1), audience: .partyMembers, offsets: [7, 3, 1],
                note: "庆祝党的生日。"),
            Milestone(
                id: "phase-3-end", name: "第三阶段结束", date: d(2012, 6, 30), audience: .owing, offsets: [14, 7, 3, 1],
                note: "第三阶段（对标定位，晋档升级）将于6月30日结束。"),
            Milestone(
                id: "phase-4-end", name: "第四阶段结束", date: d(2012, 11, 7), audience: .owing, offsets: [14, 7, 3, 1],
                note: "活动将于11月7日总结收尾，迎接党的十八大召开。"),
        ],
        stars: [
            StarRule(
                star: .moral, eligibleRoles: [.administrative, .classTeacher],
                requirements: [
                    Requirement(name: "经验论文或总结", anyOf: [.paper, .summary]),
                    Requirement(name: "模范事迹讲座或好班会", anyOf: [.lecture, .classMeeting]),
                    Requirement(name: "节假日亲情家访", holidayVisits: 1),
                ], eligibility: "行政人员、班主任"),
            StarRule(
                star: .teaching, eligibleRoles: [.frontline],
                requirements: [
                    Requirement(name: "精品课", anyOf: [.showcaseLesson]),
                    Requirement(name: "优秀教学案例", anyOf: [.teachingCase]),
                ], eligibility: "一线教师"),
            StarRule(
                star: .research, eligibleRoles: [],
                requirements: [
                    Requirement(name: "科研论文或科研课题", anyOf: [.researchPaper, .researchProject])
                ], eligibility: "全体教师"),
        ],
        pledgeDeadline: d(2010, 7, 31),
        lessonPhase: 2,
        holidays: holidays2010to2012,
        makeUpWorkdays: makeUpWorkdays2010to2012,
        reminderMinute: 8 * 60,
        lessonReminderMinute: 16 * 60,
        quietStartMinute: 21 * 60,
        quietEndMinute: 7 * 60 + 30,
        morningPeriods: 4
    )
}
