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

/// Something a person still owes the campaign.
package enum OwedItem: Sendable, Equatable {
    case pledge
    case lesson
    case star(Star, missing: [String])
    /// 对标定位 not written (Party members, in its phase).
    case benchmark

    package func chinese() -> String {
        switch self {
        case .benchmark: "对标定位尚未填写（榜样、差距、措施，发送“对标”查看写法）"
        case .pledge: "尚未申报承诺"
        case .lesson: "党员示范课尚未预约"
        case .star(let star, let missing): "\(star.chineseName)还缺：\(missing.joined(separator: "、"))"
        }
    }

    package func english() -> String {
        switch self {
        case .benchmark: "no benchmark yet (model, gaps, steps)"
        case .pledge: "no pledge yet"
        case .lesson: "demonstration lesson not booked"
        case .star(let star, let missing): "\(star.englishName): still missing \(missing.joined(separator: ", "))"
        }
    }
}

/// One person's records, gathered once (planning reminders for a whole school asks for them many times).
package struct StaffRecords: Sendable {
    package var pledges: [Pledge] = []
    package var works: [Work] = []
    package var visits: [Visit] = []
    package var lessons: [Lesson] = []
}

extension BotState {
    package func records(of staffID: String) -> StaffRecords {
        StaffRecords(
            pledges: pledges(of: staffID), works: works(of: staffID), visits: visits(of: staffID),
            lessons: lessons.filter { $0.staffID == staffID })
    }

    /// Every person's records in one pass over the collections.
    package func recordIndex() -> [String: StaffRecords] {
        var index: [String: StaffRecords] = [:]
        for p in pledges { index[p.staffID, default: StaffRecords()].pledges.append(p) }
        for w in works { index[w.staffID, default: StaffRecords()].works.append(w) }
        for v in visits { index[v.staffID, default: StaffRecords()].visits.append(v) }
        for l in lessons { index[l.staffID, default: StaffRecords()].lessons.append(l) }
        return index
    }

    package func starProgress(of person: Person, campaign: Campaign, records given: StaffRecords? = nil)
        -> [StarProgress]
    {
        let records = given ?? self.records(of: person.staffID)
        let works = records.works
        let holidayVisits = records.visits.filter(\.holiday)
        return records.pledges.sorted { $0.star.rawValue < $1.star.rawValue }.compactMap { pledge in
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

    /// What `person` still owes as of `date`, only what they can do: a pledge (if some star is open to them), a demo
    /// lesson (frontline Party members, during the lesson phase only: not before it, not after), star items of the
    /// stars they may strive for. Nothing once the campaign is over.
    package func owed(by person: Person, campaign: Campaign, on date: CalendarDate, records given: StaffRecords? = nil)
        -> [OwedItem]
    {
        guard date <= campaign.end else { return [] }
        let records = given ?? self.records(of: person.staffID)
        var items: [OwedItem] = []
        if records.pledges.isEmpty, campaign.stars.contains(where: person.mayStrive) { items.append(.pledge) }
        if person.teachesDemoLesson, let span = campaign.lessonSpan, span.contains(date),
            !records.lessons.contains(where: { $0.isActive && $0.level == .group })
        {
            items.append(.lesson)
        }
        for star in starProgress(of: person, campaign: campaign, records: records)
        where !star.complete
            && (campaign.rule(for: star.star).map(person.mayStrive) ?? false)
        {
            items.append(.star(star.star, missing: star.missing.map(\.name)))
        }
        if person.partyMember, let phase = campaign.benchmarkPhase, phase.span.contains(date),
            benchmark(of: person.staffID, phase: phase.number) == nil
        {
            items.append(.benchmark)
        }
        return items
    }
}
