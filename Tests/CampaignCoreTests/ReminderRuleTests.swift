import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// Reminders that are right — once per (occasion, person, day), only what the person can do, in
/// the words of the day; and after the campaign every recording command gets one answer.
/// Demo roster (see RuleTests): T001 李明 (一线, Party), T003 张伟 (一线, not a Party member), T007 冯涛 (行政).
@Suite("Reminder rules")
struct ReminderRuleTests {
    let planner = ReminderPlanner(campaign: .builtIn)

    func instant(_ iso: String) throws -> Date { try #require(CampaignTime.parse(iso)) }

    func slot(_ milestone: String, _ offset: Int, in state: BotState) throws -> ReminderSlot {
        try #require(planner.slots(state: state).first { $0.milestone == milestone && $0.offset == offset })
    }

    @Test("caught up at 07:59:30 on 2010-06-29, the 08:00 slot of the same occasion does not repeat it")
    func oncePerOccasionPersonDay() throws {
        let h = try Session(now: "2010-06-29T07:59:30+08:00")
        var state = h.state
        var sent: [String: [String]] = [:]
        for iso in ["2010-06-29T07:59:30+08:00", "2010-06-29T08:00:00+08:00", "2010-06-29T12:00:00+08:00"] {
            let (send, skipped) = planner.due(state: state, now: try instant(iso))
            for reminder in send {
                sent[reminder.milestone + "|" + reminder.recipient, default: []].append(reminder.text)
            }
            for reminder in send + skipped { try state.apply(.reminderQueued(key: reminder.key)) }
        }
        let phaseEnd = try #require(sent["phase-1-end|T001"])
        #expect(phaseEnd.count == 1)
        #expect(phaseEnd.first?.contains("第一阶段结束就在明天") == true)
        #expect(sent.values.allSatisfy { $0.count == 1 }, "\(sent.filter { $0.value.count > 1 })")
        // The same after a restart later that day: everything is marked.
        let later = planner.due(state: state, now: try instant("2010-06-29T15:00:00+08:00"))
        #expect(later.send.isEmpty)
    }

    @Test("phase-1 reminders do not ask for demo lessons; phase-2 ones do, only of frontline Party members")
    func onlyWhatTheyCanDo() throws {
        let h = try Session(now: "2010-06-16T08:00:00+08:00")
        let phase1 = planner.reminders(for: try slot("phase-1-end", 14, in: h.state), state: h.state)
        let li = try #require(phase1.first { $0.recipient == "T001" })
        #expect(li.text.contains("尚未申报承诺") && !li.text.contains("示范课"), "\(li.text)")
        #expect(phase1.allSatisfy { !$0.text.contains("示范课") })
        let teachersDay = planner.reminders(for: try slot("teachers-day-2010", 7, in: h.state), state: h.state)
        #expect(teachersDay.first { $0.recipient == "T001" }?.text.contains("党员示范课尚未预约") == true)
        for staff in ["T003", "T007", "A001", "S003"] {
            let text = teachersDay.first { $0.recipient == staff }?.text ?? ""
            #expect(!text.contains("示范课"), "\(staff): \(text)")
        }
        // Nothing is owed once the campaign is over.
        let person = try #require(h.state.roster["T001"])
        #expect(
            h.state.owed(by: person, campaign: .builtIn, on: try #require(CalendarDate(year: 2012, month: 11, day: 8)))
                .isEmpty)
    }

    @Test("never “还有 0 天”: the day itself is 就在今天, the day before 就在明天")
    func noZeroDays() throws {
        let h = try Session(now: "2010-06-11T08:00:00+08:00")
        #expect(Campaign.builtIn.milestones[0].whenText(daysLeft: 0) == "就在今天")
        #expect(Campaign.builtIn.milestones[0].whenText(daysLeft: 1) == "就在明天")
        #expect(Campaign.builtIn.milestones[0].whenText(daysLeft: 2) == "还有 2 天")
        for slot in planner.slots(state: h.state) where !slot.milestone.hasPrefix("digest:") {
            let milestone = try #require(Campaign.builtIn.milestones.first { $0.id == slot.milestone })
            // On time, caught up on the day itself, and looked at too late.
            for sending in [
                slot.at, CampaignTime.instant(milestone.date, minutes: 9 * 60),
                CampaignTime.instant(milestone.date.adding(days: 1), minutes: 9 * 60),
            ] {
                for reminder in planner.reminders(for: slot, state: h.state, sending: sending) {
                    #expect(!reminder.text.contains("还有 0 天") && !reminder.text.contains("还有 -"), "\(reminder.text)")
                }
            }
            let today = planner.reminders(
                for: slot, state: h.state, sending: CampaignTime.instant(milestone.date, minutes: 9 * 60))
            #expect(today.allSatisfy { $0.text.contains("就在今天") })
        }
    }

    @Test("after the campaign every recording command answers the same way")
    func afterTheCampaign() throws {
        let h = try Session(now: "2012-11-08T09:00:00+08:00")
        try h.login(["T001", "T002", "S001"])
        var answers: [String] = []
        for (staff, text) in [
            ("T001", "承诺 科学之星 写一篇论文"), ("T001", "预约示范课 11月20日 第3节 高二(3)班"),
            ("T002", "家访 昨天 王同学 上门"), ("T002", "提交 论文 《班主任工作点滴》"),
            ("T001", "提交 科研论文 《古诗词教学研究》"), ("S001", "推荐 L-0001"),
        ] {
            answers.append(try h.say(text, as: staff))
        }
        #expect(Set(answers).count == 1, "\(answers)")
        #expect(answers[0] == "创先争优活动（2010—2012）已于2012年11月7日结束，不再登记承诺、示范课、家访和成果。发送“我的进度”可查看您的记录；如需补登或更正，请联系党总支管理员。")
        #expect(h.state.pledges.isEmpty && h.state.lessons.isEmpty && h.state.visits.isEmpty && h.state.works.isEmpty)
        // Looking is still fine.
        #expect(try h.say("我的进度", as: "T001").contains("李明老师的进度"))
    }

    @Test("after phase 2 progress no longer invites a demo-lesson booking; it says the window has closed")
    func progressAfterTheLessonWindow() throws {
        let h = try Session(now: "2011-09-05T09:00:00+08:00")
        try h.login(["T001"])
        let progress = try h.say("我的进度", as: "T001")
        #expect(progress.contains("示范课：未上（示范课安排在2010年7月1日—2011年6月30日，已结束）"), "\(progress)")
        #expect(!progress.contains("预约示范课 10月12日"), "\(progress)")
    }

    @Test(
        "after the campaign a teacher's corrections get the same answer, progress invites nothing; an admin still corrects"
    )
    func correctionsAfterTheCampaign() throws {
        let h = try Session(now: "2011-05-09T09:00:00+08:00")
        try h.login(["T001", "A001"])
        #expect(try h.say("承诺 科学之星 写一篇论文", as: "T001").contains("P-0001"))
        #expect(try h.say("预约示范课 5月10日 第3节 高二(3)班 数列", as: "T001").contains("L-0001"))
        #expect(try h.say("提交 科研论文 《古诗词教学研究》", as: "T001").contains("W-0001"))
        try h.advance(to: "2012-11-20T09:00:00+08:00")
        let over = try h.say("承诺 教学之星 上好一节课", as: "T001")
        #expect(over.contains("已于2012年11月7日结束"))
        for text in ["撤销 W-0001", "修改 P-0001 写两篇论文", "确认示范课 L-0001 已上", "取消示范课 L-0001"] {
            #expect(try h.say(text, as: "T001") == over, "\(text)")
        }
        #expect(h.state.works.count == 1 && h.state.pledges.first?.text == "写一篇论文")
        let progress = try h.say("我的进度", as: "T001")
        #expect(progress.contains("活动已于2012年11月7日结束") && progress.contains("L-0001"), "\(progress)")
        #expect(!progress.contains("例如") && !progress.contains("下一个截止"), "\(progress)")
        #expect(try h.say("撤销 W-0001", as: "A001").contains("W-0001"))
        #expect(h.state.works.isEmpty, "the admin's correction is recorded")
    }
}
