import CampaignCore
import CampaignIntents
import CampaignReport
import Foundation
import Testing

/// The confirmed 评选表彰 as `cxzy report` passes them to the report: proposals and rejections stay out.
@Suite struct ReportAwardsTests {
    @Test func confirmedAwardsReachTheReportByPhase() throws {
        var state = BotState()
        let people = [
            Person(staffID: "T001", name: "李明", roles: [.frontline], branch: "语文支部", partyMember: true),
            Person(staffID: "T002", name: "王芳", roles: [.frontline, .classTeacher], branch: "语文支部", partyMember: true),
        ]
        try state.apply(.importRoster(people: people, codes: [:], directChats: [:]))
        let at = Date(timeIntervalSince1970: 1_290_000_000)
        func award(_ n: Int, _ staffID: String, _ star: Star, phase: Int, _ status: CommendationStatus) -> Commendation
        {
            Commendation(
                id: "A-000\(n)", staffID: staffID, star: star, phase: phase, status: status, reason: "精品课获市一等奖",
                evidence: ["W-0001"], proposedBy: "S001", proposedAt: at)
        }
        try state.apply(.award(award(1, "T002", .teaching, phase: 2, .confirmed)))
        try state.apply(.award(award(2, "T001", .teaching, phase: 2, .proposed)))
        try state.apply(.award(award(3, "T001", .research, phase: 3, .confirmed)))
        try state.apply(.award(award(4, "T002", .moral, phase: 2, .rejected)))

        let all = Award.confirmed(in: state)
        #expect(all.map(\.name) == ["王芳", "李明"])
        #expect(all[0].title == "教学之星先进典型" && all[0].phase == 2 && all[0].citation == "精品课获市一等奖")
        #expect(Award.confirmed(in: state, phase: 3).map(\.title) == ["科学之星先进典型"])

        let today = try #require(CalendarDate(year: 2012, month: 1, day: 5))
        let page = try CampaignReport.html(
            state: state, campaign: .builtIn, today: today, extras: ReportExtras(awards: all))
        #expect(page.contains("评选表彰</h2>") && page.contains("王芳") && page.contains("科学之星先进典型"))
        #expect(!page.contains("德育之星先进典型"), "a rejected proposal is not in the report")
    }
}
