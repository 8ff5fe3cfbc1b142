import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// 表彰 does what was written: a named phase, the reason alone, and 通知全校 wherever it stands.
@Suite("表彰 as written")
struct AwardAsWrittenScenarioTests {
    @Test("表彰 names the phase, keeps the reason apart and announces when 通知全校 stands after it")
    func awardAsWritten() throws {
        let h = try Session()
        try h.login(["A001", "S001", "T002"])
        try h.say("承诺 科学之星 完成一项区级课题", as: "T002")
        try h.say("提交 科研论文 《高中语文阅读教学研究》", as: "T002")
        try h.advance(to: "2011-07-07T10:00:00+08:00")
        let asked = try h.say("表彰 T002 科学之星 第2阶段 理由：论文获市一等奖 通知全校", as: "A001")
        #expect(asked.contains("符合表彰条件"), "\(asked)")
        let done = try h.send("确认", from: .of("A001"))
        let award = try #require(h.state.awards.first)
        #expect(award.phase == 2 && award.reason == "论文获市一等奖" && award.announced, "\(award)")
        #expect(done.contains { $0.text.contains("第2阶段科学之星先进典型") }, "\(done.map(\.text))")

        // A phase to come is refused, saying which may be named.
        let future = try h.say("表彰 T002 科学之星 第4阶段", as: "A001")
        #expect(future.contains("没有第4阶段可表彰") && future.contains("第3阶段"), "\(future)")
    }

    @Test("a secretary's 通知全校 is passed on to the admins, not dropped")
    func secretaryAnnounceRequest() throws {
        let h = try Session()
        try h.login(["A001", "S001", "T002"])
        try h.say("承诺 科学之星 完成一项区级课题", as: "T002")
        try h.say("提交 科研论文 《高中语文阅读教学研究》", as: "T002")
        try h.say("表彰 T002 科学之星 理由：论文获市一等奖 通知全校", as: "S001")
        let sent = try h.send("确认", from: .of("S001"))
        #expect(sent.contains { $0.kind == .reply && $0.text.contains("已转告管理员您希望通知全校") }, "\(sent.map(\.text))")
        #expect(sent.contains { $0.staffID == "A001" && $0.text.contains("表彰 确认 A-0001 通知全校") })
        #expect(h.state.awards.first?.reason == "论文获市一等奖")
    }
}
