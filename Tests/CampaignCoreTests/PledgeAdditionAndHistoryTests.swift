import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// 修改已留档 — and people can see it: adding to a pledge keeps what it said, 历史 shows it.
@Suite("Pledge additions and record history")
struct PledgeAdditionAndHistoryTests {
    @Test("承诺 教学之星 再加一条：… adds to the pledge, and 历史 shows what it said before")
    func addToPledge() throws {
        let h = try Session()
        try h.login(["T001", "T002", "A001"])
        try h.say("承诺 教学之星 上好一堂精品课", as: "T001")
        let added = try h.say("承诺 教学之星 再加一条：写一篇教学案例", as: "T001")
        #expect(added.contains("补充：写一篇教学案例") && added.contains("现在的承诺：上好一堂精品课；写一篇教学案例"), "\(added)")
        #expect(h.state.pledges.first?.text == "上好一堂精品课；写一篇教学案例")
        let history = try h.say("历史 P-0001", as: "T001")
        #expect(history.contains("李明（T001）补充") && history.contains("之前：承诺 P-0001：教学之星——上好一堂精品课"), "\(history)")
        #expect(history.contains("现在：承诺 P-0001：教学之星——上好一堂精品课；写一篇教学案例"), "\(history)")
        // Another teacher may not see it; an admin may.
        #expect(try h.say("历史 P-0001", as: "T002").contains("不是您的记录"))
        #expect(try h.say("历史 P-0001", as: "A001").contains("P-0001 的修改历史（共 1 次）"))
    }

    @Test("a visit's history shows its earlier student only in private")
    func visitHistoryPrivate() throws {
        let h = try Session()
        let teacher = try h.login("T002")
        try h.say("家访 10月2日 王小明 上门 了解学习情况", as: "T002")
        try h.say("修改 V-0001 学生:李小红", as: "T002")
        let sent = try h.send("@cxzy_bot 历史 V-0001", from: teacher, inGroup: staffRoom)
        let group = sent.filter { $0.to == staffRoom }.map(\.text).joined()
        #expect(group.contains("V-0001 的修改历史") && !group.contains("王小明") && !group.contains("李小红"), "\(group)")
        let direct = sent.filter { $0.to != staffRoom }.map(\.text).joined()
        #expect(direct.contains("王小明"), "\(direct)")
    }

    @Test("导出 lists withdrawn records as 已撤销 with whose they were, and every record's corrections")
    func exportKeepsHistory() throws {
        let h = try Session()
        try h.login(["T001", "A001"])
        try h.say("承诺 教学之星 上好一堂精品课", as: "T001")
        try h.say("提交 精品课 函数复习", as: "T001")
        try h.say("家访 10月2日 王小明 上门 了解学习情况", as: "T001")
        try h.say("修改 W-0001 标题:函数的单调性", as: "T001")
        try h.say("撤销 V-0001", as: "A001")
        let csv = PrivateReader.forServerOperator {
            Export.csv(
                state: h.state, what: .all,
                query: CampaignQuery(state: h.state, campaign: .builtIn, asOf: CampaignTime.local(h.now).date),
                reader: $0)
        }
        let rows = AnswerReading.csvRecords(csv)
        let visit = try #require(rows.first { $0["编号"] == "V-0001" }, "\(csv)")
        #expect(visit["状态"] == "已撤销" && visit["工号"] == "T001" && visit["姓名"] == "李明", "\(visit)")
        #expect(visit["学生"]?.hasPrefix("王小明") == true && visit["修改记录"]?.contains("A001 撤销；之前：") == true, "\(visit)")
        let work = try #require(rows.first { $0["编号"] == "W-0001" })
        #expect(work["内容"] == "函数的单调性" && work["修改记录"]?.contains("T001 修改；之前：") == true, "\(work)")
        #expect(work["修改记录"]?.contains("函数复习") == true, "\(work)")
        #expect(rows.first { $0["编号"] == "P-0001" }?["修改记录"] == "")
    }
}
