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
}
