import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// A secretary's view is their branch's digest of who owes what before the next deadline, also
/// pushed once a week. Demo roster: S001 is the 语文支部 secretary (T001 李明, T002 王芳 … in it), A001 the admin.
@Suite("Secretary's digest")
struct SecretaryDigestTests {
    let planner = ReminderPlanner(campaign: .builtIn)

    @Test("未完成 alone: the secretary's own branch, the next deadline and what each person owes; the admin sees all")
    func digestOnDemand() throws {
        let h = try Session()
        try h.login(["S001", "A001", "T001"])
        #expect(try h.say("承诺 科学之星 写一篇论文", as: "T001").contains("P-0001"))
        let own = try h.say("未完成", as: "S001")
        #expect(own.hasPrefix("待办汇总（语文支部，截至2010年10月11日）"), "\(own)")
        #expect(own.contains("下一个节点：第二阶段结束，2011年6月30日（还有 262 天）"))
        #expect(own.contains("· 李明：党员示范课尚未预约；科学之星还缺：科研论文或科研课题"), "\(own)")
        #expect(own.contains("· 王芳：尚未申报承诺") && !own.contains("刘洋"), "only 语文支部: \(own)")
        #expect(try h.say("未完成：全部", as: "S001") == own)
        #expect(try h.say("未完成 数学支部", as: "S001").contains("只能查看或通知本支部（语文支部）"))
        let school = try h.say("未完成", as: "A001")
        #expect(school.contains("【数学支部】") && school.contains("【语文支部】") && school.contains("刘洋"))
        #expect(try h.say("未完成", as: "T001").contains("只对支部书记和管理员开放"))
    }

    @Test("the weekly digest: Mondays at 08:00 to each secretary, their branch only, not in holidays or vacations")
    func weeklyDigest() throws {
        let h = try Session()
        let slots = planner.slots(state: h.state).filter { $0.milestone.hasPrefix("digest:") }
        let days = slots.map { CampaignTime.local($0.at).date }
        #expect(days.allSatisfy { $0.weekday == 1 } && !days.isEmpty)
        #expect(days.allSatisfy { Campaign.builtIn.holiday(on: $0) == nil }, "none in 国庆 or the summer vacation")
        #expect(!days.contains { $0.description == "2010-10-04" } && days.contains { $0.description == "2010-10-11" })
        let monday = try #require(slots.first { $0.milestone == "digest:2010-10-11" })
        #expect(CampaignTime.format(monday.at) == "2010-10-11T08:00:00+08:00")
        let reminders = planner.reminders(for: monday, state: h.state)
        let s001 = try #require(reminders.first { $0.recipient == "S001" })
        #expect(s001.text.hasPrefix("【每周汇总】语文支部待办（截至2010年10月11日）") && s001.text.contains("李明"))
        #expect(!s001.text.contains("刘洋"), "another branch's people are not in it")
        #expect(Set(reminders.map(\.recipient)).isSubset(of: ["S001", "S002", "S003"]), "secretaries only")
        #expect(!reminders.contains { $0.text.contains("周建国") })
    }

    @Test("no digest when nobody in the branch owes anything, or the secretary turned reminders off; sent once")
    func digestOnlyWhenUseful() throws {
        let h = try Session()
        try h.login(["S001"])
        _ = try h.say("提醒 关", as: "S001")
        let monday = try #require(planner.slots(state: h.state).first { $0.milestone == "digest:2010-10-11" })
        #expect(!planner.reminders(for: monday, state: h.state).contains { $0.recipient == "S001" })
        var state = h.state
        try state.apply(.setReminders(staffID: "S001", on: true))
        let at = monday.at
        let first = planner.due(state: state, now: at).send.filter { $0.milestone == monday.milestone }
        #expect(first.contains { $0.recipient == "S001" })
        for reminder in first { try state.apply(.reminderQueued(key: reminder.key)) }
        #expect(
            planner.due(state: state, now: at.addingTimeInterval(60)).send.allSatisfy {
                $0.milestone != monday.milestone
            })
        var off = Campaign.builtIn
        off.digestWeekday = 0
        #expect(ReminderPlanner(campaign: off).slots(state: state).allSatisfy { !$0.milestone.hasPrefix("digest:") })
    }
}
