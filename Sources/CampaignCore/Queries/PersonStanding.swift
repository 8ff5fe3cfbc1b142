package import CampaignIntents
import Foundation

/// Where one person stands on a day: what they pledged, what each pledged star still needs, their demo lesson, the
/// visits that count for 德育之星, their works and 对标 — and, from these, each duty of the campaign and whether it
/// is done. The only place these are decided.
package struct PersonStanding: Sendable {
    package let person: Person
    package let asOf: CalendarDate
    /// Pledges, in the order of the plan's stars.
    package let pledges: [Pledge]
    /// One per pledged star the campaign has, in the order of the plan's stars.
    package let stars: [StarProgress]
    /// Every lesson booked by `asOf`, with its status then (cancelled ones too), by date.
    package let lessons: [Lesson]
    /// The group demo lesson (nil: not a frontline Party member, who owes none).
    package let demoLesson: DemoLessonStatus?
    package let visits: [Visit]
    /// The visits on a weekend, holiday or vacation: the ones 德育之星 counts.
    package let holidayVisits: [Visit]
    package let works: [Work]
    /// The 对标 of the campaign's benchmark phase.
    package let benchmark: Benchmark?
    /// Every duty the campaign gives this person, done or not, started or not.
    package let duties: [Duty]

    package init(person: Person, records: StaffRecords, campaign: Campaign, asOf: CalendarDate) {
        self.person = person
        self.asOf = asOf
        pledges = Self.inPlanOrder(records.pledges, campaign)
        visits = records.visits.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        holidayVisits = visits.filter(\.holiday)
        works = records.works.sorted { $0.id < $1.id }
        lessons = records.lessons.sorted { ($0.date, $0.period, $0.id) < ($1.date, $1.period, $1.id) }
        stars = Self.progress(pledges: pledges, works: works, holidayVisits: holidayVisits, campaign: campaign)
        demoLesson = person.teachesDemoLesson ? DemoLessonStatus(lessons, asOf: asOf) : nil
        let phase = campaign.benchmarkPhase
        benchmark = phase.flatMap { p in records.benchmarks.first { $0.phase == p.number } }
        duties = Self.duties(
            person: person, campaign: campaign, asOf: asOf, pledged: !pledges.isEmpty, stars: stars,
            lesson: demoLesson, benchmark: benchmark)
    }

    package var hasPledge: Bool { !pledges.isEmpty }
    /// Pledged, and every pledged star complete (全部完成).
    package var completedAll: Bool { !stars.isEmpty && stars.allSatisfy(\.complete) }
    package func pledged(_ star: Star) -> Bool { stars.contains { $0.star == star } }
    package func completed(_ star: Star) -> Bool { stars.contains { $0.star == star && $0.complete } }
    /// The duties whose time has come and that are not done: what 未完成 lists for this person.
    package var owing: [Duty] { duties.filter { $0.started && !$0.done } }
    package func duty(_ kind: Duty.Kind) -> Duty? { duties.first { $0.kind == kind } }

    static func inPlanOrder(_ pledges: [Pledge], _ campaign: Campaign) -> [Pledge] {
        let order = Dictionary(campaign.stars.enumerated().map { ($0.element.star, $0.offset) }) { a, _ in a }
        return pledges.sorted { (order[$0.star] ?? 9, $0.id) < (order[$1.star] ?? 9, $1.id) }
    }

    /// How far each pledged star is (in the plan's order): an item is done by any work of its kinds, or by enough
    /// holiday visits.
    static func progress(pledges: [Pledge], works: [Work], holidayVisits: [Visit], campaign: Campaign)
        -> [StarProgress]
    {
        inPlanOrder(pledges, campaign).compactMap { pledge in
            guard let rule = campaign.rule(for: pledge.star) else { return nil }
            let items = rule.requirements.map { requirement -> StarProgress.Item in
                var evidence = works.filter { requirement.anyOf.contains($0.kind) }.map(\.id)
                var done = !requirement.anyOf.isEmpty && !evidence.isEmpty
                if requirement.holidayVisits > 0 {
                    evidence += holidayVisits.map(\.id)
                    done = holidayVisits.count >= requirement.holidayVisits && (requirement.anyOf.isEmpty || done)
                }
                return StarProgress.Item(requirement: requirement, done: done, evidence: evidence)
            }
            return StarProgress(star: pledge.star, pledge: pledge, items: items)
        }
    }

    static func duties(
        person: Person, campaign: Campaign, asOf: CalendarDate, pledged: Bool, stars: [StarProgress],
        lesson: DemoLessonStatus?, benchmark: Benchmark?
    ) -> [Duty] {
        let started = asOf >= campaign.start, open = asOf <= campaign.end
        var duties: [Duty] = []
        if campaign.stars.contains(where: person.mayStrive) {
            duties.append(Duty(kind: .pledge, done: pledged, started: started, open: open))
        }
        if let lesson, let span = campaign.lessonSpan {
            duties.append(
                Duty(
                    kind: .lesson, done: lesson.isHeld, started: asOf >= span.from, open: open && asOf <= span.to,
                    lesson: lesson))
        }
        for star in stars {
            duties.append(
                Duty(
                    kind: .star(star.star), done: star.complete, started: started, open: open,
                    missing: star.missing.map(\.name)))
        }
        if person.partyMember, let phase = campaign.benchmarkPhase {
            duties.append(
                Duty(
                    kind: .benchmark, done: benchmark != nil, started: asOf >= phase.span.from,
                    open: open && asOf <= phase.span.to))
        }
        return duties
    }
}

/// Where a frontline Party member's group demo lesson stands. Done only when taught (已上).
package enum DemoLessonStatus: Sendable, Equatable {
    case notBooked
    /// Booked for today or a later day.
    case booked(id: String, date: CalendarDate)
    /// Its day has passed and nobody has said whether it was taught (待确认).
    case awaiting(id: String, date: CalendarDate)
    /// Confirmed not taught, nothing booked since: it must be booked again.
    case notHeld(id: String, date: CalendarDate)
    case held(id: String, date: CalendarDate)

    /// From a teacher's lessons (with their status on `asOf`): a taught group lesson, else the one booked, else the
    /// last one not taught.
    package init(_ lessons: [Lesson], asOf: CalendarDate) {
        let group = lessons.filter { $0.level == .group }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        if let l = group.first(where: \.isHeld) {
            self = .held(id: l.id, date: l.date)
        } else if let l = group.first(where: { $0.status == .booked }) {
            self = l.date < asOf ? .awaiting(id: l.id, date: l.date) : .booked(id: l.id, date: l.date)
        } else if let l = group.last(where: { $0.status == .notHeld }) {
            self = .notHeld(id: l.id, date: l.date)
        } else {
            self = .notBooked
        }
    }

    package var isHeld: Bool { if case .held = self { true } else { false } }

    /// The state of the lesson it names (nil: none booked).
    package var state: LessonState? {
        switch self {
        case .notBooked: nil
        case .booked: .booked
        case .awaiting: .awaiting
        case .notHeld: .notHeld
        case .held: .held
        }
    }

    package var lessonID: String? {
        switch self {
        case .notBooked: nil
        case .booked(let id, _), .awaiting(let id, _), .notHeld(let id, _), .held(let id, _): id
        }
    }

    /// For 未完成 示范课: `L-0009 11月3日 待确认`.
    package func chinese(open: Bool) -> String {
        switch self {
        case .notBooked: open ? "未预约" : "未上"
        case .booked(_, let date): "已预约 \(date.month)月\(date.day)日，未上"
        case .awaiting(let id, let date): "\(id) \(date.month)月\(date.day)日 待确认"
        case .notHeld: open ? "未上，需重新预约" : "未上"
        case .held(let id, let date): "\(id) \(date.month)月\(date.day)日 已上"
        }
    }

    package func english(open: Bool) -> String {
        switch self {
        case .notBooked: open ? "not booked" : "not taught"
        case .booked(_, let date): "booked for \(date), not taught yet"
        case .awaiting(let id, let date): "\(id) on \(date), to be confirmed"
        case .notHeld: open ? "not taught; book again" : "not taught"
        case .held(let id, let date): "\(id) on \(date), taught"
        }
    }
}

/// One thing the campaign asks of a person, and where it stands on the query's day.
package struct Duty: Sendable, Equatable {
    package enum Kind: Sendable, Hashable {
        /// At least one pledge (anyone a star is open to).
        case pledge
        /// The group demo lesson, taught (frontline Party members).
        case lesson
        /// A pledged star, complete.
        case star(Star)
        /// The 对标 of the benchmark phase (Party members).
        case benchmark
    }

    package var kind: Kind
    package var done: Bool
    /// Its time has come: the phase it belongs to has begun.
    package var started: Bool
    /// It can still be done: neither its phase nor the campaign is over.
    package var open: Bool
    /// For `.lesson`: where the lesson stands.
    package var lesson: DemoLessonStatus? = nil
    /// For `.star`: the names of the items not met yet.
    package var missing: [String] = []

    /// As the digest and `未完成` list it: `党员示范课 L-0009 11月3日 待确认`, `德育之星还缺：…`.
    package func chinese() -> String {
        let text: String
        switch kind {
        case .pledge: text = open ? "尚未申报承诺" : "未申报承诺"
        case .lesson:
            switch lesson ?? .notBooked {
            case .notBooked: text = open ? "党员示范课尚未预约" : "党员示范课未上"
            case .booked(let id, let date): text = "党员示范课 \(id) \(date.month)月\(date.day)日已预约，待上"
            case .awaiting(let id, let date): text = "党员示范课 \(id) \(date.month)月\(date.day)日 待确认"
            case .notHeld: text = open ? "党员示范课未上，需重新预约" : "党员示范课未上"
            case .held: text = "党员示范课已上"
            }
        case .star(let star): text = "\(star.chineseName)还缺：\(missing.joined(separator: "、"))"
        case .benchmark: text = open ? "对标定位尚未填写（榜样、差距、措施，发送“对标”查看写法）" : "对标定位未填写"
        }
        return done || open ? text : text + "（已截止）"
    }

    package func english() -> String {
        let text: String
        switch kind {
        case .pledge: text = "no pledge yet"
        case .lesson:
            switch lesson ?? .notBooked {
            case .notBooked: text = open ? "demonstration lesson not booked" : "demonstration lesson not taught"
            case .booked(let id, let date): text = "demonstration lesson \(id) booked for \(date)"
            case .awaiting(let id, let date): text = "demonstration lesson \(id) on \(date) to be confirmed"
            case .notHeld:
                text = open ? "demonstration lesson not taught; book again" : "demonstration lesson not taught"
            case .held: text = "demonstration lesson taught"
            }
        case .star(let star): text = "\(star.englishName): still missing \(missing.joined(separator: ", "))"
        case .benchmark: text = "no benchmark yet (model, gaps, steps)"
        }
        return done || open ? text : text + " (closed)"
    }
}
