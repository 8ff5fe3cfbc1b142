import CampaignCore
import CampaignIntents
import Foundation

/// The numbers behind the report and the charts, computed once from the state for one scope.
/// Counts only: nothing about a home-visit student is read here beyond the visit's date.
struct CampaignFigures: Sendable {
    struct BranchRow: Sendable {
        var name: String
        var people: Int
        /// People with at least one pledge.
        var pledged: Int
        /// People every one of whose pledged stars is complete.
        var completed: Int
        /// Frontline Party members (they teach a demo lesson) and how many of them have booked their group lesson.
        var demoTeachers: Int
        var demoBooked: Int
        var visits: Int
        var holidayVisits: Int
        var works: Int
    }

    struct StarRow: Sendable {
        var star: Star
        var eligibility: String
        var eligible: Int
        var pledged: Int
        var completed: Int
    }

    struct MonthRow: Sendable {
        var year: Int
        var month: Int
        var pledges = 0
        var lessons = 0
        var visits = 0
        var works = 0
    }

    struct PhaseRow: Sendable {
        enum Status: String, Sendable {
            case ended = "已结束", current = "进行中", upcoming = "未开始"
        }

        var phase: Phase
        var status: Status
        var pledges = 0
        var latePledges = 0
        var groupLessons = 0
        var schoolLessons = 0
        var visits = 0
        var holidayVisits = 0
        var works: [(kind: WorkKind, count: Int)] = []
        var milestones: [Milestone] = []
    }

    struct PledgeEntry: Sendable {
        var person: Person
        var pledges: [Pledge]
    }

    struct LessonEntry: Sendable {
        var lesson: Lesson
        var teacher: Person
    }

    let scope: ReportScope
    /// Active people in scope, by staff id.
    let people: [Person]
    let branches: [BranchRow]
    let stars: [StarRow]
    let months: [MonthRow]
    let phases: [PhaseRow]
    /// Branch name → who pledged what (the plan's 向群众公开), in branch order.
    let publicPledges: [(branch: String, entries: [PledgeEntry])]
    /// Active lessons dated in scope, by date and period.
    let lessons: [LessonEntry]

    var totalPledged: Int { branches.reduce(0) { $0 + $1.pledged } }
    var totalCompleted: Int { branches.reduce(0) { $0 + $1.completed } }
    var totalVisits: Int { phases.reduce(0) { $0 + $1.visits } }
    var totalWorks: Int { phases.reduce(0) { $0 + $1.works.reduce(0) { $0 + $1.count } } }

    init(state: BotState, campaign: Campaign, scope: ReportScope) {
        self.scope = scope
        let people = state.activePeople.filter { scope.branch == nil || $0.branch == scope.branch }
        self.people = people
        let ids = Set(people.map(\.staffID))
        // Standing as of `asOf`: every record made by then, whichever phase it was made in.
        let standing = state.keeping(ids, recordedBy: scope.asOf, dated: nil)
        let index = standing.recordIndex()
        let progress: [String: [StarProgress]] = Dictionary(
            uniqueKeysWithValues: people.map { p in
                (p.staffID, standing.starProgress(of: p, campaign: campaign, records: index[p.staffID]))
            })
        func hasPledge(_ p: Person) -> Bool { !(progress[p.staffID] ?? []).isEmpty }
        func completedAll(_ p: Person) -> Bool {
            let stars = progress[p.staffID] ?? []
            return !stars.isEmpty && stars.allSatisfy(\.complete)
        }

        // Activity: records dated inside the scope.
        let activity = state.keeping(ids, recordedBy: scope.asOf, dated: scope.window)

        branches = Dictionary(grouping: people, by: \.branch).sorted { $0.key < $1.key }.map { name, members in
            let teachers = members.filter(\.teachesDemoLesson)
            let memberIDs = Set(members.map(\.staffID))
            let visits = activity.visits.filter { memberIDs.contains($0.staffID) }
            return BranchRow(
                name: name.isEmpty ? "未分支部" : name, people: members.count,
                pledged: members.filter(hasPledge).count, completed: members.filter(completedAll).count,
                demoTeachers: teachers.count,
                demoBooked: teachers.filter { t in standing.activeLessons(of: t.staffID).contains { $0.level == .group }
                }.count,
                visits: visits.count, holidayVisits: visits.filter(\.holiday).count,
                works: activity.works.filter { memberIDs.contains($0.staffID) }.count)
        }

        stars = campaign.stars.map { rule in
            let pledged = people.filter { p in (progress[p.staffID] ?? []).contains { $0.star == rule.star } }
            let completed = pledged.filter { p in
                (progress[p.staffID] ?? []).contains { $0.star == rule.star && $0.complete }
            }
            return StarRow(
                star: rule.star, eligibility: rule.eligibility,
                eligible: people.filter { $0.mayStrive(for: rule) }.count,
                pledged: pledged.count, completed: completed.count)
        }

        months = Self.months(activity: activity, campaign: campaign, scope: scope)
        phases = campaign.phases.filter { scope.phase == nil || $0.number == scope.phase?.number }.map { phase in
            Self.phaseRow(phase, activity: activity, campaign: campaign, today: scope.today)
        }

        let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.staffID, $0) })
        let pledgers = people.compactMap { p -> PledgeEntry? in
            let made = activity.pledges(of: p.staffID).sorted {
                (Star.allCases.firstIndex(of: $0.star) ?? 0) < (Star.allCases.firstIndex(of: $1.star) ?? 0)
            }
            return made.isEmpty ? nil : PledgeEntry(person: p, pledges: made)
        }
        publicPledges = Dictionary(grouping: pledgers, by: \.person.branch).sorted { $0.key < $1.key }
            .map { (branch: $0.key.isEmpty ? "未分支部" : $0.key, entries: $0.value) }

        lessons = activity.lessons.filter(\.isActive)
            .sorted { ($0.date, $0.period, $0.id) < ($1.date, $1.period, $1.id) }
            .compactMap { lesson in byID[lesson.staffID].map { LessonEntry(lesson: lesson, teacher: $0) } }
    }

    /// Months from the start of the scope to `asOf` (at most to the end of the scope), with the records of each.
    private static func months(activity: BotState, campaign: Campaign, scope: ReportScope) -> [MonthRow] {
        let span = scope.phase?.span ?? DateSpan(from: campaign.start, to: campaign.end)
        let last = min(span.to, scope.asOf)
        guard span.from <= last else { return [] }
        var rows: [MonthRow] = []
        var year = span.from.year, month = span.from.month
        while (year, month) <= (last.year, last.month) {
            rows.append(MonthRow(year: year, month: month))
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        let first = (span.from.year, span.from.month)
        func slot(_ date: CalendarDate) -> Int? {
            let i = (date.year - first.0) * 12 + date.month - first.1
            return rows.indices.contains(i) ? i : nil
        }
        for p in activity.pledges { if let i = slot(CampaignTime.local(p.at).date) { rows[i].pledges += 1 } }
        for l in activity.lessons where l.isActive { if let i = slot(l.date) { rows[i].lessons += 1 } }
        for v in activity.visits { if let i = slot(v.date) { rows[i].visits += 1 } }
        for w in activity.works { if let i = slot(CampaignTime.local(w.at).date) { rows[i].works += 1 } }
        return rows
    }

    private static func phaseRow(_ phase: Phase, activity: BotState, campaign: Campaign, today: CalendarDate)
        -> PhaseRow
    {
        let status: PhaseRow.Status = phase.span.contains(today) ? .current : phase.span.to < today ? .ended : .upcoming
        var row = PhaseRow(phase: phase, status: status)
        func inside(_ date: CalendarDate) -> Bool { phase.span.contains(date) }
        let pledges = activity.pledges.filter { inside(CampaignTime.local($0.at).date) }
        row.pledges = pledges.count
        row.latePledges = pledges.filter(\.late).count
        let lessons = activity.lessons.filter { $0.isActive && inside($0.date) }
        row.groupLessons = lessons.filter { $0.level == .group }.count
        row.schoolLessons = lessons.filter { $0.level == .school }.count
        let visits = activity.visits.filter { inside($0.date) }
        row.visits = visits.count
        row.holidayVisits = visits.filter(\.holiday).count
        let works = activity.works.filter { inside(CampaignTime.local($0.at).date) }
        row.works = WorkKind.allCases.compactMap { kind in
            let n = works.filter { $0.kind == kind }.count
            return n > 0 ? (kind, n) : nil
        }
        row.milestones = campaign.milestones.filter { inside($0.date) }.sorted { $0.date < $1.date }
        return row
    }
}

extension BotState {
    /// A copy with only the records of `people` that existed by `asOf` and, when `window` is given, are dated inside
    /// it: pledges and works by the day they were recorded, visits by their day, lessons by the day they are taught
    /// (a lesson booked by `asOf` for a later day is in).
    func keeping(_ people: Set<String>, recordedBy asOf: CalendarDate, dated window: DateSpan?) -> BotState {
        func day(_ instant: Date) -> CalendarDate { CampaignTime.local(instant).date }
        func inWindow(_ date: CalendarDate) -> Bool { window?.contains(date) ?? true }
        var copy = BotState()
        copy.roster = roster
        copy.pledges = pledges.filter { people.contains($0.staffID) && day($0.at) <= asOf && inWindow(day($0.at)) }
        copy.works = works.filter { people.contains($0.staffID) && day($0.at) <= asOf && inWindow(day($0.at)) }
        copy.visits = visits.filter { people.contains($0.staffID) && $0.date <= asOf && inWindow($0.date) }
        copy.lessons = lessons.filter { people.contains($0.staffID) && day($0.bookedAt) <= asOf && inWindow($0.date) }
        return copy
    }
}
