import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// One test per behaviour rule of SPEC §4, on the demo roster, on Monday 2010-10-11 unless said otherwise.
/// Demo roster: A001 admin (行政); S001 secretary 语文 (一线、班主任); T001 李明 (一线); T002 王芳 (一线、班主任);
/// T003 张伟 (一线, not a Party member); S002 secretary 数学; T007 冯涛 (行政, 综合支部); T008 何晓燕 (一线, 综合).
@Suite("SPEC §4 rules")
struct RuleTests {
    // MARK: binding

    @Test("an unbound user gets help and bind only, and is told how to bind")
    func unboundUser() throws {
        let h = try Session()
        let stranger = FakeUser("5550001")
        for text in ["我的进度", "承诺 科学之星 写一篇论文", "预约示范课 10月12日 第3节 高二(3)班", "统计", "导出"] {
            let reply = try h.say(text, from: stranger)
            #expect(reply.contains("您还没有绑定身份") && reply.contains("绑定 T001 K7P3QX"), "\(text): \(reply)")
        }
        // A slash command alone is answered in Chinese; English words after it choose English.
        #expect(try h.say("/me", from: stranger).contains("您还没有绑定身份"))
        let english = try h.say("/lessons next week", from: stranger)
        #expect(english.contains("not linked") && english.contains("/bind"))
        let help = try h.say("帮助", from: stranger)
        #expect(help.contains("请先绑定身份") && help.contains("绑定"))
        let state = h.state
        #expect(state.pledges.isEmpty && state.lessons.isEmpty)
        #expect(state.bindings[stranger.identity.key] == nil)
    }

    @Test("a wrong code is refused and counted; too many wrong codes stop binding")
    func wrongCode() throws {
        let h = try Session()
        let user = FakeUser("5550002")
        let code = try #require(h.codes["T001"])
        let wrong = code == "AAAAAA" ? "BBBBBB" : "AAAAAA"
        let reply = try h.say("绑定 T001 \(wrong)", from: user)
        #expect(reply.contains("绑定码不对") && reply.contains("请核对"))
        #expect(h.state.failedBinds[user.identity.key] == 1)
        #expect(h.state.bindings[user.identity.key] == nil)
        let unknown = try h.say("绑定 T999 \(code)", from: user)
        #expect(unknown.contains("名单中没有“T999”"))
        #expect(h.state.failedBinds[user.identity.key] == 2)
        for _ in 0..<8 { try h.say("绑定 T001 \(wrong)", from: user) }
        let blocked = try h.say("绑定 T001 \(code)", from: user)
        #expect(blocked.contains("错误次数过多") && blocked.contains("联系党总支管理员"))
        #expect(h.state.bindings[user.identity.key] == nil)
        // The right code still works from another account: guessing from one account does not burn the code.
        let other = try h.say("绑定 李明 \(code.lowercased())", from: FakeUser("5550003"))
        #expect(other.contains("绑定成功"))
    }

    @Test("a bind code works once")
    func oneTimeCode() throws {
        let h = try Session()
        let code = try #require(h.codes["T001"])
        #expect(try h.say("绑定 T001 \(code)", from: FakeUser("5550010")).contains("绑定成功"))
        #expect(h.state.bindCodes["T001"] == nil)
        // The same code from an account on another transport is refused.
        let matrix = FakeUser("@li:school.example", transport: "matrix")
        let again = try h.say("绑定 T001 \(code)", from: matrix)
        #expect(again.contains("绑定码不对，或已经用过"))
        #expect(h.state.bindings[matrix.identity.key] == nil)
    }

    @Test("one chat identity is one person, and one person has one account per transport")
    func oneToOne() throws {
        let h = try Session()
        let user = try h.login("T001")
        let codeT002 = try #require(h.codes["T002"])
        let second = try h.say("绑定 T002 \(codeT002)", from: user)
        #expect(second.contains("已绑定为 李明（T001）") && second.contains("联系管理员"))
        #expect(h.state.bindings[user.identity.key] == "T001")
        // T002's code was not used up by that attempt.
        #expect(try h.say("绑定 T002 \(codeT002)", from: FakeUser("5550020")).contains("绑定成功"))
        // Another Telegram account cannot take over T002.
        let takeover = try h.say("绑定 T002 \(codeT002)", from: FakeUser("5550021"))
        #expect(takeover.contains("王芳已绑定了另一个账号") && takeover.contains("联系党总支管理员"))
    }

    @Test("a Telegram id listed in the roster is bound automatically, without a code")
    func listedIdentity() throws {
        // The demo roster with a telegram column, T004's id listed in it.
        let roster =
            TestRosters.demo.split(separator: "\n").map { line in
                line.hasPrefix("工号") ? line + ",telegram" : line.hasPrefix("T004,") ? line + ",777123" : line + ","
            }.joined(separator: "\n") + "\n"
        let h = try Session(roster: roster)
        #expect(h.codes["T004"] == nil)
        #expect(h.codes["T001"] != nil)
        let reply = try h.say("我的进度", from: FakeUser("777123"))
        #expect(reply.contains("赵磊老师的进度"))
    }

    // MARK: pledges

    @Test("pledge eligibility follows the roles, and a refusal says why and what is possible")
    func pledgeEligibility() throws {
        let h = try Session()
        try h.login(["T001", "T007", "S001"])
        let frontlineMoral = try h.say("承诺 德育之星 做好家访", as: "T001")
        #expect(frontlineMoral.contains("德育之星面向行政人员、班主任") && frontlineMoral.contains("您的角色是一线"))
        #expect(frontlineMoral.contains("您可以申报：教学之星、科学之星"))
        let adminTeaching = try h.say("承诺 教学之星 上精品课", as: "T007")
        #expect(adminTeaching.contains("教学之星面向一线教师") && adminTeaching.contains("您可以申报：德育之星、科学之星"))
        #expect(h.state.pledges.isEmpty)

        #expect(try h.say("承诺 教学之星 上精品课", as: "T001").contains("已登记承诺 P-0001"))
        #expect(try h.say("承诺 科学之星 写论文", as: "T001").contains("已登记承诺 P-0002"))
        #expect(try h.say("承诺 德育之星 家访", as: "T007").contains("已登记承诺 P-0003"))
        #expect(try h.say("承诺 科学之星 课题", as: "T007").contains("已登记承诺 P-0004"))
        // A class teacher who also teaches may strive for both.
        #expect(try h.say("承诺 德育之星 好班会", as: "S001").contains("P-0005"))
        #expect(try h.say("承诺 教学之星 精品课", as: "S001").contains("P-0006"))
        // A second pledge for the same star updates it and keeps the id.
        let update = try h.say("承诺 教学之星 上两堂精品课", as: "T001")
        #expect(update.contains("已更新您的教学之星承诺 P-0001"))
        #expect(h.state.pledges.count == 6)
    }

    @Test("a pledge after the deadline is accepted but marked late")
    func latePledge() throws {
        let h = try Session(now: "2010-07-30T09:00:00+08:00")
        try h.login(["T001", "T002"])
        let early = try h.say("承诺 教学之星 上精品课", as: "T001")
        #expect(!early.contains("逾期"))
        try h.advance(to: "2010-08-01T09:00:00+08:00")
        let late = try h.say("承诺 教学之星 上精品课", as: "T002")
        #expect(late.contains("已登记承诺 P-0002") && late.contains("截止日期是2010年7月31日") && late.contains("逾期"))
        let pledges = h.state.pledges
        #expect(pledges.map(\.late) == [false, true])
    }

    // MARK: home visits

    @Test("a visit in the future is refused")
    func futureVisit() throws {
        let h = try Session()
        try h.login("T002")
        let reply = try h.say("家访 明天 王同学 上门", as: "T002")
        #expect(reply.contains("还没到") && reply.contains("请在家访之后再登记"))
        #expect(h.state.visits.isEmpty)
    }

    @Test("a visit before the campaign is refused")
    func visitBeforeCampaign() throws {
        let h = try Session()
        try h.login("T002")
        let reply = try h.say("家访 2010-05-20 王同学 上门", as: "T002")
        #expect(reply.contains("须在活动期间"))
        #expect(h.state.visits.isEmpty)
    }

    @Test("a visit after the campaign ended is refused")
    func visitAfterCampaign() throws {
        let h = try Session(now: "2012-11-07T09:00:00+08:00")
        try h.login("T002")
        #expect(try h.say("家访 2012-11-04 王同学 上门", as: "T002").contains("V-0001"))
        // After the last day nothing more is recorded (one answer for every recording command).
        try h.advance(to: "2012-11-20T09:00:00+08:00")
        let reply = try h.say("家访 2012-11-07 王同学 上门", as: "T002")
        #expect(reply.contains("已于2012年11月7日结束") && reply.contains("联系党总支管理员"), "\(reply)")
        #expect(h.state.visits.count == 1)
    }

    @Test("a visit on a school day is accepted, with the 德育之星 note")
    func schoolDayVisit() throws {
        let h = try Session()
        try h.login("T002")
        let reply = try h.say("家访 今天 王同学 电话 沟通月考情况", as: "T002")
        #expect(containsInOrder(reply, ["已登记家访 V-0001", "2010年10月11日（周一）", "王同学", "电话", "沟通月考情况"]))
        #expect(reply.contains("不是节假日") && reply.contains("德育之星"))
        #expect(h.state.visits.first?.holiday == false)
    }

    @Test("holiday visits count toward 德育之星; school-day visits do not")
    func holidayVisitsCount() throws {
        let h = try Session()
        try h.login("T007")
        try h.say("承诺 德育之星 做好亲情家访", as: "T007")
        try h.say("提交 论文 班主任工作经验", as: "T007")
        try h.say("提交 讲座 模范事迹", as: "T007")
        try h.say("家访 今天 王同学 上门", as: "T007")
        let before = try h.say("我的进度", as: "T007")
        #expect(before.contains("✗ 节假日亲情家访 待完成") && !before.contains("已完成 ✓"))
        // 10月10日 resolves backward to Sunday 2010-10-10 (Saturday 10-09 was a 国庆 make-up workday, a school day).
        let weekend = try h.say("家访 10月10日 李同学 上门", as: "T007")
        #expect(weekend.contains("V-0002") && weekend.contains("节假日") && !weekend.contains("不是节假日"))
        let after = try h.say("我的进度", as: "T007")
        #expect(after.contains("德育之星（P-0001）已完成 ✓") && after.contains("✓ 节假日亲情家访（V-0002）"))
        #expect(after.contains("家访：2 次（其中节假日 1 次）"))
    }

    // MARK: work and progress

    @Test("submit_work completes stars; progress shows done, missing and the next deadline")
    func submitAndProgress() throws {
        let h = try Session()
        try h.login("T001")
        let none = try h.say("我的进度", as: "T001")
        #expect(none.contains("尚未申报") && none.contains("示范课：尚未预约"))
        try h.say("承诺 教学之星 精品课和案例", as: "T001")
        let first = try h.say("提交 精品课 函数复习", as: "T001")
        #expect(first.contains("已登记成果 W-0001：精品课《函数复习》") && first.contains("精品课 ✓，优秀教学案例 ✗"))
        let middle = try h.say("我的进度", as: "T001")
        #expect(
            containsInOrder(
                middle,
                [
                    "教学之星（P-0001）", "✓ 精品课（W-0001）", "✗ 优秀教学案例 待完成",
                    "下一个截止：第二阶段结束 2011年6月30日（还有 262 天）",
                ]))
        #expect(!middle.contains("已完成 ✓"))
        let second = try h.say("提交 教学案例 函数的单调性", as: "T001")
        #expect(second.contains("W-0002") && second.contains("已全部完成"))
        #expect(try h.say("我的进度", as: "T001").contains("教学之星（P-0001）已完成 ✓"))
        // Work for a star not pledged is recorded with a hint.
        let research = try h.say("提交 科研论文 函数教学研究", as: "T001")
        #expect(research.contains("W-0003") && research.contains("您尚未申报"))
    }

    @Test("the pledge deadline is the next deadline of someone without a pledge")
    func nextDeadlineWithoutPledge() throws {
        let h = try Session(now: "2010-07-20T09:00:00+08:00")
        try h.login("T001")
        let progress = try h.say("我的进度", as: "T001")
        #expect(progress.contains("下一个截止：承诺申报截止 2010年7月31日（还有 11 天）"))
    }
}
