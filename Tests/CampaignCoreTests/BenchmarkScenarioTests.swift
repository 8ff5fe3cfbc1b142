import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// 对标定位 through the engine, on the demo roster: T001 李明, T002 王芳 (语文, Party members), T003 张伟 (not a
/// member), T004 赵磊 (数学), secretaries S001 (语文) and S002 (数学), admin A001.
@Suite("对标定位 (phase 3)")
struct BenchmarkScenarioTests {
    static let full = "对标 榜样：李老师（市级优秀教师） 差距：课堂提问设计不够 措施：每月听两节课"

    @Test("before phase 3 it is not open yet; in phase 3 it is recorded, revised with history, and shown")
    func recordAndRevise() throws {
        let h = try Session()
        try h.login(["T001", "T003"])
        let early = try h.say(Self.full, as: "T001")
        #expect(early.contains("尚未开始") && early.contains("2011年7月1日起可以填写"), "\(early)")
        #expect(h.state.benchmarks.isEmpty)

        try h.advance(to: "2011-09-01T10:00:00+08:00")
        let recorded = try h.say(Self.full, as: "T001")
        #expect(recorded.contains("已登记您的对标定位 B-0001") && recorded.contains("榜样：李老师（市级优秀教师）"), "\(recorded)")
        // Sloppy: full-width spaces and colons, a synonym label, only the part that changes.
        let revised = try h.say("对标　举措：　每周听一节课，写听课反思", as: "T001")
        #expect(revised.contains("已更新您的对标定位 B-0001") && revised.contains("原内容已留档"), "\(revised)")
        let entry = try #require(h.state.benchmark(of: "T001", phase: 3))
        #expect(entry.id == "B-0001" && entry.model == "李老师（市级优秀教师）" && entry.steps == "每周听一节课，写听课反思")
        #expect(h.state.benchmarks.count == 1)
        let history = try #require(h.state.history["B-0001"])
        #expect(history.count == 1 && history[0].action == "修改" && history[0].before.contains("每月听两节课"))

        let shown = try h.say("对标", as: "T001")
        #expect(shown.contains("B-0001") && shown.contains("每周听一节课"), "\(shown)")
        let progress = try h.say("我的进度", as: "T001")
        #expect(progress.contains("对标定位：B-0001") && progress.contains("措施：每周听一节课"), "\(progress)")

        let notMember = try h.say(Self.full, as: "T003")
        #expect(notMember.contains("对标定位是党员的任务") && notMember.contains("联系党总支管理员"), "\(notMember)")

        try h.advance(to: "2012-07-05T10:00:00+08:00")
        let late = try h.say("对标 措施：每天听课", as: "T001")
        #expect(late.contains("已于2012年6月30日结束") && late.contains("发送“对标”可查看"), "\(late)")
        #expect(h.state.benchmark(of: "T001", phase: 3)?.steps == "每周听一节课，写听课反思")
    }

    @Test("a missing part is asked for, and the answers complete the entry")
    func asksForMissingParts() throws {
        let h = try Session(now: "2011-09-01T10:00:00+08:00")
        try h.login("T002")
        let first = try h.say("对标 榜样:李老师", as: "T002")
        #expect(first.contains("差距或不足是什么") && first.contains("取消"), "\(first)")
        let second = try h.say("课堂提问设计不够", as: "T002")
        #expect(second.contains("采取哪些措施"), "\(second)")
        let done = try h.say("每月听两节课", as: "T002")
        #expect(done.contains("已登记您的对标定位"), "\(done)")
        let entry = try #require(h.state.benchmark(of: "T002", phase: 3))
        #expect(entry.model == "李老师" && entry.gaps == "课堂提问设计不够" && entry.steps == "每月听两节课")
        #expect(h.state.pending.isEmpty)
    }

    @Test("progress names the duty, the missing list shows who has none (secretaries: their branch), reminders name it")
    func missingAndReminders() throws {
        let h = try Session(now: "2011-09-01T10:00:00+08:00")
        try h.login(["A001", "S002", "T001", "T004"])
        try h.say(Self.full, as: "T001")
        let progress = try h.say("我的进度", as: "T004")
        #expect(progress.contains("对标定位：尚未填写（截止2012年6月30日）"), "\(progress)")

        let school = try h.say("未完成 对标", as: "A001")
        #expect(school.contains("对标定位未填写") && school.contains("赵磊") && !school.contains("李明"), "\(school)")
        #expect(!school.contains("张伟") && !school.contains("吴静"), "only Party members owe it: \(school)")
        let branch = try h.say("未完成 对标", as: "S002")
        #expect(branch.contains("赵磊") && !branch.contains("王芳"), "\(branch)")
        let other = try h.say("未完成 对标 语文支部", as: "S002")
        #expect(other.contains("只能查看或通知本支部"), "\(other)")
        let teacher = try h.say("未完成 对标", as: "T001")
        #expect(teacher.contains("只对支部书记和管理员开放"), "\(teacher)")

        let planner = ReminderPlanner(campaign: .builtIn)
        let from = try #require(CampaignTime.parse("2012-06-01T00:00:00+08:00"))
        let to = try #require(CampaignTime.parse("2012-06-30T00:00:00+08:00"))
        let plan = planner.plan(state: h.state, from: from, to: to).filter { $0.milestone == "phase-3-end" }
        let zhao = plan.filter { $0.recipient == "T004" }
        #expect(!zhao.isEmpty && zhao.allSatisfy { $0.text.contains("对标定位尚未填写") })
        #expect(plan.filter { $0.recipient == "T001" }.allSatisfy { !$0.text.contains("对标定位尚未填写") })
        #expect(plan.filter { $0.recipient == "T003" }.allSatisfy { !$0.text.contains("对标定位尚未填写") })
    }

    @Test("the benchmarks export with their own columns")
    func export() throws {
        let h = try Session(now: "2011-09-01T10:00:00+08:00")
        try h.login(["A001", "T001"])
        try h.say(Self.full, as: "T001")
        let csv = Export.csv(state: h.state, what: .benchmarks)
        #expect(csv.hasPrefix("\u{FEFF}编号,阶段,工号,姓名,支部,榜样,差距,措施"))
        #expect(csv.contains("B-0001,3,T001,李明,语文支部,李老师（市级优秀教师）,课堂提问设计不够,每月听两节课"))
        #expect(Export.jsonLines(state: h.state, what: .benchmarks).contains(#""id":"B-0001","phase":3"#))
        let files = try h.send("导出", from: .of("A001")).compactMap(\.attachment)
        #expect(files.contains { $0.fileName.hasPrefix("cxzy-benchmarks-") && $0.content.contains("B-0001") })
    }
}
