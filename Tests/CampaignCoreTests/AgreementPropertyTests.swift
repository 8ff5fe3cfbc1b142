import CampaignCore
import CampaignIntents
import Foundation
import PropertyBased
import Testing
import TestSupport

/// Random campaign histories, typed through `Engine.handle` as people type them — pledges (and pledging again),
/// lessons booked, cancelled and confirmed taught or not, home visits, works, 对标, nominations, withdrawals and edits —
/// by teachers, secretaries and the admin, across every phase and past the campaign's end. Afterwards every answer
/// that gives a number agrees (`Agreement`): 统计 by branch, star and phase, 未完成 (all and each kind), the digest,
/// the report's tables and the CSV export, for the whole campaign and for each phase. And a phase's figures, once it
/// is over, do not change unless a record of it was corrected.
@Suite("Every answer gives the same figures")
struct AgreementPropertyTests {
    static let people = [
        "A001", "S001", "T001", "T002", "T003", "S002", "T004", "T005", "T006", "S003", "T007", "T008",
    ]
    static let secretaries = ["语文支部": "S001", "数学支部": "S002", "综合支部": "S003"]
    static let stars = ["德育之星", "教学之星", "科学之星"]
    static let kinds = ["经验论文", "总结", "讲座", "班会", "精品课", "教学案例", "科研论文", "课题"]
    static let start = "2010-06-14T09:00:00+08:00"

    /// One generated step: what is typed, by whom, after how many days. Decoded from one random number, so the
    /// property library can shrink a failing history by dropping and lowering numbers.
    struct Step: CustomStringConvertible {
        var days: Int
        var who: String
        var text: String
        /// A correction of a pledge, visit or work: it counts as having always been so.
        var corrects: Bool
        var description: String { "+\(days)d \(who): \(text)" }
    }

    /// `gap`: the days a step takes on average, so that a history spreads over the span it was given.
    static func step(_ r: Int, _ state: BotState, today: CalendarDate, gap: Int) -> Step? {
        var kind = r % 16
        let pick = (r / 16) % 97, detail = (r / 1552) % 53
        let campaign = Campaign.builtIn
        let days = gap * (5 + (r / 82256) % 11) / 10
        // 对标 outside its phase is only refused: there, a pledge instead.
        if kind == 14, campaign.benchmarkPhase?.span.contains(today) != true, detail % 4 != 0 { kind = 0 }
        // In the lesson phase a third of the steps are about lessons: booking, confirming, cancelling.
        if campaign.lessonSpan?.contains(today) == true, (r / 7) % 3 == 0 {
            kind = [2, 3, 4, 6, 7, 5, 15][(r / 21) % 7]
        }
        // Half the steps are by a few people of two branches, so that some finish what they pledged.
        let focus = ["S001", "T001", "T002", "S003", "T007", "T008"]
        let who = pick % 2 == 0 ? focus[(pick / 2) % focus.count] : people[pick % people.count]
        let person = state.roster[who]
        let open = campaign.stars.filter { rule in person.map { $0.mayStrive(for: rule) } ?? false }
        func date(_ d: CalendarDate) -> String { d.description }
        func owner(_ id: String, _ staffID: String) -> String {
            switch detail % 4 {
            case 0: "A001"
            case 1: secretaries[state.roster[staffID]?.branch ?? ""] ?? staffID
            default: staffID
            }
        }
        let lessons = state.lessons
        switch kind {
        case 0, 1:
            // Mostly a star open to them; now and then one that is not (refused, nothing recorded).
            let star = detail % 5 == 0 || open.isEmpty ? stars[detail % 3] : open[detail % open.count].star.chineseName
            return Step(days: days, who: who, text: "承诺 \(star) 承诺内容\(r % 1000)", corrects: false)
        case 2, 3, 4:
            let teachers = people.filter { state.roster[$0]?.teachesDemoLesson == true }
            let teacher = teachers[pick % teachers.count]
            let day = today.adding(days: detail % 24)
            let topic = detail % 3 == 0 ? "" : " 课题\(detail)"
            let level = detail % 7 == 0 ? " 全校" : ""
            return Step(
                days: days, who: teacher,
                text: "预约示范课 \(date(day)) 第\(1 + detail % 7)节 高二(\(1 + pick % 9))班\(topic)\(level)", corrects: false)
        case 5:
            guard !lessons.isEmpty else { return nil }
            let l = lessons[pick % lessons.count]
            return Step(days: days, who: detail % 3 == 0 ? "A001" : l.staffID, text: "取消示范课 \(l.id)", corrects: false)
        case 6, 7:
            guard !lessons.isEmpty else { return nil }
            let l = lessons[pick % lessons.count]
            let held = detail % 4 != 0
            return Step(
                days: days, who: owner(l.id, l.staffID), text: "确认示范课 \(l.id) \(held ? "已上" : "未上")",
                corrects: false)
        case 8, 9:
            // Often on the last weekend or holiday (those count for 德育之星), else any recent day.
            let back = (0..<10).first { campaign.isHoliday(today.adding(days: -$0)) }
            let day = today.adding(days: -(detail % 2 == 0 ? back ?? 0 : detail % 12))
            return Step(days: days, who: who, text: "家访 \(date(day)) 学生\(pick) 上门", corrects: false)
        case 10, 11:
            // Mostly what one of their pledged stars still lacks.
            let lacking = state.starProgress(
                of: person ?? Person(staffID: who, name: who, roles: [], branch: "", partyMember: false),
                campaign: campaign
            )
            .flatMap(\.missing).flatMap(\.anyOf)
            let kind =
                detail % 4 != 0 && !lacking.isEmpty
                ? lacking[detail % lacking.count].displayName : kinds[detail % kinds.count]
            return Step(days: days, who: who, text: "提交 \(kind) 《成果\(r % 10_000)》", corrects: false)
        case 12:
            let ids = state.pledges.map(\.id) + state.visits.map(\.id) + state.works.map(\.id) + lessons.map(\.id)
            guard !ids.isEmpty else { return nil }
            let id = ids[pick % ids.count]
            let staff =
                state.pledges.first { $0.id == id }?.staffID ?? state.visits.first { $0.id == id }?.staffID
                ?? state.works.first { $0.id == id }?.staffID ?? state.lesson(id)?.staffID ?? who
            return Step(
                days: days, who: detail % 3 == 0 ? "A001" : staff, text: "撤销 \(id)", corrects: !id.hasPrefix("L"))
        case 13:
            if let w = state.works.isEmpty ? nil : state.works[pick % state.works.count], detail % 3 == 0 {
                return Step(
                    days: days, who: w.staffID, text: "修改 \(w.id) 类型:\(kinds[detail % kinds.count])", corrects: true)
            }
            if let v = state.visits.isEmpty ? nil : state.visits[pick % state.visits.count], detail % 3 == 1 {
                return Step(
                    days: days, who: v.staffID, text: "修改 \(v.id) 日期:\(date(v.date.adding(days: -(detail % 5))))",
                    corrects: true)
            }
            guard !state.pledges.isEmpty else { return nil }
            let p = state.pledges[pick % state.pledges.count]
            return Step(days: days, who: p.staffID, text: "修改 \(p.id) 改写的承诺\(detail)", corrects: true)
        case 14:
            return Step(
                days: days, who: who, text: "对标 榜样：先进\(detail) 差距：不足\(pick) 措施：改进\(r % 100)", corrects: false)
        default:
            guard !lessons.isEmpty else { return nil }
            let l = lessons[pick % lessons.count]
            return Step(days: days, who: owner(l.id, l.staffID), text: "推荐 \(l.id)", corrects: false)
        }
    }

    /// What a phase's figures are, for comparing them before and after later activity.
    struct PhaseFigures: Equatable {
        var branches: [String: PeopleTally]
        var stars: [StarTally]
        var activity: ActivityTally
        var missing: [String: [String]]

        init(_ query: CampaignQuery, _ phase: Phase) {
            branches = Dictionary(uniqueKeysWithValues: query.branches(branch: nil).map { ($0.name, $0.tally) })
            stars = query.stars(branch: nil)
            activity = query.activity(in: phase.span, branch: nil)
            missing = Dictionary(
                uniqueKeysWithValues: ([.all] + Agreement.kinds).map { target in
                    (target.rawValue, query.missing(target, branch: nil).rows.map(\.person.staffID))
                })
        }
    }

    @Test("random histories: 统计, 未完成, the digest, the report and 导出 agree, for the campaign and each phase")
    func everyAnswerAgrees() async throws {
        let history = Gen.int(in: 0...(1 << 40)).array(of: 30...90)
        // How far the history goes: from a few weeks into the campaign to a month past its end.
        let span = Gen.int(in: 20...(Campaign.builtIn.end.dayNumber - Campaign.builtIn.start.dayNumber + 30))
        await propertyCheck(count: 40, input: history, span) { numbers, span in
            let h = try Session(now: Self.start)
            try h.login(Self.people)
            let gap = max(1, span / max(numbers.count, 1))
            var steps: [Step] = []
            var frozen: [Int: PhaseFigures] = [:]
            var corrected: Set<Int> = []
            for r in numbers {
                let today = CampaignTime.local(h.now).date
                guard let step = Self.step(r, h.state, today: today, gap: gap) else { continue }
                let next = CampaignTime.local(h.now.addingTimeInterval(Double(step.days) * 86_400)).date
                // Each phase that has just ended: its figures as they stood that day.
                for phase in Campaign.builtIn.phases where phase.span.to < next && frozen[phase.number] == nil {
                    let query = CampaignQuery(state: h.state, campaign: .builtIn, asOf: phase.span.to)
                    frozen[phase.number] = PhaseFigures(query, phase)
                }
                try h.advance(to: CampaignTime.format(h.now.addingTimeInterval(Double(step.days) * 86_400)))
                steps.append(step)
                try h.say(step.text, as: step.who)
                if step.corrects { corrected.formUnion(frozen.keys) }
            }
            let today = CampaignTime.local(h.now).date
            let context = steps.map(\.description).joined(separator: "\n")
            if ProcessInfo.processInfo.environment["CXZY_AGREEMENT_VERBOSE"] != nil {
                let s = h.state
                let statuses = Dictionary(grouping: s.lessons, by: \.status).mapValues(\.count)
                print(
                    "history to \(today): \(steps.count) steps, \(s.pledges.count) pledges, \(s.lessons.count) lessons "
                        + "\(statuses), \(s.visits.count) visits, \(s.works.count) works, \(s.benchmarks.count) 对标, "
                        + "\(s.history.values.reduce(0) { $0 + $1.count }) corrections and confirmations; "
                        + "\(CampaignQuery(state: s, campaign: .builtIn, asOf: today).total(branch: nil))")
            }
            try Agreement(state: h.state, campaign: .builtIn, today: today, context: context).checkAll()
            // Digest Monday: the weekly digest each secretary gets reads as their 未完成.
            let planner = ReminderPlanner(campaign: .builtIn)
            if let slot = planner.digestSlots().first, today <= Campaign.builtIn.end {
                let reports = Reports(campaign: .builtIn, state: h.state, today: today)
                for reminder in planner.reminders(for: slot, state: h.state, sending: h.now) {
                    let branch = h.state.roster[reminder.recipient]?.branch
                    let answer = reports.digestText(branch: branch).split(separator: "\n").dropFirst()
                    let pushed = reminder.text.split(separator: "\n").dropFirst().dropLast()
                    #expect(Array(pushed) == Array(answer), "the digest of \(branch ?? "")\n\(context)")
                }
            }
            // A phase that is over keeps its figures, unless one of its records was corrected since.
            for (number, figures) in frozen where !corrected.contains(number) {
                guard let phase = Campaign.builtIn.phase(number: number) else { continue }
                let now = CampaignQuery(state: h.state, campaign: .builtIn, asOf: phase.span.to)
                #expect(PhaseFigures(now, phase) == figures, "phase \(number) changed after its end\n\(context)")
            }
        }
    }
}
