import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Logging
import Testing
import TestSupport

/// Star credit, demo-lesson rules and reminders through the production dispatcher (and the production scheduler),
/// with the inputs a school's trial quoted. Demo roster (see `DemoRoster`); in `frontlineRoster` T007 冯涛 is a frontline teacher, as in that trial.
@Suite("stars, demo lessons and reminders through the dispatcher")
struct TrustedRulesScenarioTests {
    static let frontlineRoster = DemoRoster.csv.replacingOccurrences(of: "T007,冯涛,行政", with: "T007,冯涛,一线")

    @Test("item 3: 一线 T007 pledges 科学之星 and submits a plain 论文: it counts toward 科学之星")
    func paperCountsForResearch() async throws {
        try await Harness.with(now: "2010-10-11T09:00:00+08:00", roster: Self.frontlineRoster) { h in
            try await h.login("T007")
            #expect(try await h.say("承诺 科学之星 写一篇论文", as: "T007").contains("已登记承诺 P-0001"))
            let submitted = try await h.say("提交 论文 《初中英语阅读教学研究》", as: "T007")
            #expect(submitted.contains("科学之星：科研论文或科研课题 ✓ —— 已全部完成！"), "\(submitted)")
            #expect(!submitted.contains("计入德育之星") && !submitted.contains("您尚未申报"))
            let progress = try await h.say("我的进度", as: "T007")
            #expect(progress.contains("科学之星（P-0001）已完成 ✓"), "\(progress)")
            // Someone who pledged both stars is asked which, with the exact commands; the chosen one is stored.
            try await h.login("T002")
            try await h.say("承诺 德育之星 做学生的知心人", as: "T002")
            try await h.say("承诺 科学之星 写一篇论文", as: "T002")
            let ask = try await h.say("提交 论文 《初中英语阅读教学研究》", as: "T002")
            #expect(ask.contains("提交 科研论文 《初中英语阅读教学研究》") && ask.contains("提交 经验论文 《初中英语阅读教学研究》"), "\(ask)")
            #expect(await h.state.works.count == 1)
            let chosen = try await h.say("提交 经验论文 《初中英语阅读教学研究》", as: "T002")
            #expect(chosen.contains("W-0002") && chosen.contains("德育之星：经验论文或总结 ✓"), "\(chosen)")
        }
    }

    @Test(
        "item 4: holidays refused, make-up workdays accepted, holiday visits, clashes, the school-wide round and its withdrawal"
    )
    func demoLessonRules() async throws {
        try await Harness.with(now: "2010-09-13T09:00:00+08:00") { h in
            for id in ["T001", "T002", "T004", "S001", "S002", "A001"] { try await h.login(id) }
            let national = try await h.say("预约示范课 10月5日 第3节 高二(3)班", as: "T001")
            #expect(
                national.contains("是国庆节") && national.contains("学校不上课") && national.contains("请另选上课日"), "\(national)")
            let workday = try await h.say("预约示范课 9月19日 第3节 高二(3)班 荷塘月色", as: "T001")
            #expect(workday.contains("已预约示范课 L-0001") && workday.contains("调休上班日"), "\(workday)")
            let sameBranch = try await h.say("预约示范课 9月19日 第3节 高一(1)班", as: "T002")
            #expect(sameBranch.contains("语文支部已有示范课 L-0001（李明）"), "\(sameBranch)")
            #expect(try await h.say("预约示范课 9月26日 第2节 高一(2)班", as: "T004").contains("L-0002"))
            #expect(try await h.say("预约示范课 9月20日 第2节 高一(1)班", as: "T002").contains("L-0003"))

            // Nominated but not yet taught: not yet.
            try await h.say("推荐 L-0001", as: "S001")
            let early = try await h.say("预约示范课 10月12日 第1节 高三(1)班 数列 全校", as: "T001")
            #expect(early.contains("上完并确认后再预约全校展示"), "\(early)")

            // After the lessons (a home visit in the National Day holiday on the way).
            try h.advance(to: "2010-10-08T09:00:00+08:00")
            let visit = try await h.say("家访 10月3日 王同学 上门", as: "T002")
            #expect(visit.contains("节假日：国庆节") && !visit.contains("不是节假日"), "\(visit)")
            #expect(try await h.say("预约示范课 10月12日 第1节 高三(1)班 数列 全校", as: "T001").contains("还待确认"))
            try await h.say("确认示范课 L-0001 已上", as: "T001")
            let school = try await h.say("预约示范课 10月12日 第1节 高三(1)班 数列 全校", as: "T001")
            #expect(school.contains("已预约示范课 L-0004") && school.contains("全校"), "\(school)")
            try await h.say("推荐 L-0002", as: "S002")
            try await h.say("确认示范课 L-0002 已上", as: "T004")
            let clash = try await h.say("预约示范课 10月12日 第1节 高三(2)班 数列 全校", as: "T004")
            #expect(clash.contains("全校已有示范课 L-0004（李明）"), "\(clash)")

            // Re-nominating: 李明's nomination and his school-wide lesson are withdrawn, and he is told.
            let renominated = try await h.send("推荐 L-0003", from: .of("S001"))
            #expect(renominated.first { $0.kind == .reply }?.text.contains("原推荐 L-0001 已撤销（李明") == true)
            #expect(
                renominated.contains {
                    $0.kind == .notice && $0.to == FakeUser.of("T001").chat && $0.text.contains("推荐已改为 L-0003")
                })
            #expect(await h.state.lesson("L-0004")?.isActive == false)

            // Cancelling 王芳's group lesson withdraws her school-wide one.
            try await h.say("确认示范课 L-0003 已上", as: "S001")
            #expect(try await h.say("预约示范课 10月13日 第2节 高三(1)班 数列 全校", as: "T002").contains("L-0005"))
            let cancelled = try await h.send("取消示范课 L-0003", from: .of("A001"))
            #expect(cancelled.first { $0.kind == .reply }?.text.contains("全校示范课 L-0005") == true)
            #expect(
                cancelled.contains {
                    $0.kind == .notice && $0.to == FakeUser.of("T002").chat && $0.text.contains("L-0005")
                        && $0.text.contains("已撤销")
                })
            #expect(await h.state.lesson("L-0005")?.isActive == false)
        }
    }

    @Test(
        "item 8: starting at 2010-06-29T07:59:30, 第一阶段结束就在明天 goes out once, not again at 08:00; no lesson talk in phase 1"
    )
    func remindersOncePerDay() async throws {
        try await Harness.with(now: "2010-06-29T07:59:30+08:00") { h in
            for id in ["T001", "T003", "T007"] { try await h.login(id) }
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let scheduler = ReminderScheduler(
                dispatcher: h.bot.dispatcher, campaign: h.campaign, clock: h.clock, logger: logger)
            try await scheduler.tick()
            try h.advance(to: "2010-06-29T08:00:00+08:00")
            try await scheduler.tick()
            try h.advance(to: "2010-06-29T16:00:00+08:00")
            try await scheduler.tick()
            let reminders = await h.state.outbox.filter { $0.kind == .reminder }
            for id in ["T001", "T003", "T007"] {
                let phaseEnd = reminders.filter { $0.staffID == id && $0.text.contains("第一阶段结束") }
                #expect(phaseEnd.count == 1, "\(id): \(phaseEnd.map(\.text))")
                #expect(phaseEnd.first?.text.contains("第一阶段结束就在明天") == true)
            }
            #expect(
                reminders.allSatisfy { !$0.text.contains("示范课") && !$0.text.contains("还有 0 天") },
                "\(reminders.map(\.text))")
        }
    }

    @Test("item 8: after the campaign every recording command answers the same way")
    func afterTheCampaign() async throws {
        try await Harness.with(now: "2012-11-08T09:00:00+08:00") { h in
            for id in ["T001", "S001"] { try await h.login(id) }
            var answers: Set<String> = []
            for (id, text) in [
                ("T001", "承诺 科学之星 写一篇论文"), ("T001", "预约示范课 11月20日 第3节 高二(3)班"),
                ("T001", "家访 昨天 王同学 上门"), ("T001", "提交 论文 《古诗词教学研究》"), ("S001", "推荐 L-0001"),
            ] {
                answers.insert(try await h.say(text, as: id))
            }
            #expect(answers.count == 1, "\(answers)")
            #expect(answers.first?.contains("已于2012年11月7日结束") == true && answers.first?.contains("联系党总支管理员") == true)
        }
    }
}
