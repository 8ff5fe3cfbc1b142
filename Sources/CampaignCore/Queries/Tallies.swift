package import CampaignIntents
import Foundation

/// Lessons (or teachers) by where they stand: only `held` counts as done; `awaiting` is 待确认, `booked` 待上.
package struct LessonCount: Sendable, Equatable {
    package var held = 0
    package var awaiting = 0
    package var booked = 0

    package init(held: Int = 0, awaiting: Int = 0, booked: Int = 0) {
        self.held = held
        self.awaiting = awaiting
        self.booked = booked
    }

    /// Every lesson that still counts as the teacher's (taught, waiting confirmation or ahead).
    package var active: Int { held + awaiting + booked }

    mutating func add(_ state: LessonState?) {
        switch state {
        case .held: held += 1
        case .awaiting: awaiting += 1
        case .booked: booked += 1
        case .notHeld, .cancelled, nil: break
        }
    }

    /// `示范课已上 4（待确认 1，待上 2）`, or with `of`: `示范课已上 4/5（待确认 1）`. The parts in brackets only
    /// when not zero.
    package func chinese(of whole: Int? = nil) -> String {
        var parts: [String] = []
        if awaiting > 0 { parts.append("待确认 \(awaiting)") }
        if booked > 0 { parts.append("待上 \(booked)") }
        return "示范课已上 \(held)" + (whole.map { "/\($0)" } ?? "")
            + (parts.isEmpty ? "" : "（" + parts.joined(separator: "，") + "）")
    }

    package func english(of whole: Int? = nil) -> String {
        var parts: [String] = []
        if awaiting > 0 { parts.append("\(awaiting) to be confirmed") }
        if booked > 0 { parts.append("\(booked) ahead") }
        return "lessons taught \(held)" + (whole.map { "/\($0)" } ?? "")
            + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
    }
}

/// The standing of a group of people (a branch, or everyone in scope) at the query's day.
package struct PeopleTally: Sendable, Equatable {
    package var people = 0
    /// People with at least one pledge (已申报).
    package var pledged = 0
    /// People every one of whose pledged stars is complete (全部完成).
    package var completedAll = 0
    /// Frontline Party members, who owe a group demo lesson (应上).
    package var demoTeachers = 0
    /// Those teachers by where their group lesson stands.
    package var demoLessons = LessonCount()
    package var visits = 0
    /// Visits on a weekend, holiday or vacation (the ones 德育之星 counts).
    package var holidayVisits = 0
    package var works = 0
    /// Stars complete, one per person and star (达星).
    package var starsCompleted = 0
    /// People with something 未完成 (a duty whose time has come, not done).
    package var owing = 0

    package init() {}

    package init(_ standings: [PersonStanding]) {
        for s in standings { add(s) }
    }

    package mutating func add(_ s: PersonStanding) {
        people += 1
        if s.hasPledge { pledged += 1 }
        if s.completedAll { completedAll += 1 }
        if let lesson = s.demoLesson {
            demoTeachers += 1
            demoLessons.add(lesson.state)
        }
        visits += s.visits.count
        holidayVisits += s.holidayVisits.count
        works += s.works.count
        starsCompleted += s.stars.filter(\.complete).count
        if !s.owing.isEmpty { owing += 1 }
    }
}

/// One star: who may strive for it, who pledged it, who completed it.
package struct StarTally: Sendable, Equatable {
    package var star: Star
    /// The plan's words for who may strive for it.
    package var eligibility: String
    package var eligible: Int
    package var pledged: Int
    package var completed: Int
}

/// What was done in a span of days: records dated inside it (pledges and works by the day recorded, lessons by the
/// day taught, visits by their day, 对标 by the day written) and standing at the query's day.
package struct ActivityTally: Sendable, Equatable {
    package var pledges = 0
    /// Pledges made after the pledge deadline.
    package var latePledges = 0
    package var groupLessons = LessonCount()
    package var schoolLessons = LessonCount()
    package var visits = 0
    package var holidayVisits = 0
    /// Works by kind, in the order of `WorkKind.allCases`, kinds with none left out.
    package var works: [(kind: WorkKind, count: Int)] = []
    package var benchmarks = 0

    package var workCount: Int { works.reduce(0) { $0 + $1.count } }
    /// Lessons taught, group and school-wide.
    package var lessonsHeld: Int { groupLessons.held + schoolLessons.held }

    package static func == (a: Self, b: Self) -> Bool {
        a.pledges == b.pledges && a.latePledges == b.latePledges && a.groupLessons == b.groupLessons
            && a.schoolLessons == b.schoolLessons && a.visits == b.visits && a.holidayVisits == b.holidayVisits
            && a.works.map(\.kind) == b.works.map(\.kind) && a.works.map(\.count) == b.works.map(\.count)
            && a.benchmarks == b.benchmarks
    }
}

/// Where a phase is relative to a day.
package enum PhaseStatus: String, Sendable {
    case ended, current, upcoming

    package init(_ phase: Phase, on day: CalendarDate) {
        self = phase.span.contains(day) ? .current : phase.span.to < day ? .ended : .upcoming
    }

    package var chineseName: String {
        switch self {
        case .ended: "已结束"
        case .current: "进行中"
        case .upcoming: "未开始"
        }
    }

    package var englishName: String {
        switch self {
        case .ended: "ended"
        case .current: "now"
        case .upcoming: "not started"
        }
    }
}

extension CampaignQuery {
    /// One row per branch of the people in scope (nil: everyone), by branch name.
    package func branches(branch: String?) -> [(name: String, tally: PeopleTally)] {
        Dictionary(grouping: standings(branch: branch), by: \.person.branch).sorted { $0.key < $1.key }
            .map { (name: $0.key, tally: PeopleTally($0.value)) }
    }

    /// Everyone in scope (nil: everyone) together.
    package func total(branch: String?) -> PeopleTally { PeopleTally(standings(branch: branch)) }

    /// One row per star of the plan.
    package func stars(branch: String?) -> [StarTally] {
        let standings = standings(branch: branch)
        return campaign.stars.map { rule in
            StarTally(
                star: rule.star, eligibility: rule.eligibility,
                eligible: standings.filter { $0.person.mayStrive(for: rule) }.count,
                pledged: standings.filter { $0.pledged(rule.star) }.count,
                completed: standings.filter { $0.completed(rule.star) }.count)
        }
    }

    /// The records of the people in scope dated inside `span` (nil: any day).
    package func activity(in span: DateSpan?, branch: String?) -> ActivityTally {
        func inside(_ date: CalendarDate) -> Bool { span?.contains(date) ?? true }
        var tally = ActivityTally()
        var works: [WorkKind: Int] = [:]
        for person in people(branch: branch) {
            let records = records(of: person.staffID)
            for p in records.pledges where inside(Self.day(p.at)) {
                tally.pledges += 1
                if p.late { tally.latePledges += 1 }
            }
            for l in records.lessons where inside(l.date) {
                if l.level == .school {
                    tally.schoolLessons.add(state(of: l))
                } else {
                    tally.groupLessons.add(state(of: l))
                }
            }
            for v in records.visits where inside(v.date) {
                tally.visits += 1
                if v.holiday { tally.holidayVisits += 1 }
            }
            for w in records.works where inside(Self.day(w.at)) { works[w.kind, default: 0] += 1 }
            tally.benchmarks += records.benchmarks.filter { inside(Self.day($0.at)) }.count
        }
        tally.works = WorkKind.allCases.compactMap { kind in works[kind].map { (kind, $0) } }
        return tally
    }

    /// Each phase of the plan (only `phase` when given) with its activity.
    package func phases(branch: String?, only phase: Int? = nil) -> [(phase: Phase, activity: ActivityTally)] {
        campaign.phases.filter { phase == nil || $0.number == phase }.map {
            (phase: $0, activity: activity(in: $0.span, branch: branch))
        }
    }

    /// The last `count` weeks (Monday to Sunday) up to the query's day, the current one included, not before the
    /// campaign's start: each week's first day and its activity.
    package func weeks(_ count: Int, branch: String?) -> [(monday: CalendarDate, activity: ActivityTally)] {
        let current = min(asOf, campaign.end).startOfWeek
        return (0..<max(count, 0)).reversed().compactMap { back in
            let monday = current.adding(days: -7 * back)
            let days = DateSpan(from: max(monday, campaign.start), to: min(monday.adding(days: 6), asOf))
            guard days.from <= days.to else { return nil }
            return (monday: monday, activity: activity(in: days, branch: branch))
        }
    }

    /// Each month from the start of `span` to the query's day (at most to the end of `span`), with its activity.
    package func months(in span: DateSpan, branch: String?) -> [(year: Int, month: Int, activity: ActivityTally)] {
        let last = min(span.to, asOf)
        guard span.from <= last else { return [] }
        var out: [(year: Int, month: Int, activity: ActivityTally)] = []
        var year = span.from.year, month = span.from.month
        while (year, month) <= (last.year, last.month) {
            let first = CalendarDate(year: year, month: month, day: 1) ?? span.from
            let next = month == 12 ? (year + 1, 1) : (year, month + 1)
            let end = (CalendarDate(year: next.0, month: next.1, day: 1) ?? span.to).adding(days: -1)
            let days = DateSpan(from: max(first, span.from), to: min(end, span.to))
            out.append((year: year, month: month, activity: activity(in: days, branch: branch)))
            (year, month) = next
        }
        return out
    }
}
