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
        #expect(try s.say("评议 开始 党员评议 截止 7月10日 全校", as: "A001").contains("已开始第1轮评议"))
        #expect(try s.say("评议 结束", as: "T001").contains("只有党总支管理员可以结束"))
        #expect(try s.say("评议 结束", as: "S001").contains("只有党总支管理员可以结束"))
        #expect(try s.say("评议 结果", as: "T001").contains("结果在评议结束后公布"))
        let closed = try s.say("评议 结束", as: "A001")
        #expect(closed.contains("已结束评议“党员评议”：完成评议的人数不公布") && !closed.contains("0"), "\(closed)")
        #expect(try s.say("评议 结束", as: "A001").contains("目前没有进行中的评议"))
    }

    @Test("results are withheld below the threshold without saying how many rated or how many more were needed")
    func threshold() throws {
        // The demo's branches have 1–4 people: with 5 the round can only be school-wide; with 3 it can be by branch.
        for (minRaters, scope, shown) in [(5, "全校", false), (3, "按支部", true)] {
            let s = try session(minRaters: minRaters)
            #expect(try s.say("评议 开始 党员评议 截止 7月10日 \(scope)", as: "A001").contains("已开始"))
            for rater in ["S001", "T001", "T002", "T003"] { #expect(try rateAll(s, rater, "优秀").contains("已提交")) }
            _ = try s.say("评议 结束", as: "A001")
            let results = try s.say("评议 结果 语文支部", as: "A001")
            // T001 was rated by S001, T002 and T003.
            if shown {
                #expect(results.contains("李明（T001）：优秀 3、合格 0、基本合格 0、不合格 0（3 人评价）"))
            } else {
                #expect(results.contains("李明（T001）：不公布：评价的人不足 5 人"), "\(results)")
                #expect(!results.contains("优秀 3") && !results.contains("还需") && !results.contains("4 人完成"))
            }
            #expect(
                s.state.releasedEvaluation(of: "T001", minRaters: minRaters)
                    == (shown ? [.excellent: 3, .qualified: 0, .basicallyQualified: 0, .unqualified: 0] : nil))
            // Nothing below the threshold is kept once the round has closed.
            let round = s.state.evaluations.rounds[0]
            #expect(round.sealed.isEmpty && round.tallies.values.allSatisfy { $0.values.reduce(0, +) >= minRaters })
        }
    }

    @Test("a member sees their own result, a secretary their branch only, an admin any branch")
    func whoSeesWhat() throws {
        let s = try session(minRaters: 1)
        _ = try s.say("评议 开始 党员评议 截止 7月10日 按支部", as: "A001")
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

    @Test(
        "answers are read as answers, not commands; skip and back move; another command pauses; 评议 resumes; 提交 seals"
    )
    func conversation() throws {
        let s = try session(minRaters: 3)
        _ = try s.say("评议 开始 党员评议 截止 7月10日 按支部", as: "A001")
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
        let done = try s.send("提交", from: .of("T001"))
        #expect(done.count == 1 && done[0].forgetOnceSent == true && done[0].staffID == "T001")
        #expect(done[0].text.contains("已提交（评价了 2 项，跳过 0 项）") && !done[0].text.contains("优秀"))
        // Sealed: not counted until 3 of 语文支部 have submitted; the group's sum, never the ballot under T001.
        let round = s.state.evaluations.rounds[0]
        #expect(round.tallies.isEmpty && round.voted.isEmpty)
        #expect(
            round.sealed == [
                "语文支部": SealedBallots(
                    raters: ["T001"], grades: ["S001": ["excellent": 1], "T002": ["basically_qualified": 1]])
            ])
        #expect(s.state.evaluations.ballots.isEmpty && round.hasSubmitted("T001"))
        #expect(try s.say("评议", as: "T001").contains("每人只能评议一次"))
        // Two more of the branch submit: the three are counted together, and each tally has 3 raters or waits.
        _ = try rateAll(s, "T002", "2")
        #expect(s.state.evaluations.rounds[0].tallies.isEmpty)
        _ = try rateAll(s, "T003", "1")
        let counted = s.state.evaluations.rounds[0]
        #expect(counted.voted == ["T001", "T002", "T003"] && counted.sealed["语文支部"]?.raters == [])
        #expect(counted.tallies == ["S001": ["excellent": 2, "qualified": 1]])
    }

    @Test("a phase-4 round rates the rater's branch and the school as a whole")
    func campaignRound() async throws {
        let s = try Session(now: "2012-10-08T09:00:00+08:00", evaluationMinRaters: 2)
        try s.login(Self.everyone)
        // 党总支 has one person: its work cannot be published, so the admin chooses to rate by branch without it.
        #expect(try s.say("评议 开始 活动评议 截止 2012年10月31日", as: "A001").contains("党总支的创先争优活动"))
        #expect(try s.say("评议 开始 活动评议 截止 2012年10月31日 按支部", as: "A001").contains("评议支部和学校的活动"))
        #expect(try s.say("评议", as: "T003").contains("（1/2）请评价：语文支部的创先争优活动"))
        #expect(try s.say("1", as: "T003").contains("（2/2）请评价：全校（党总支）的创先争优活动"))
        #expect(try s.say("2", as: "T003").contains("回复“提交”计入"))
        #expect(try s.say("提交", as: "T003").contains("已提交"))
        _ = try rateAll(s, "T001", "1")
        _ = try rateAll(s, "T004", "3")
        _ = try rateAll(s, "T005", "4")
        try s.advance(to: "2012-11-01T07:00:00+08:00")
        let results = try s.say("评议 结果", as: "A001")
        #expect(results.contains("语文支部的创先争优活动：优秀 2、合格 0、基本合格 0、不合格 0（2 人评价）"))
        #expect(results.contains("数学支部的创先争优活动：优秀 0、合格 0、基本合格 1、不合格 1（2 人评价）"))
        #expect(results.contains("综合支部的创先争优活动：不公布：评价的人不足 2 人"))
        #expect(results.contains("党总支的创先争优活动：不公布：可评价的人不足 2 人"))
        #expect(results.contains("全校（党总支）的创先争优活动：优秀 1、合格 1、基本合格 1、不合格 1（4 人评价）"))

        // Secretaries and admins also get the totals as a chart (a private chat); a teacher gets the text only.
        let admin = try s.send("评议 结果", from: .of("A001"))
        #expect(admin.first?.media == .evaluationChart(round: 1, branch: nil))
        #expect(try s.send("评议 结果", from: .of("S001")).first?.media == .evaluationChart(round: 1, branch: "语文支部"))
        #expect(try s.send("评议 结果", from: .of("T001")).first?.media == nil)
        // Drawn for real (rsvg-convert), from released totals only: a picture, not blank.
        guard try Prerequisite.available(.rsvgConvert, .python3) else {
            Issue.record(
                "rsvg-convert or python3 is not on PATH: the chart was not drawn and looked at", severity: .warning)
            return
        }
        let made = try await ReportMediaRenderer(evaluationMinRaters: 2).render(
            .evaluationChart(round: 1, branch: nil), state: s.state, campaign: .builtIn,
            today: try #require(CalendarDate(iso: "2012-11-01")), load: { _ in Data() })
        #expect(made.isPicture && made.mimeType == "image/png")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-evaluation-\(UUID()).png")
        try made.data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let ink = try await PNGImage.ink(ofFile: file.path)
        #expect(try PNGImage(made.data).width >= 600 && ink.fraction > 0.02 && ink.colours >= 3, "\(ink)")
    }

    @Test("reminders go to raters who have not finished, at most once a day, and stop when the round ends")
    func reminders() throws {
        let s = try session(minRaters: 3)
        _ = try s.say("评议 开始 党员评议 截止 7月10日 按支部", as: "A001")
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

    @Test("a round some of whose subjects could never be published opens only once the admin chose how, naming them")
    func openingNamesWhatCannotBePublished() throws {
        // With 5: every branch has 1–4 people, so by branch nothing could be published; school-wide everything can.
        let s = try session()
        let refused = try s.say("评议 开始 党员评议 截止 7月10日", as: "A001")
        #expect(refused.contains("没有开始") && refused.contains("没有一个对象能有至少 5 人评价"), "\(refused)")
        #expect(refused.contains("评议 开始 党员评议 截止 2010年7月10日 全校") && !refused.contains("按支部评议，上面"))
        #expect(!refused.contains("都可参加") && s.state.evaluations.rounds.isEmpty)
        #expect(try s.say("评议 开始 党员评议 截止 7月10日 按支部", as: "A001").contains("没有开始"))
        let opened = try s.say("评议 开始 党员评议 截止 2010年7月10日 全校", as: "A001")
        #expect(opened.contains("已开始第1轮评议“党员评议”（评议党员，全校范围互评）") && opened.contains("12 位在职人员（党员和群众）都可参加"))
        #expect(s.state.evaluations.rounds[0].scope == .school && s.state.evaluations.rounds[0].minRaters == 5)
        #expect(try s.say("评议", as: "T006").contains("（1/10）"), "everyone rates the school's 10 members")

        // With 3: 语文 and 数学 have 4 people each, 综合支部 3 and 党总支 1: both ways are offered.
        let t = try session(minRaters: 3)
        let choice = try t.say("评议 开始 党员评议 截止 7月10日", as: "A001")
        #expect(choice.contains("以下对象可评价的人不足 3 人，结果无法公布：\n· 党总支：周建国（A001）\n· 综合支部：郑华（S003）、冯涛（T007）、何晓燕（T008）\n"))
        #expect(choice.contains("1. 全校范围互评（每人评价全校的党员）：评议 开始 党员评议 截止 2010年7月10日 全校"))
        #expect(choice.contains("2. 仍按支部评议，上面这些对象不评价、不公布：评议 开始 党员评议 截止 2010年7月10日 按支部"))
        #expect(!choice.contains("都可参加") && t.state.evaluations.rounds.isEmpty)
        let byBranch = try t.say("评议 开始 党员评议 截止 2010年7月10日 按支部", as: "A001")
        #expect(byBranch.contains("已开始第1轮评议") && !byBranch.contains("都可参加"), "\(byBranch)")
        #expect(byBranch.contains("这一轮不评价、不公布：\n· 党总支：周建国（A001）\n· 综合支部：郑华（S003）、冯涛（T007）、何晓燕（T008）"))
        #expect(t.state.evaluations.rounds[0].unpublished == ["A001", "S003", "T007", "T008"])
        #expect(try t.say("评议", as: "T007").contains("能评价本支部对象的人不足 3 人"))
        #expect(t.state.evaluations.ballots["T007"] == nil)
    }

    @Test("评议 结果 in a small branch names no count: not how many rated, nor how many more were needed")
    func smallBranchNamesNoCount() throws {
        let s = try session(minRaters: 3)
        _ = try s.say("评议 开始 党员评议 截止 7月10日 按支部", as: "A001")
        for rater in Self.everyone { _ = try rateAll(s, rater, "2") }
        _ = try s.say("评议 结束", as: "A001")
        let round = s.state.evaluations.rounds[0]
        #expect(round.tallies["T007"] == nil && round.tallies["S003"] == nil && round.tallies["A001"] == nil)
        for (who, asked) in [("T007", "评议 结果"), ("S003", "评议 结果"), ("A001", "评议 结果 综合支部")] {
            let reply = try s.say(asked, as: who)
            let lines = reply.split(separator: "\n").filter { $0.hasPrefix("· ") }
            #expect(lines.count == (who == "T007" ? 1 : 3), "\(who): \(reply)")
            for line in lines {
                #expect(line.contains("不公布：可评价的人不足 3 人"), "\(who): \(line)")
                // The only number before 人 is the threshold; no grade is named.
                let counts = line.matches(of: /(\d+)\s*人/).map { String($0.output.1) }
                #expect(counts == ["3"] && !line.contains("合格"), "\(who): \(line)")
            }
            #expect(!reply.contains("还需"), "\(who): \(reply)")
        }
    }

    @Test("no published figure can be subtracted from another to tell a withheld count (complementary suppression)")
    func complementarySuppression() throws {
        let s = try Session(now: "2012-10-08T09:00:00+08:00", evaluationMinRaters: 2)
        try s.login(Self.everyone)
        _ = try s.say("评议 开始 活动评议 截止 2012年10月31日 按支部", as: "A001")
        // 语文支部: two raters; 数学支部: one, below the threshold. The school's work: three raters.
        for rater in ["T003", "T001", "T004"] { _ = try rateAll(s, rater, "1") }
        _ = try s.say("评议 结束", as: "A001")
        let results = try s.say("评议 结果", as: "A001")
        // 3 (school) − 2 (语文支部) would be 数学支部's 1: so 语文支部 is withheld too.
        #expect(results.contains("数学支部的创先争优活动：不公布：评价的人不足 2 人"), "\(results)")
        #expect(results.contains("语文支部的创先争优活动：不公布：公布它会让人从其他数字推算出不足 2 人的部分"))
        #expect(results.contains("全校（党总支）的创先争优活动：优秀 3、合格 0、基本合格 0、不合格 0（3 人评价）"))
        let round = try #require(s.state.latestClosedEvaluation)
        let disclosure = s.state.evaluationDisclosure(round, minRaters: 2)
        #expect(disclosure.voters == 3)
        let summary = try #require(EvaluationSummaries.summary(of: round, s.state, minRaters: 2))
        #expect(summary.groups.map(\.label) == ["全校（党总支）"])

        // A members round by branch: the report shows each published branch's voters beside it; when the voters of
        // the branches that are not published are fewer than the threshold, the total is not published.
        let m = try session(minRaters: 3)
        _ = try m.say("评议 开始 党员评议 截止 7月10日 按支部", as: "A001")
        for rater in ["S001", "T001", "T002", "T003", "S002", "T004"] { _ = try rateAll(m, rater, "2") }
        _ = try m.say("评议 结束", as: "A001")
        let members = try #require(m.state.latestClosedEvaluation)
        let shown = m.state.evaluationDisclosure(members, minRaters: 3)
        // 数学支部: two voters, nothing published; 12 − … : the total 6 minus 语文支部's 4 would tell 数学支部's 2.
        #expect(shown.branchVoters == ["语文支部": 4] && shown.voters == nil)
        let text = try m.say("评议 结果", as: "A001")
        #expect(text.hasPrefix("评议“党员评议”结果（评议党员）") && !text.contains("6 人"), "\(text)")
        let report = try #require(EvaluationSummaries.summary(of: members, m.state, minRaters: 3))
        #expect(!report.title.contains("人参加") && report.groups.map(\.raters) == [4])
    }
}
