import CampaignIntents
import Foundation

/// Reminders to raters who have not finished the open 评议 round: three days and one day before its deadline and
/// on the morning of the last day, at the campaign's reminder time. Keys `evaluation:<round>|<offset>|<staff>`,
/// so nobody is reminded twice for one slot, and the planner's catch-up sends only the latest one per person.
extension ReminderPlanner {
    static let evaluationPrefix = "evaluation:"
    static let evaluationOffsets = [3, 1, 0]

    func evaluationSlots(state: BotState) -> [ReminderSlot] {
        guard let round = state.evaluations.unclosed else { return [] }
        let deadline = CampaignTime.instant(round.deadline.adding(days: 1), minutes: 0)
        return Self.evaluationOffsets.compactMap { offset in
            let at = adjusted(
                CampaignTime.instant(round.deadline.adding(days: -offset), minutes: campaign.reminderMinute))
            guard at > round.openedAt else { return nil }
            return ReminderSlot(
                milestone: Self.evaluationPrefix + String(round.number), offset: offset, at: at, deadline: deadline)
        }
    }

    func evaluationReminders(for slot: ReminderSlot, state: BotState, day: CalendarDate) -> [PlannedReminder] {
        guard let round = state.evaluations.unclosed, slot.milestone == Self.evaluationPrefix + String(round.number),
            round.isOpen(on: day)
        else { return [] }
        let daysLeft = round.deadline.dayNumber - day.dayNumber
        let when = daysLeft == 0 ? "今天截止" : daysLeft == 1 ? "明天截止" : "还有 \(daysLeft) 天截止（\(round.deadline.chinese)）"
        return state.activePeople.filter {
            !round.hasSubmitted($0.staffID) && !state.remindersOff.contains($0.staffID)
        }
        .compactMap { person in
            let started = state.evaluations.ballots[person.staffID]
            let subjects = started?.subjects.count ?? state.evaluationSubjects(for: person, in: round).count
            guard subjects > 0 else { return nil }
            // Every subject answered but not submitted: only 提交 counts it.
            let text: String
            if let started, !started.subjects.isEmpty, started.position >= started.subjects.count {
                text =
                    "【提醒】\(person.name)老师，评议“\(round.name)”\(when)。您已答完全部 \(started.subjects.count) 项，但还没有提交：请回复“提交”，提交后才计入。发送“提醒 关”可关闭个人提醒。"
            } else {
                let progress = started.map { "您已答 \($0.position)/\($0.subjects.count)，" } ?? ""
                text =
                    "【提醒】\(person.name)老师，评议“\(round.name)”\(when)。\(progress)发送“评议”即可开始或继续（匿名，一次一项）。发送“提醒 关”可关闭个人提醒。"
            }
            return PlannedReminder(
                at: slot.at, milestone: slot.milestone, offset: slot.offset, recipient: person.staffID, text: text,
                deadline: slot.deadline)
        }
    }
}
