package import CampaignCore
import CampaignIntents
import Foundation

/// The numbers behind the report and the charts, read from one `CampaignQuery` as of the scope's day (the end of the
/// phase for one phase): the same figures 统计, 未完成 and 导出 give on that day. Standings (who pledged, who
/// finished, whose lesson was taught, visits and works so far) are as of that day; activity (the phase rows, the
/// months, the pledges and lessons listed) is what is dated inside the scope.
/// Counts only: nothing about a home-visit student is read here beyond the visit's date.
package struct CampaignFigures: Sendable {
    package struct BranchRow: Sendable {
        package var name: String
        package var tally: PeopleTally

        package var people: Int { tally.people }
        /// People with at least one pledge.
        package var pledged: Int { tally.pledged }
        /// People every one of whose pledged stars is complete.
        package var completed: Int { tally.completedAll }
        /// Frontline Party members (they teach a demo lesson), and where their group lessons stand.
        package var demoTeachers: Int { tally.demoTeachers }
        package var demoLessons: LessonCount { tally.demoLessons }
        package var visits: Int { tally.visits }
        package var holidayVisits: Int { tally.holidayVisits }
        package var works: Int { tally.works }
    }

    package struct MonthRow: Sendable {
        package var year: Int
        package var month: Int
        package var activity: ActivityTally

        package var pledges: Int { activity.pledges }
        /// Lessons taught that month (group and school-wide).
        package var lessons: Int { activity.lessonsHeld }
        package var visits: Int { activity.visits }
        package var works: Int { activity.workCount }
    }

    package struct PhaseRow: Sendable {
        package var phase: Phase
        package var status: PhaseStatus
        package var activity: ActivityTally
        package var milestones: [Milestone]
        /// Party members in scope, when the phase is the one of 对标定位.
        package var benchmarkMembers: Int?

        package var pledges: Int { activity.pledges }
    }

    package struct PledgeEntry: Sendable {
        package var person: Person
        package var pledges: [Pledge]
    }

    package struct LessonEntry: Sendable {
        package var lesson: Lesson
        package var teacher: Person
        package var state: LessonState
        /// Its topic as shown (a 全校 lesson booked without one: its group lesson's).
        package var topic: String?
    }

    package struct BenchmarkEntry: Sendable {
        package var benchmark: Benchmark
        package var member: Person
    }

    package let scope: ReportScope
    package let query: CampaignQuery
    /// Active people in scope, by staff id.
    package let people: [Person]
    package let branches: [BranchRow]
    package let total: PeopleTally
    package let stars: [StarTally]
    package let months: [MonthRow]
    package let phases: [PhaseRow]
    /// Branch name → who pledged what (the plan's 向群众公开), in branch order.
    package let publicPledges: [(branch: String, entries: [PledgeEntry])]
    /// Lessons dated in scope that still count (taught, 待确认 or ahead), by date and period.
    package let lessons: [LessonEntry]
    /// 对标定位 entries written in scope, by branch and staff id (nil: the scope has no benchmark phase in it yet).
    package let benchmarks: [BenchmarkEntry]?

    package var totalPledged: Int { total.pledged }
    package var totalCompleted: Int { total.completedAll }
    package var totalVisits: Int { total.visits }
    package var totalWorks: Int { total.works }

    package init(state: BotState, campaign: Campaign, scope: ReportScope) {
        self.init(query: CampaignQuery(state: state, campaign: campaign, asOf: scope.asOf), scope: scope)
    }

    package init(query: CampaignQuery, scope: ReportScope) {
        self.scope = scope
        self.query = query
        let campaign = query.campaign
        let branch = scope.branch
        people = query.people(branch: branch)
        branches = query.branches(branch: branch).map {
            BranchRow(name: $0.name.isEmpty ? "未分支部" : $0.name, tally: $0.tally)
        }
        total = query.total(branch: branch)
        stars = query.stars(branch: branch)
        let span = scope.phase?.span ?? DateSpan(from: campaign.start, to: campaign.end)
        months = query.months(in: span, branch: branch).map {
            MonthRow(year: $0.year, month: $0.month, activity: $0.activity)
        }
        let members = people.filter(\.partyMember).count
        phases = query.phases(branch: branch, only: scope.phase?.number).map { phase, activity in
            PhaseRow(
                phase: phase, status: PhaseStatus(phase, on: scope.today), activity: activity,
                milestones: campaign.milestones.filter { phase.span.contains($0.date) }.sorted { $0.date < $1.date },
                benchmarkMembers: phase.number == campaign.benchmarkPhase?.number ? members : nil)
        }

        let byID = Dictionary(people.map { ($0.staffID, $0) }) { a, _ in a }
        func inside(_ date: CalendarDate) -> Bool { scope.window?.contains(date) ?? true }
        let pledgers = people.compactMap { p -> PledgeEntry? in
            let made = query.standing(of: p).pledges.filter { inside(CampaignTime.local($0.at).date) }
            return made.isEmpty ? nil : PledgeEntry(person: p, pledges: made)
        }
        publicPledges = Dictionary(grouping: pledgers, by: \.person.branch).sorted { $0.key < $1.key }
            .map { (branch: $0.key.isEmpty ? "未分支部" : $0.key, entries: $0.value) }

        lessons = query.lessons(branch: branch).filter { $0.isActive && inside($0.date) }.compactMap { lesson in
            byID[lesson.staffID].map {
                LessonEntry(lesson: lesson, teacher: $0, state: query.state(of: lesson), topic: query.topic(of: lesson))
            }
        }

        if let phase = campaign.benchmarkPhase, scope.asOf >= phase.span.from,
            scope.phase == nil || scope.phase?.number == phase.number
        {
            benchmarks = query.benchmarks(branch: branch, phase: phase.number).compactMap { b in
                byID[b.staffID].map { BenchmarkEntry(benchmark: b, member: $0) }
            }.sorted { ($0.member.branch, $0.member.staffID) < ($1.member.branch, $1.member.staffID) }
        } else {
            benchmarks = nil
        }
    }
}
