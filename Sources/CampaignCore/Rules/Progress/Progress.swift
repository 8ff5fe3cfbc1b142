package import CampaignIntents
import Foundation

/// How far a person is with one pledged star.
package struct StarProgress: Sendable {
    package struct Item: Sendable {
        package var requirement: Requirement
        package var done: Bool
        /// Record ids that satisfy it.
        package var evidence: [String]
    }

    package var star: Star
    package var pledge: Pledge
    package var items: [Item]
    package var complete: Bool { items.allSatisfy(\.done) }
    package var missing: [Requirement] { items.filter { !$0.done }.map(\.requirement) }
}

/// Something a person can still do for the campaign (what reminders name): a duty whose time has come, not done,
/// and still open. Made from `PersonStanding.duties`, so it says what `未完成` says.
package enum OwedItem: Sendable, Equatable {
    case pledge
    case lesson(DemoLessonStatus)
    case star(Star, missing: [String])
    /// 对标定位 not written (Party members, in its phase).
    case benchmark

    init(_ duty: Duty) {
        switch duty.kind {
        case .pledge: self = .pledge
        case .lesson: self = .lesson(duty.lesson ?? .notBooked)
        case .star(let star): self = .star(star, missing: duty.missing)
        case .benchmark: self = .benchmark
        }
    }

    var duty: Duty {
        switch self {
        case .pledge: Duty(kind: .pledge, done: false, started: true, open: true)
        case .lesson(let status): Duty(kind: .lesson, done: false, started: true, open: true, lesson: status)
        case .star(let star, let missing):
            Duty(kind: .star(star), done: false, started: true, open: true, missing: missing)
        case .benchmark: Duty(kind: .benchmark, done: false, started: true, open: true)
        }
    }

    package func chinese() -> String { duty.chinese() }
    package func english() -> String { duty.english() }
}

/// One person's records, gathered once (planning reminders for a whole school asks for them many times).
package struct StaffRecords: Sendable {
    package var pledges: [Pledge] = []
    package var works: [Work] = []
    package var visits: [Visit] = []
    package var lessons: [Lesson] = []
    package var benchmarks: [Benchmark] = []

    package init() {}
}

extension BotState {
    package func records(of staffID: String) -> StaffRecords {
        var records = StaffRecords()
        records.pledges = pledges(of: staffID)
        records.works = works(of: staffID)
        records.visits = visits(of: staffID)
        records.lessons = lessons.filter { $0.staffID == staffID }
        records.benchmarks = benchmarks.filter { $0.staffID == staffID }
        return records
    }

    /// Every person's records in one pass over the collections.
    package func recordIndex() -> [String: StaffRecords] {
        var index: [String: StaffRecords] = [:]
        for p in pledges { index[p.staffID, default: StaffRecords()].pledges.append(p) }
        for w in works { index[w.staffID, default: StaffRecords()].works.append(w) }
        for v in visits { index[v.staffID, default: StaffRecords()].visits.append(v) }
        for l in lessons { index[l.staffID, default: StaffRecords()].lessons.append(l) }
        for b in benchmarks { index[b.staffID, default: StaffRecords()].benchmarks.append(b) }
        return index
    }

    /// How far `person` is with each pledged star, as the records are now (`PersonStanding.stars`).
    package func starProgress(of person: Person, campaign: Campaign, records given: StaffRecords? = nil)
        -> [StarProgress]
    {
        let records = given ?? self.records(of: person.staffID)
        return PersonStanding.progress(
            pledges: records.pledges, works: records.works, holidayVisits: records.visits.filter(\.holiday),
            campaign: campaign)
    }

    /// What `person` can still do as of `date`: the duties of `PersonStanding` whose time has come, not done and still
    /// open — a pledge, the demo lesson (in the lesson phase, until taught), the pledged stars' items, 对标 (Party
    /// members, in its phase). Nothing once the campaign is over.
    package func owed(by person: Person, campaign: Campaign, on date: CalendarDate, records given: StaffRecords? = nil)
        -> [OwedItem]
    {
        let records = given ?? self.records(of: person.staffID)
        return PersonStanding(person: person, records: records, campaign: campaign, asOf: date).owing
            .filter(\.open).map(OwedItem.init)
    }
}
