import CampaignCore
import CampaignIntents
import CampaignReport
import Foundation
import Testing
import TestSupport

/// 评议 rules on the demo roster: 语文支部 has Party members S001 (secretary), T001, T002 and 群众 T003.
@Suite("评议 rules")
struct EvaluationRuleTests {
    static let everyone = [
        "A001", "S001", "T001", "T002", "T003", "S002", "T004", "T005", "T006", "S003", "T007", "T008",
    ]

    func session(minRaters: Int = 5) throws -> Session {
        let s = try Session(now: "2010-06-28T09:00:00+08:00", evaluationMinRaters: minRaters)
        try s.login(Self.everyone)
        return s
    }

    /// Rates every question of `rater`'s ballot with `answer`.
    func rateAll(_ s: Session, _ rater: String, _ answer: String) throws -> String {
        var reply = try s.say("评议", as: rater)
        while reply.contains("请评价") { reply = try s.say(answer, as: rater) }
        return reply.contains("回复“提交”计入") ? try s.say("提交", as: rater) : reply
    }

    @Test("only admins open and close rounds; teachers and secretaries are told why, with what they can do")
    func permissions() throws {
        let s = try session()
        #expect(try s.say("评议 开始 党员评议 截止 7月10日", as: "T001").contains("只有党总支管理员可以开始"))
        #expect(try s.say("评议 开始 党员评议 截止 7月10日", as: "S002").contains("只有党总支管理员可以开始"))
        #expect(try s.say("评议", as: "T001").contains("目前没有进行中的评议"))
        #expect(try s.say("评议 开始 党员评议 截止 7月10日", as: "A001").contains("已开始第1轮评议"))
        #expect(try s.say("评议 结束", as: "T001").contains("只有党总支管理员可以结束"))
        #expect(try s.say("评议 结束", as: "S001").contains("只有党总支管理员可以结束"))
        #expect(try s.say("评议 结果", as: "T001").contains("结果在评议结束后公布"))
        #expect(try s.say("评议 结束", as: "A001").contains("已结束评议“党员评议”：0/12 人完成评议"))
        #expect(try s.say("评议 结束", as: "A001").contains("目前没有进行中的评议"))
    }

    @Test("results are withheld below the threshold, saying how many more raters are needed, and never partial counts")
    func threshold() throws {
        for (minRaters, shown) in [(5, false), (3, true)] {
            let s = try session(minRaters: minRaters)
            _ = try s.say("评议 开始 党员评议 截止 7月10日", as: "A001")
            for rater in ["S001", "T001", "T002", "T003"] { #expect(try rateAll(s, rater, "优秀").contains("已计入")) }
            _ = try s.say("评议 结束", as: "A001")
            let results = try s.say("评议 结果 语文支部", as: "A001")
            // T001 was rated by S001, T002 and T003.
            if shown {
                #expect(results.contains("李明（T001）：优秀 3、合格 0、基本合格 0、不合格 0（3 人评价）"))
            } else {
                #expect(results.contains("李明（T001）：评价人数不足，还需 2 人评价才能公布（至少 5 人）"))
                #expect(!results.contains("优秀 3"))
            }
            #expect(
                s.state.releasedEvaluation(of: "T001", minRaters: minRaters)
                    == (shown ? [.excellent: 3, .qualified: 0, .basicallyQualified: 0, .unqualified: 0] : nil))
        }
    }

    @Test("a member sees their own result, a secretary their branch only, an admin any branch")
    func whoSeesWhat() throws {
        let s = try session(minRaters: 1)
        _ = try s.say("评议 开始 党员评议 截止 7月10日", as: "A001")
        for rater in Self.everyone { _ = try rateAll(s, rater, "2") }
        #expect(try s.say("评议 结果", as: "T004").contains("结果在评议结束后公布"))
        _ = try s.say("评议 结束", as: "A001")
        let own = try s.say("评议 结果", as: "T004")
        #expect(own.contains("赵磊（T004）：优秀 0、合格 3") && !own.contains("T005"))
        #expect(try s.say("评议 结果 语文支部", as: "T004").contains("只能查看本人"))
        #expect(try s.say("评议 结果", as: "T006").contains("不是评议“党员评议”的评议对象"))
        let secretary = try s.say("评议 结果", as: "S002")
        #expect(secretary.contains("T004") && secretary.contains("T005") && !secretary.contains("T001"))
        #expect(try s.say("评议 结果 语文支部", as: "S002").contains("只能查看或通知本支部"))
        let admin = try s.say("评议 结果 语文支部", as: "A001")
        #expect(admin.contains("T001") && !admin.contains("T004"))
        #expect(try s.say("评议 结果", as: "A001").contains("T008"))
    }

    @Test("answers are read as answers, not commands; skip and back move; another command pauses; 评议 resumes")
    func conversation() throws {
        let s = try session()
        _ = try s.say("评议 开始 党员评议 截止 7月10日", as: "A001")
        #expect(try s.say("评议", as: "T001").contains("（1/2）请评价：语文支部 陈雅琴（S001）"))
        #expect(try s.say("随便", as: "T001").contains("请回复 1–4"))
        #expect(try s.say("跳过", as: "T001").contains("（2/2）请评价：语文支部 王芳（T002）"))
        #expect(try s.say("返回", as: "T001").contains("（1/2）"))
        #expect(try s.say("返回", as: "T001").contains("这已经是第一项了"))
        #expect(try s.say("优秀！", as: "T001").contains("（2/2）"))
        #expect(try s.say("我的进度", as: "T001").contains("评议：“党员评议”尚未完成，已答 1/2"))
        #expect(try s.say("合格", as: "T001").contains("您的评议已暂停，这条回复没有计入。请对下面这一项重新回复：\n（2/2）"))
        _ = try s.say("统计", as: "T001")
        #expect(try s.say("评议", as: "T001").contains("继续“党员评议”的评议。\n（2/2）"))
        let review = try s.say("基本", as: "T001")
        #expect(review.contains("全部 2 项已答完（评价 2 项，跳过 0 项）。回复“提交”计入") && !review.contains("基本合格"))
        #expect(try s.say("返回", as: "T001").contains("（2/2）"), "the last answer can still be changed")
        #expect(try s.say("基本合格", as: "T001") == review)
        #expect(try s.say("优秀", as: "T001") == review, "nothing is left to rate on the last screen")
        let done = try s.say("提交", as: "T001")
        #expect(done.contains("已计入（评价了 2 项，跳过 0 项）") && !done.contains("优秀") && !done.contains("基本合格"))
        #expect(
            s.state.evaluations.rounds[0].tallies == ["S001": ["excellent": 1], "T002": ["basically_qualified": 1]])
        #expect(s.state.evaluations.ballots.isEmpty && s.state.evaluations.rounds[0].voted == ["T001"])
        #expect(try s.say("评议", as: "T001").contains("每人只能评议一次"))
    }

    @Test("a phase-4 round rates the rater's branch and the school as a whole")
    func campaignRound() async throws {
        let s = try Session(now: "2012-10-08T09:00:00+08:00", evaluationMinRaters: 2)
        try s.login(Self.everyone)
        #expect(try s.say("评议 开始 活动评议 截止 2012年10月31日", as: "A001").contains("评议支部和学校的活动"))
        #expect(try s.say("评议", as: "T003").contains("（1/2）请评价：语文支部的创先争优活动"))
        #expect(try s.say("1", as: "T003").contains("（2/2）请评价：全校（党总支）的创先争优活动"))
        #expect(try s.say("2", as: "T003").contains("回复“提交”计入"))
        #expect(try s.say("提交", as: "T003").contains("已计入"))
        _ = try rateAll(s, "T001", "1")
        _ = try rateAll(s, "T004", "3")
        try s.advance(to: "2012-11-01T07:00:00+08:00")
        let results = try s.say("评议 结果", as: "A001")
        #expect(results.contains("语文支部的创先争优活动：优秀 2、合格 0、基本合格 0、不合格 0（2 人评价）"))
        #expect(results.contains("数学支部的创先争优活动：评价人数不足，还需 1 人"))
        #expect(results.contains("全校（党总支）的创先争优活动：优秀 1、合格 1、基本合格 1、不合格 0（3 人评价）"))

        // Secretaries and admins also get the totals as a chart (a private chat); a teacher gets the text only.
        let admin = try s.send("评议 结果", from: .of("A001"))
        #expect(admin.first?.media == .evaluationChart(round: 1, branch: nil))
        #expect(try s.send("评议 结果", from: .of("S001")).first?.media == .evaluationChart(round: 1, branch: "语文支部"))
        #expect(try s.send("评议 结果", from: .of("T001")).first?.media == nil)
        // Drawn for real (rsvg-convert), from released totals only: a picture, not blank.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/rsvg-convert") else { return }
        let made = try await ReportMediaRenderer(evaluationMinRaters: 2).render(
            .evaluationChart(round: 1, branch: nil), state: s.state, campaign: .builtIn,
            today: try #require(CalendarDate(iso: "2012-11-01")), load: { _ in Data() })
        #expect(made.isPicture && made.mimeType == "image/png")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-evaluation-\(UUID()).png")
        try made.data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let ink = try PNGImage.ink(ofFile: file.path)
        #expect(try PNGImage(made.data).width >= 600 && ink.fraction > 0.02 && ink.colours >= 3, "\(ink)")
    }

    @Test("reminders go to raters who have not finished, at most once a day, and stop when the round ends")
    func reminders() throws {
        let s = try session()
        _ = try s.say("评议 开始 党员评议 截止 7月10日", as: "A001")
        _ = try rateAll(s, "T001", "1")
        let planner = ReminderPlanner(campaign: .builtIn)
        let from = try #require(CampaignTime.parse("2010-06-28T09:00:00+08:00"))
        let to = try #require(CampaignTime.parse("2010-07-12T00:00:00+08:00"))
        let plan = planner.plan(state: s.state, from: from, to: to).filter { $0.milestone.hasPrefix("evaluation:") }
        let recipients = Set(plan.map(\.recipient))
        #expect(!recipients.contains("T001") && recipients.contains("T003") && recipients.contains("A001") == false)
        #expect(recipients.contains("T002") && recipients.contains("S002"))
        var perDay: [String: Int] = [:]
        for reminder in plan {
            perDay["\(reminder.recipient)|\(CampaignTime.local(reminder.at).date)", default: 0] += 1
        }
        #expect(perDay.values.allSatisfy { $0 == 1 } && Set(plan.map(\.offset)) == [3, 1, 0])
        #expect(plan.first { $0.recipient == "T002" && $0.offset == 0 }?.text.contains("评议“党员评议”今天截止") == true)
        _ = try s.say("评议 结束", as: "A001")
        #expect(planner.plan(state: s.state, from: from, to: to).allSatisfy { !$0.milestone.hasPrefix("evaluation:") })
    }
}
