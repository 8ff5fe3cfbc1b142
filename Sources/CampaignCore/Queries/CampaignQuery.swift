package import CampaignIntents
import Foundation

/// The one reading of the campaign that every figure is made from: 统计, 未完成, 我的进度, the secretaries' weekly
/// digest, the report (`cxzy report`, `报告`) and 导出. Answers that read it cannot disagree.
///
/// The records stand as they stood at the end of the day `asOf`:
/// - a record counts once it was made by then: pledges and works by the day they were recorded, visits by the day
///   they were reported, lessons by the day they were booked, 对标 by the day first written;
/// - a lesson has the status it had then: a confirmation (已上/未上) or a cancellation made later is not there yet,
///   and a booked lesson whose day has passed is 待确认 until someone confirms it;
/// - corrections (修改, and 撤销 of a pledge, visit or work) are taken as having always been so: the record reads as
///   corrected, or is gone.
///
/// Only people still on the roster are counted.
package struct CampaignQuery: Sendable {
    package let campaign: Campaign
    package let asOf: CalendarDate
    /// Active people, by staff id.
    package let people: [Person]
    /// The standing records of everyone on the roster (also those who left), by staff id.
    let index: [String: StaffRecords]

    package init(state: BotState, campaign: Campaign, asOf: CalendarDate) {
        self.campaign = campaign
        self.asOf = asOf
        people = state.activePeople
        index = Self.standingRecords(state, asOf: asOf)
    }

    /// A query over records already gathered (`BotState.recordIndex()`), taken as they are now: for planning, where
    /// many days are looked at with the same records.
    package init(index: [String: StaffRecords], people: [Person], campaign: Campaign, asOf: CalendarDate) {
        self.campaign = campaign
        self.asOf = asOf
        self.people = people
        self.index = index
    }

    /// The campaign's last day has passed: nothing can be recorded any more.
    package var campaignOver: Bool { asOf > campaign.end }

    /// Active people of `branch` (nil: everyone).
    package func people(branch: String?) -> [Person] {
        branch.map { name in people.filter { $0.branch == name } } ?? people
    }

    /// `staffID`'s records as they stood at the end of `asOf`.
    package func records(of staffID: String) -> StaffRecords { index[staffID] ?? StaffRecords() }

    package func standing(of person: Person) -> PersonStanding {
        PersonStanding(person: person, records: records(of: person.staffID), campaign: campaign, asOf: asOf)
    }

    /// The standing of every active person of `branch` (nil: everyone), by staff id.
    package func standings(branch: String?) -> [PersonStanding] { people(branch: branch).map(standing) }

    /// Every standing lesson of the people of `branch` (nil: everyone), by date, period and id.
    package func lessons(branch: String?) -> [Lesson] {
        people(branch: branch).flatMap { records(of: $0.staffID).lessons }
            .sorted { ($0.date, $0.period, $0.id) < ($1.date, $1.period, $1.id) }
    }

    /// Every standing 对标 of the people of `branch` (nil: everyone), in `phase` (nil: any), by id.
    package func benchmarks(branch: String?, phase: Int? = nil) -> [Benchmark] {
        people(branch: branch).flatMap { records(of: $0.staffID).benchmarks }
            .filter { phase == nil || $0.phase == phase }.sorted { $0.id < $1.id }
    }

    /// What a lesson's day and status make it on `asOf`.
    package func state(of lesson: Lesson) -> LessonState { LessonState(lesson, on: asOf) }

    /// The topic a lesson is shown with: its own, or for a 全校 lesson booked without one, that of the group lesson
    /// it repeats for the school (the teacher's nominated group lesson, else their taught one).
    package func topic(of lesson: Lesson) -> String? {
        if let topic = lesson.topic, !topic.trimmingCharacters(in: .whitespaces).isEmpty { return topic }
        guard lesson.level == .school else { return nil }
        let group = records(of: lesson.staffID).lessons.filter { $0.level == .group && $0.topic != nil }
        return (group.first { $0.nominated } ?? group.first { $0.isHeld } ?? group.first)?.topic
    }
}

extension CampaignQuery {
    /// The local day of an instant.
    static func day(_ instant: Date) -> CalendarDate { CampaignTime.local(instant).date }

    /// Every person's records made by the end of `asOf`, lessons with their status as of then.
    static func standingRecords(_ state: BotState, asOf: CalendarDate) -> [String: StaffRecords] {
        var index: [String: StaffRecords] = [:]
        for p in state.pledges where day(p.at) <= asOf { index[p.staffID, default: StaffRecords()].pledges.append(p) }
        for w in state.works where day(w.at) <= asOf { index[w.staffID, default: StaffRecords()].works.append(w) }
        for v in state.visits where day(v.at) <= asOf && v.date <= asOf {
            index[v.staffID, default: StaffRecords()].visits.append(v)
        }
        for l in state.lessons where day(l.bookedAt) <= asOf {
            var lesson = l
            lesson.status = status(of: l, history: state.history[l.id] ?? [], asOf: asOf)
            if lesson.status != l.status, lesson.status != .cancelled { lesson.cancelledAt = nil }
            index[l.staffID, default: StaffRecords()].lessons.append(lesson)
        }
        for b in state.benchmarks where day(b.at) <= asOf {
            index[b.staffID, default: StaffRecords()].benchmarks.append(b)
        }
        return index
    }

    /// The status `lesson` had at the end of `asOf`, from the changes in its history: 确认已上, 确认未上, and 取消 or
    /// 撤销. A lesson with no change after `asOf` has its status of now.
    static func status(of lesson: Lesson, history: [RecordHistoryEntry], asOf: CalendarDate) -> LessonStatus {
        var events: [(day: CalendarDate, status: LessonStatus)] = history.compactMap { entry in
            switch entry.action {
            case "确认已上": (day(entry.at), .held)
            case "确认未上": (day(entry.at), .notHeld)
            case "取消", "撤销": (day(entry.at), .cancelled)
            default: nil
            }
        }
        // A cancellation the history does not name (made directly as a change) is dated by `cancelledAt`.
        if lesson.status == .cancelled, let at = lesson.cancelledAt,
            !events.contains(where: { $0.status == .cancelled })
        {
            events.append((day(at), .cancelled))
        }
        guard events.contains(where: { $0.day > asOf }) else { return lesson.status }
        return events.last { $0.day <= asOf }?.status ?? .booked
    }
}

/// A lesson as it stands on a day: 已预约 (its day is today or ahead), 待确认 (its day has passed, nobody has said
/// whether it was taught), 已上, 未上 or 已取消. Only 已上 counts as done.
package enum LessonState: String, Sendable, CaseIterable {
    case booked, awaiting, held, notHeld = "not_held", cancelled

    package init(_ lesson: Lesson, on day: CalendarDate) {
        switch lesson.status {
        case .booked: self = lesson.date < day ? .awaiting : .booked
        case .held: self = .held
        case .notHeld: self = .notHeld
        case .cancelled: self = .cancelled
        }
    }

    package var chineseName: String {
        switch self {
        case .booked: "已预约"
        case .awaiting: "待确认"
        case .held: "已上"
        case .notHeld: "未上"
        case .cancelled: "已取消"
        }
    }

    package var englishName: String {
        switch self {
        case .booked: "booked"
        case .awaiting: "to be confirmed"
        case .held: "taught"
        case .notHeld: "not taught"
        case .cancelled: "cancelled"
        }
    }
}

extension WorkKind {
    /// The kind as the campaign's plan names it, for lists and the report: 经验论文 (not a bare 论文, which reads as
    /// 科研论文's sibling), the others as they are called.
    package var displayName: String { self == .paper ? "经验论文" : chineseName }
}
