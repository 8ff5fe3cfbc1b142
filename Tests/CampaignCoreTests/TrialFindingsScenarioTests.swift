import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// What the school-year trial typed, replayed through `Engine.handle`: each command does what was written.
@Suite("Trial findings through the engine")
struct TrialFindingsScenarioTests {
    @Test("slash commands in a group and bare words are answered in Chinese")
    func chineseFirst() throws {
        let h = try Session()
        try h.login(["S001", "T001"])
        try h.say("承诺 教学之星 上好精品课", as: "T001")
        let stats = try h.say("/stats@cxzy_bot", as: "S001", inGroup: staffRoom)
        #expect(!stats.contains("Statistics") && stats.contains("统计"), "\(stats)")
        let me = try h.say("/me", as: "T001")
        #expect(me.contains("李明老师的进度") && !me.contains("Progress of"), "\(me)")
        for text in ["ok", "hi", "V-0001"] {
            let reply = try h.say(text, as: "T001")
            #expect(!reply.contains("I don't know") && reply.contains("命令"), "\(text): \(reply)")
        }
        let english = try h.say("/stats branch", as: "S001")
        #expect(english.contains("Statistics"), "\(english)")
    }

    @Test("申报德育之星：… stores the pledge without the colon")
    func pledgeColon() throws {
        let h = try Session()
        try h.login(["T002"])
        let reply = try h.say("申报德育之星：写一篇经验论文", as: "T002")
        #expect(reply.contains("德育之星——写一篇经验论文") && !reply.contains("：："), "\(reply)")
        #expect(h.state.pledges.first?.text == "写一篇经验论文")
    }

    @Test("我的家访 suggests correcting one of the asker's own visits")
    func myVisitsFooterOwnID() throws {
        let h = try Session()
        try h.login(["T001", "T002"])
        try h.say("家访 10月2日 王同学 上门", as: "T002")
        try h.say("家访 10月3日 李同学 电话", as: "T001")
        let reply = try h.say("我的家访", as: "T001")
        #expect(reply.contains("修改 V-0002") && !reply.contains("V-0001"), "\(reply)")
    }

    @Test("经验论文 as the answer to which star a plain 论文 counts for submits it")
    func paperKindAnswered() throws {
        let h = try Session()
        try h.login("T002")
        try h.say("承诺 德育之星 做学生的知心人", as: "T002")
        try h.say("承诺 科学之星 写一篇论文", as: "T002")
        let ask = try h.say("提交 论文 《初中英语阅读教学研究》", as: "T002")
        #expect(ask.contains("直接回复“科研论文”或“经验论文”即可"), "\(ask)")
        let moral = try h.say("经验论文", as: "T002")
        #expect(moral.contains("W-0001：论文《初中英语阅读教学研究》") && moral.contains("德育之星：经验论文或总结 ✓"), "\(moral)")
        try h.say("提交 论文 《初中英语写作教学研究》", as: "T002")
        let research = try h.say("科研论文", as: "T002")
        #expect(research.contains("W-0002：科研论文") && research.contains("科学之星：科研论文或科研课题 ✓"), "\(research)")
        #expect(h.state.works.map(\.kind) == [.paper, .researchPaper])
    }
}
