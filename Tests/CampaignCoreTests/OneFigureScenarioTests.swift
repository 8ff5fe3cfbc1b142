import CampaignCore
import CampaignIntents
import CampaignReport
import Foundation
import Testing
import TestSupport

/// The school's complaint, replayed: at 2012-11-08 the admin read `统计 英语支部` say 示范课 1/1, the report 5/5,
/// `未完成 示范课` list 孙悦（L-0009 11月3日 待确认）1/5, `未完成` say nobody owed anything while `未完成 教学之星`
/// listed four, and `cxzy report --phase 2` show a 评议 round of 2012. Now each figure has one meaning and every answer
/// gives it. A roster like the demo one, with an 英语支部 of eight (five frontline Party members).
@Suite("One figure everywhere")
struct OneFigureScenarioTests {
    static let roster = """
        工号,姓名,角色,支部,党员,权限,telegram,matrix
        A001,周建国,行政,党总支,是,管理员,,
        S001,陈雅琴,一线、班主任,语文支部,是,书记,,
        T001,李明,一线,语文支部,是,教师,,
        T002,王芳,一线、班主任,语文支部,是,教师,,
        S004,林静,一线、班主任,英语支部,是,书记,,
        E001,孙悦,一线,英语支部,是,教师,,
        E002,高翔,一线、班主任,英语支部,是,教师,,
        E003,何敏,一线,英语支部,是,教师,,
        E004,罗琳,一线,英语支部,是,教师,,
        E005,宋洁,一线,英语支部,否,教师,,
        E006,唐军,行政,英语支部,否,教师,,
        E007,许佳,一线、班主任,英语支部,否,教师,,

        """
    static let everyone = [
        "A001", "S001", "T001", "T002", "S004", "E001", "E002", "E003", "E004", "E005", "E006", "E007",
    ]

    /// The campaign as the school lived it, up to 2012-11-08.
    static func school() throws -> Session {
        let h = try Session(now: "2010-07-05T09:00:00+08:00", roster: roster, evaluationMinRaters: 3)
        try h.login(everyone)
        for (who, star) in [
            ("S001", "德育之星"), ("T001", "教学之星"), ("T002", "德育之星"), ("S004", "教学之星"), ("E001", "教学之星"),
            ("E002", "德育之星"), ("E003", "教学之星"), ("E004", "教学之星"), ("E005", "教学之星"), ("E006", "德育之星"),
            ("E007", "科学之星"),
        ] {
            #expect(try h.say("承诺 \(star) 做好本职，完成\(star)的各项要求", as: who).contains("已登记承诺"))
        }
        // Phase 2: the lessons. 语文支部's three, then 英语支部's; one is cancelled and booked again.
        try h.advance(to: "2010-09-20T09:00:00+08:00")
        let bookings = [
            ("S001", "2010-09-27 第1节 高一(1)班 荷塘月色"), ("T001", "2010-09-28 第2节 高一(2)班 祝福"),
            ("T002", "2010-09-29 第3节 高一(3)班 雷雨"), ("S004", "2010-10-11 第1节 高二(1)班 Unit 1 Reading"),
            ("E002", "2010-10-12 第2节 高二(2)班 Unit 2 Writing"), ("E003", "2010-10-13 第3节 高二(3)班 Unit 3 Listening"),
            ("E004", "2010-10-14 第4节 高二(4)班 Unit 4 Grammar"), ("E004", "2010-10-15 第4节 高二(4)班 Unit 4 Grammar"),
            ("E001", "2010-11-03 第2节 高二(5)班 Unit 5 Culture"),
        ]
        for (i, (who, what)) in bookings.enumerated() {
            if i == 7 { #expect(try h.say("取消示范课 L-0007", as: "E004").contains("已取消示范课 L-0007")) }
            #expect(try h.say("预约示范课 " + what, as: who).contains("已预约示范课 L-000\(i + 1)"), "\(who) \(what)")
        }
        try h.advance(to: "2010-11-05T09:00:00+08:00")
        for (id, who) in [("L-0001", "S001"), ("L-0002", "T001"), ("L-0003", "T002"), ("L-0004", "S004")] {
            #expect(try h.say("确认示范课 \(id) 已上", as: who).contains("已确认示范课 \(id) 已上"))
        }
        // The secretary confirms two of her branch's; 孙悦's L-0009 (11月3日) is never confirmed.
        for id in ["L-0005", "L-0006", "L-0008"] {
            #expect(try h.say("确认示范课 \(id) 已上", as: "S004").contains("已上"))
        }
        // Work and visits: 林静 completes 教学之星; 高翔 and 唐军 their 德育之星; four teaching stars stay incomplete.
        try h.say("提交 精品课 《阅读课的提问设计》", as: "S004")
        try h.say("提交 教学案例 《Unit 1 阅读课》教学案例", as: "S004")
        for who in ["E002", "E006"] {
            try h.say("提交 经验论文 《班级管理点滴》", as: who)
            try h.say("提交 班会 《感恩父母》主题班会", as: who)
        }
        try h.say("提交 精品课 《听说课》", as: "E003")
        try h.advance(to: "2011-01-30T10:00:00+08:00")  // the winter vacation
        try h.say("家访 2011-01-29 小周 上门", as: "E002")
        try h.say("家访 2011-01-30 小吴 电话", as: "E006")
        try h.say("家访 2011-01-30 小郑 上门", as: "E007")
        // Phase 3: 对标定位 by two members.
        try h.advance(to: "2011-09-15T10:00:00+08:00")
        for who in ["S004", "E002"] {
            #expect(try h.say("对标 榜样：王老师（省级骨干） 差距：课堂评价单一 措施：每月听两节课", as: who).contains("已登记"))
        }
        // Phase 4: a 评议 round opened 2012-09-03, closed with results.
        try h.advance(to: "2012-09-03T09:00:00+08:00")
        #expect(try h.say("评议 开始 年度党员评议 截止 9月28日 按支部", as: "A001").contains("已开始"))
        for rater in ["S004", "E001", "E002", "E003", "E004", "E005", "E006", "E007"] {
            var reply = try h.say("评议", as: rater)
            while reply.contains("请评价") { reply = try h.say("优秀", as: rater) }
            if reply.contains("回复“提交”计入") { _ = try h.say("提交", as: rater) }
        }
        try h.advance(to: "2012-09-20T09:00:00+08:00")
        #expect(try h.say("评议 结束", as: "A001").contains("已结束"))
        try h.advance(to: "2012-11-08T09:00:00+08:00")
        return h
    }

    static let day = CalendarDate(year: 2012, month: 11, day: 8) ?? CalendarDate(dayNumber: 0)

    @Test("at 2012-11-08: 统计, the report, 未完成 示范课 and 未完成 give the English branch's lessons as 4/5, one 待确认")
    func lessonsOneFigure() throws {
        let h = try Self.school()
        let stats = try h.say("统计 英语支部", as: "A001")
        let english = try #require(AnswerReading.branchStats(stats)["英语支部"], "\(stats)")
        #expect(english.people == 8 && english.held == 4 && english.teachers == 5 && english.awaiting == 1, "\(stats)")
        #expect(stats.contains("示范课已上 4/5（待确认 1）"), "\(stats)")

        let html = try CampaignReport.html(state: h.state, campaign: .builtIn, today: Self.day)
        let row = try #require(AnswerReading.tableRows(html, className: "branches").first { $0.first == "英语支部" })
        #expect(row[6] == "4/5" && row[7] == "1", "the report's 示范课已上 and 待确认: \(row)")
        let lessons = try #require(
            AnswerReading.tableRows(html, className: "lesson-branches").first { $0.first == "英语支部" })
        #expect(lessons.prefix(4) == ["英语支部", "5", "4", "1"], "\(lessons)")
        #expect(html.contains("待确认"))

        let missing = try h.say("未完成 示范课", as: "A001")
        #expect(missing.contains("孙悦（L-0009 11月3日 待确认，已截止）"), "\(missing)")
        let heading = try #require(AnswerReading.missingHeading(try h.say("未完成 示范课 英语支部", as: "A001")))
        #expect(heading == .init(rows: 1, applies: 5), "1 of the 5 has not taught (待确认)")
        let digest = try h.say("未完成 英语支部", as: "A001")
        #expect(digest.contains("· 孙悦：党员示范课 L-0009 11月3日 待确认（已截止）"), "\(digest)")
    }

    @Test("at 2012-11-08: 未完成 and 未完成 教学之星 name the same four, after the campaign as during it")
    func missingOneList() throws {
        let h = try Self.school()
        let teaching = try h.say("未完成 教学之星 英语支部", as: "A001")
        let names = AnswerReading.missingNames(teaching)
        #expect(Set(names.keys) == ["孙悦", "何敏", "罗琳", "宋洁"], "\(teaching)")
        let digest = try h.say("未完成 英语支部", as: "A001")
        #expect(!digest.contains("都没有待办"), "\(digest)")
        #expect(digest.contains("活动已于2012年11月7日结束"), "\(digest)")
        let lines = AnswerReading.digest(digest).lines
        for name in names.keys {
            #expect(lines[name]?.contains("教学之星还缺") == true, "\(name): \(digest)")
        }
        #expect(AnswerReading.digest(digest).people == 8)
        // The secretary's own 未完成 is the same list.
        #expect(
            try h.say("未完成", as: "S004").components(separatedBy: "\n").dropFirst()
                == digest.components(separatedBy: "\n").dropFirst())
    }

    @Test("the report of phase 2 is phase 2's: no 2012 评议 round, no later records; its figures are 统计's on 2011-06-30")
    func phaseTwoReport() throws {
        let h = try Self.school()
        let extras = ReportExtras.from(state: h.state, phase: 2, evaluationMinRaters: 3, load: { _ in Data() })
        #expect(extras.evaluations.contains { $0.title.contains("年度党员评议") }, "the round has released results")
        let phase2 = try CampaignReport.html(
            state: h.state, campaign: .builtIn, today: Self.day, phase: 2, extras: extras)
        #expect(!phase2.contains("年度党员评议") && !phase2.contains("评议结果"), "a round opened after phase 2")
        #expect(phase2.contains("截至2011年6月30日"))
        #expect(!phase2.contains("对标定位</h2>"), "对标 belongs to phase 3")
        let all = try CampaignReport.html(
            state: h.state, campaign: .builtIn, today: Self.day,
            extras: ReportExtras.from(state: h.state, phase: nil, evaluationMinRaters: 3, load: { _ in Data() }))
        #expect(all.contains("年度党员评议"), "the whole campaign's report shows it")
        let phase4 = try CampaignReport.html(
            state: h.state, campaign: .builtIn, today: Self.day, phase: 4,
            extras: ReportExtras.from(state: h.state, phase: 4, evaluationMinRaters: 3, load: { _ in Data() }))
        #expect(phase4.contains("年度党员评议"), "phase 4's report shows its round")

        // The branch table of phase 2 is 统计 on its last day.
        let stats = AnswerReading.branchStats(
            Reports(campaign: .builtIn, state: h.state, today: try #require(CalendarDate(iso: "2011-06-30"))).stats(
                by: .branch, branch: nil))
        let row = try #require(AnswerReading.tableRows(phase2, className: "branches").first { $0.first == "英语支部" })
        let english = try #require(stats["英语支部"])
        #expect(row[2] == "\(english.pledged)" && row[6] == "\(english.held)/\(english.teachers)")
        #expect(row[8] == "\(english.visits)（\(english.holidayVisits)）", "the winter visits, not later ones")
        #expect(english.held == 4 && english.awaiting == 1)
    }

    @Test("phase 3's report has its 对标定位: two written, not 0/0/0")
    func phaseThreeBenchmarks() throws {
        let h = try Self.school()
        let extras = ReportExtras.from(state: h.state, phase: 3, evaluationMinRaters: 3, load: { _ in Data() })
        let html = try CampaignReport.html(
            state: h.state, campaign: .builtIn, today: Self.day, phase: 3, extras: extras)
        #expect(html.contains("、对标定位</h2>"), "the section is there")
        #expect(!html.contains("年度党员评议"), "the round of phase 4 is not phase 3's")
        let english = try #require(
            AnswerReading.tableRows(html, className: "benchmarks-by-branch").first { $0.first == "英语支部" })
        #expect(english == ["英语支部", "5", "2", "40%"], "\(english)")
        #expect(AnswerReading.tableRows(html, className: "benchmarks fixed").count == 2)
        let phases = AnswerReading.reportPhases(html)
        #expect(phases[3]?.contains("对标定位 2 份（党员 9 人）") == true, "\(phases)")
        #expect(try h.say("统计 阶段", as: "A001").contains("对标 2"))
    }

    @Test("every figure agrees on the school's whole history, and in each phase")
    func everythingAgrees() throws {
        let h = try Self.school()
        if ProcessInfo.processInfo.environment["CXZY_AGREEMENT_VERBOSE"] != nil {
            for text in ["统计", "统计 三星", "统计 阶段", "未完成", "未完成 示范课", "未完成 家访", "未完成 教学之星", "未完成 对标"] {
                print("» \(text)\n" + (try h.say(text, as: "A001")) + "\n")
            }
            for who in ["E001", "E002", "T001"] { print("» 我的进度 \(who)\n" + (try h.say("我的进度", as: who)) + "\n") }
        }
        try Agreement(state: h.state, campaign: .builtIn, today: Self.day, context: "the school").checkAll()
    }

    @Test("我的进度: the next deadline is a real one (pledge deadline, phase end, own lesson); 教师节 is a node")
    func nextDeadline() throws {
        let h = try Session(now: "2010-08-20T09:00:00+08:00", roster: Self.roster)
        try h.login(["E001", "E005"])
        let none = try h.say("我的进度", as: "E005")
        #expect(none.contains("下一个节点：教师节 2010年9月10日"), "\(none)")
        #expect(none.contains("下一个截止：第二阶段结束 2011年6月30日"), "\(none)")
        #expect(!none.contains("下一个截止：教师节"), "\(none)")
        try h.say("承诺 教学之星 上好精品课", as: "E001")
        try h.say("预约示范课 2010-09-06 第2节 高二(5)班 Unit 5", as: "E001")
        let booked = try h.say("我的进度", as: "E001")
        #expect(booked.contains("下一个截止：您的示范课 L-0001 2010年9月6日（还有 17 天）"), "\(booked)")
        #expect(!booked.contains("下一个节点"), "教师节 comes after the lesson: \(booked)")
        try h.advance(to: "2010-09-08T09:00:00+08:00")
        let awaiting = try h.say("我的进度", as: "E001")
        #expect(awaiting.contains("（待确认）") && awaiting.contains("确认示范课 L-0001 已上"), "\(awaiting)")
        #expect(awaiting.contains("下一个节点：教师节 2010年9月10日（还有 2 天）"), "\(awaiting)")
        #expect(awaiting.contains("下一个截止：第二阶段结束"), "\(awaiting)")
    }
}
