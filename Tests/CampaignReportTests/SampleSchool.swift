import CampaignCore
import CampaignIntents
import Foundation

/// A school of 40 people in four branches, half-way through phase 2 (2011-01-10), with the records a real one
/// would have: pledges (one late), works, home visits (holiday and not), demo lessons with one nomination per branch
/// and two school-wide lessons, most confirmed taught and some waiting confirmation (待确认). What it builds it also counts, so the tests know the right numbers.
struct SampleSchool {
    struct BranchPlan {
        var name: String
        var prefix: String
        var pledged: Int
        var completed: Int
    }

    /// Pledged and completed people per branch (by construction).
    static let plans = [
        BranchPlan(name: "语文支部", prefix: "T1", pledged: 9, completed: 4),
        BranchPlan(name: "数学支部", prefix: "T2", pledged: 7, completed: 2),
        BranchPlan(name: "英语支部", prefix: "T3", pledged: 8, completed: 3),
        BranchPlan(name: "综合支部", prefix: "T4", pledged: 6, completed: 1),
    ]
    static let campaign = Campaign.builtIn
    static let today = day(2011, 1, 10)
    /// Names of visited students and a visit note: they must never appear in a report.
    static let privateWords = ["王小明", "李小红", "赵同学", "暑期学习情况很好"]

    private(set) var state = BotState()
    /// Star → (eligible, pledged, completed), counted while building.
    private(set) var stars: [Star: (eligible: Int, pledged: Int, completed: Int)] = [:]
    private(set) var pledgeTexts: [String: String] = [:]
    private(set) var groupLessons = 0
    private(set) var schoolLessons = 0
    /// Lessons confirmed taught (已上); the others are past their day unconfirmed (待确认).
    private(set) var heldGroupLessons = 0
    private(set) var heldSchoolLessons = 0
    private(set) var visits = 0
    private(set) var works = 0

    static func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate {
        CalendarDate(year: y, month: m, day: d) ?? CalendarDate(dayNumber: 0)
    }

    static func at(_ date: CalendarDate, _ hour: Int = 10) -> Date { CampaignTime.instant(date, minutes: hour * 60) }

    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"]
    static let givenNames = ["建华", "丽娟", "志强", "秀英", "海燕", "文博", "晓东", "春梅", "国庆", "静怡"]

    init() throws {
        var people: [Person] = []
        for (b, plan) in Self.plans.enumerated() {
            for i in 0..<10 {
                let roles: [Role]
                if plan.name == "综合支部" {
                    roles = i < 7 ? [.administrative] : [.frontline]
                } else {
                    roles = i % 2 == 0 ? [.frontline, .classTeacher] : [.frontline]
                }
                let party = plan.name == "综合支部" ? i != 6 && i != 9 : i < 7
                people.append(
                    Person(
                        staffID: "\(plan.prefix)\(String(format: "%02d", i + 1))",
                        name: Self.surnames[(i + b) % 10] + Self.givenNames[(i * 3 + b) % 10],
                        roles: roles, branch: plan.name, partyMember: party,
                        permission: i == 0 ? .secretary : .teacher))
            }
        }
        try state.apply(.importRoster(people: people, codes: [:], directChats: [:]))
        for rule in Self.campaign.stars {
            stars[rule.star] = (people.filter { $0.mayStrive(for: rule) }.count, 0, 0)
        }

        for (b, plan) in Self.plans.enumerated() {
            let members = people.filter { $0.branch == plan.name }
            for (i, person) in members.enumerated() where i < plan.pledged {
                var mine: [Star] = [person.has(.classTeacher) || person.has(.administrative) ? .moral : .teaching]
                if i % 4 == 1 { mine.append(.research) }
                let late = plan.name == "综合支部" && i == 5
                let pledgeDay = late ? Self.day(2010, 8, 5) : Self.day(2010, 6, 21).adding(days: i * 3 + b)
                for star in mine {
                    let text =
                        "\(person.name)承诺：\(star.chineseName)——"
                        + (star == .moral ? "做学生的知心人，每学期家访不少于五次" : star == .teaching ? "上好一堂精品课，写好一篇教学案例" : "完成一项校级课题")
                    try state.apply(
                        .pledge(
                            Pledge(
                                id: state.nextID("P"), staffID: person.staffID, star: star, text: text,
                                at: Self.at(pledgeDay), late: late)))
                    pledgeTexts[person.staffID + star.rawValue] = text
                    stars[star]?.pledged += 1
                }
                let complete = i < plan.completed
                let workDay = Self.day(2010, 9, 13).adding(days: i * 9 + b * 2)
                for star in mine {
                    let kinds: [WorkKind]
                    switch star {
                    case .moral: kinds = complete ? [.summary, .classMeeting] : (i % 2 == 0 ? [.paper] : [])
                    case .teaching:
                        kinds = complete ? [.showcaseLesson, .teachingCase] : (i % 2 == 0 ? [.showcaseLesson] : [])
                    case .research: kinds = complete ? [.researchProject] : []
                    }
                    for (k, kind) in kinds.enumerated() {
                        try state.apply(
                            .addWork(
                                Work(
                                    id: state.nextID("W"), staffID: person.staffID, kind: kind,
                                    title: "\(person.name)的\(kind.chineseName)",
                                    at: Self.at(workDay.adding(days: k * 20)))))
                        works += 1
                    }
                    if complete { stars[star]?.completed += 1 }
                }
                if mine.contains(.moral) && complete {
                    try addVisit(
                        person, on: Self.day(2010, 8, 10 + i), student: Self.privateWords[i % 3], holiday: true)
                }
            }
            // A few weekday visits that do not count for the star (still counted as visits).
            for person in members.prefix(2) {
                try addVisit(person, on: Self.day(2010, 10, 13), student: "赵同学", holiday: false)
            }
            // Demo lessons: every frontline Party member but the last books one; the first is nominated.
            let teachers = members.filter(\.teachesDemoLesson)
            for (k, teacher) in teachers.dropLast().enumerated() {
                let date = Self.day(2010, 10, 11).adding(days: k * 7 + b)
                let lesson = Lesson(
                    id: state.nextID("L"), staffID: teacher.staffID, date: date.isWeekend ? date.adding(days: 2) : date,
                    period: 1 + (k + b) % 6, className: "高\(["一", "二", "三"][k % 3])(\(k + 1))班",
                    topic: k % 3 == 2 ? nil : ["《荷塘月色》", "函数的单调性", "Unit 5 Reading", "家国情怀"][b],
                    level: .group, status: .booked, nominated: false, bookedAt: Self.at(Self.day(2010, 9, 1)),
                    cancelledAt: nil)
                try state.apply(.bookLesson(lesson))
                groupLessons += 1
                // Every branch's second lesson is left unconfirmed (待确认); the others were confirmed taught.
                if k != 1 {
                    try confirm(lesson)
                    heldGroupLessons += 1
                }
                if k == 0 { try state.apply(.nominate(id: lesson.id)) }
                if k == 0 && b < 2 {
                    try state.apply(
                        .bookLesson(
                            Lesson(
                                id: state.nextID("L"), staffID: teacher.staffID, date: Self.day(2010, 12, 15 + b),
                                period: 3,
                                className: "高二(5)班", topic: lesson.topic, level: .school, status: .booked,
                                nominated: false,
                                bookedAt: Self.at(Self.day(2010, 11, 20)), cancelledAt: nil)))
                    schoolLessons += 1
                    if b == 0, let school = state.lessons.last {
                        try confirm(school)
                        heldSchoolLessons += 1
                    }
                }
            }
        }
    }

    /// The teacher confirms it taught the day after.
    private mutating func confirm(_ lesson: Lesson) throws {
        try state.apply(
            .confirmLesson(
                id: lesson.id, held: true,
                entry: RecordHistoryEntry(
                    at: Self.at(lesson.date.adding(days: 1)), by: lesson.staffID, action: "确认已上", before: lesson.id)))
    }

    /// `Visit` has no public initializer; it is decoded, as the store does.
    private mutating func addVisit(_ person: Person, on date: CalendarDate, student: String, holiday: Bool) throws {
        let json = """
            {"id":"\(state.nextID("V"))","staffID":"\(person.staffID)","date":"\(date)","student":"\(student)","mode":"home",\
            "note":"暑期学习情况很好","holiday":\(holiday),"at":\(Self.at(date, 18).timeIntervalSinceReferenceDate)}
            """
        try state.apply(.addVisit(JSONDecoder().decode(Visit.self, from: Data(json.utf8))))
        visits += 1
    }
}
