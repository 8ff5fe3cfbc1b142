import CampaignCore
import CampaignIntents
@testable import CampaignReport
import Testing

/// The numbers behind the charts and the report, against what the sample school was built with.
@Suite struct FiguresTests {
    let school: SampleSchool

    init() throws { school = try SampleSchool() }

    func figures(phase: Int? = nil, branch: String? = nil, today: CalendarDate = SampleSchool.today) throws
        -> CampaignFigures
    {
        CampaignFigures(
            state: school.state, campaign: SampleSchool.campaign,
            scope: try ReportScope(campaign: SampleSchool.campaign, today: today, phase: phase, branch: branch))
    }

    @Test func branchesCountPeoplePledgesAndCompletion() throws {
        let f = try figures()
        #expect(f.branches.map(\.name) == ["数学支部", "综合支部", "英语支部", "语文支部"])
        for plan in SampleSchool.plans {
            let row = try #require(f.branches.first { $0.name == plan.name })
            #expect(row.people == 10)
            #expect(row.pledged == plan.pledged, "\(plan.name)")
            #expect(row.completed == plan.completed, "\(plan.name)")
        }
        #expect(f.totalPledged == 30)
        #expect(f.totalCompleted == 10)
    }

    @Test func starsCountEligiblePledgedCompleted() throws {
        let f = try figures()
        for row in f.stars {
            let expected = try #require(school.stars[row.star])
            #expect(row.eligible == expected.eligible, "\(row.star)")
            #expect(row.pledged == expected.pledged, "\(row.star)")
            #expect(row.completed == expected.completed, "\(row.star)")
        }
    }

    @Test func monthsAddUpToTheRecords() throws {
        let f = try figures()
        #expect(f.months.count == 8, "June 2010 … January 2011")
        #expect(f.months.first.map { ($0.year, $0.month) } ?? (0, 0) == (2010, 6))
        #expect(f.months.reduce(0) { $0 + $1.pledges } == school.state.pledges.count)
        #expect(f.months.reduce(0) { $0 + $1.visits } == school.visits)
        #expect(f.months.reduce(0) { $0 + $1.works } == school.works)
        // A lesson counts in its month once it was taught (confirmed 已上); the ones waiting confirmation do not.
        #expect(f.months.reduce(0) { $0 + $1.lessons } == school.heldGroupLessons + school.heldSchoolLessons)
        #expect(f.totalVisits == school.visits)
        #expect(f.totalWorks == school.works)
    }

    @Test func aPhaseReportCountsItsOwnDaysAndStandsAtItsEnd() throws {
        let first = try figures(phase: 1)
        #expect(first.scope.asOf == SampleSchool.day(2010, 6, 30))
        #expect(first.phases.map(\.phase.number) == [1])
        // Pledges made 21–30 June count for phase 1; the rest came in July.
        let june = school.state.pledges.filter { CampaignTime.local($0.at).date <= SampleSchool.day(2010, 6, 30) }
        #expect(first.phases.first?.pledges == june.count)
        #expect(first.totalPledged == Set(june.map(\.staffID)).count)
        #expect(first.totalCompleted == 0, "no work was done by the end of June")
        #expect(first.lessons.isEmpty)

        let second = try figures(phase: 2)
        #expect(second.phases.first?.status == .current)
        #expect(second.lessons.count == school.groupLessons + school.schoolLessons)
        #expect(second.totalCompleted == 10)
    }

    @Test func publicPledgesListEveryPledgeByBranch() throws {
        let f = try figures()
        let listed = f.publicPledges.flatMap { $0.entries.flatMap(\.pledges) }
        #expect(listed.count == school.state.pledges.count)
        #expect(f.publicPledges.map(\.branch) == ["数学支部", "综合支部", "英语支部", "语文支部"])
        #expect(f.publicPledges.first { $0.branch == "语文支部" }?.entries.count == 9)
    }

    @Test func peopleWhoLeftAreNotCounted() throws {
        var state = school.state
        let leaving = try #require(state.roster["T101"])
        var rest = Array(state.roster.values.filter { $0.staffID != leaving.staffID })
        rest.sort { $0.staffID < $1.staffID }
        try state.apply(.importRoster(people: rest, codes: [:], directChats: [:]))
        let f = CampaignFigures(
            state: state, campaign: SampleSchool.campaign,
            scope: try ReportScope(campaign: SampleSchool.campaign, today: SampleSchool.today))
        #expect(f.branches.first { $0.name == "语文支部" }?.people == 9)
        #expect(f.people.count == 39)
    }
}
