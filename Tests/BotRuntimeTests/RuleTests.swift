import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// The rules of SPEC §4 that need the bot around the rules: a setting kept across a restart, and the roster import's
/// codes. The other rules are tested on the rules alone, in CampaignCoreTests.
@Suite("SPEC §4 rules through the bot")
struct RuleTests {
    @Test("remind off and on are recorded")
    func remindOffOn() async throws {
        try await Harness.with { h in
            try await h.login("T001")
            let off = try await h.say("提醒 关", as: "T001")
            #expect(off.contains("已关闭个人提醒") && off.contains("提醒 开"))
            #expect(await h.state.remindersOff == ["T001"])
            #expect(try await h.say("我的进度", as: "T001").contains("个人提醒已关闭"))
            h = try await h.restarted()
            #expect(await h.state.remindersOff == ["T001"])
            #expect(try await h.say("提醒 开", as: "T001").contains("已打开个人提醒"))
            #expect(await h.state.remindersOff.isEmpty)
        }
    }

    @Test("re-importing the roster deactivates people no longer listed; they keep their records")
    func reimportDeactivates() async throws {
        try await Harness.with { h in
            try await h.login("T008")
            try await h.say("承诺 科学之星 课题研究", as: "T008")
            let shorter = DemoRoster.csv.replacingOccurrences(of: "T008,何晓燕,一线,综合支部,是,教师\n", with: "")
            let codes = try await h.bot.importRoster(try RosterCSV.parse(Data(shorter.utf8)))
            #expect(codes.isEmpty, "people who already have a code get no new one")
            let state = await h.state
            #expect(state.roster["T008"]?.active == false)
            #expect(state.roster["T001"]?.active == true)
            #expect(state.pledges.count == 1)
            let reply = try await h.say("我的进度", as: "T008")
            #expect(reply.contains("已不在本次活动的名单中"))
            // Deactivated people are not counted or listed.
            try await h.login("A001")
            #expect(!(try await h.say("统计 支部", as: "A001")).contains("综合支部（3人）"))
            #expect(try await h.say("统计 支部", as: "A001").contains("综合支部（2人）"))
        }
    }

    @Test("the core tests' demo roster is the bot's demo roster")
    func demoRosterMatches() {
        #expect(TestRosters.demo == DemoRoster.csv)
    }
}
