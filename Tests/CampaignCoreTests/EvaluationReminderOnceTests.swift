import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// A 评议 reminder is never said twice to one person on one day, also when the bot comes back just before the
/// morning slot after days down; a rater who answered everything but did not submit is told to reply 提交.
@Suite("评议 reminders once a day")
struct EvaluationReminderOnceTests {
    static let everyone = [
        "A001", "S001", "T001", "T002", "T003", "S002", "T004", "T005", "T006", "S003", "T007", "T008",
    ]

    func session() throws -> Session {
        let s = try Session(now: "2010-06-28T09:00:00+08:00", evaluationMinRaters: 3)
        try s.login(Self.everyone)
        #expect(try s.say("评议 开始 党员评议 截止 7月10日 按支部", as: "A001").contains("已开始"))
        return s
    }

    /// What the scheduler would queue at `iso`, then marks it queued, as the scheduler does.
    func tick(_ s: Session, _ planner: ReminderPlanner, at iso: String, state: inout BotState) throws
        -> [PlannedReminder]
    {
        let now = try #require(CampaignTime.parse(iso))
        let (send, skipped) = planner.due(state: state, now: now)
        for reminder in send + skipped { try state.apply(.reminderQueued(key: reminder.key)) }
        return send.filter { $0.milestone.hasPrefix("evaluation:") }
    }

    @Test("back at 07:59:58 on the day before the deadline after a week down: one reminder per person that day")
    func restartBeforeTheMorningSlot() throws {
        let s = try session()
        let planner = ReminderPlanner(campaign: .builtIn)
        var state = s.state
        let early = try tick(s, planner, at: "2010-07-09T07:59:58+08:00", state: &state)
        let onTime = try tick(s, planner, at: "2010-07-09T08:00:00+08:00", state: &state)
        let later = try tick(s, planner, at: "2010-07-09T12:00:00+08:00", state: &state)
        var perPerson: [String: Int] = [:]
        for reminder in early + onTime + later { perPerson[reminder.recipient, default: 0] += 1 }
        #expect(!perPerson.isEmpty && perPerson.values.allSatisfy { $0 == 1 }, "\(perPerson)")
        #expect((early + onTime).allSatisfy { $0.text.contains("明天截止") })
        let nextDay = try tick(s, planner, at: "2010-07-10T08:00:00+08:00", state: &state)
        #expect(!nextDay.isEmpty && nextDay.allSatisfy { $0.text.contains("今天截止") })
    }

    @Test("a rater who answered every subject but did not submit is told to reply 提交")
    func answeredNotSubmitted() throws {
        let s = try session()
        var reply = try s.say("评议", as: "T001")
        while reply.contains("请评价") { reply = try s.say("1", as: "T001") }
        #expect(reply.contains("提交"))
        let planner = ReminderPlanner(campaign: .builtIn)
        var state = s.state
        let sent = try tick(s, planner, at: "2010-07-09T08:00:00+08:00", state: &state)
        let mine = try #require(sent.first { $0.recipient == "T001" })
        #expect(mine.text.contains("还没有提交") && mine.text.contains("回复“提交”"), "\(mine.text)")
        let other = try #require(sent.first { $0.recipient == "T002" })
        #expect(other.text.contains("发送“评议”"))
    }
}
