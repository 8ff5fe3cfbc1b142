import CampaignIntents
import Foundation

/// The weekly digest: on the campaign's digest weekday (Monday) each branch secretary gets their branch's list of who
/// owes what before the next deadline — not on holidays or in vacations, and not when nobody owes anything.
extension ReminderPlanner {
    static let digestPrefix = "digest:"

    /// One slot per digest day of the campaign, at the milestone reminder time.
    package func digestSlots() -> [ReminderSlot] {
        guard (1...7).contains(campaign.digestWeekday) else { return [] }
        let start = campaign.start, end = campaign.end
        var day = start.adding(days: (campaign.digestWeekday - start.weekday + 7) % 7)
        var slots: [ReminderSlot] = []
        while day <= end {
            if campaign.holiday(on: day) == nil {
                slots.append(
                    ReminderSlot(
                        milestone: Self.digestPrefix + day.description, offset: 0,
                        at: adjusted(CampaignTime.instant(day, minutes: campaign.reminderMinute)),
                        deadline: CampaignTime.instant(day.adding(days: 1), minutes: 0)))
            }
            day = day.adding(days: 7)
        }
        return slots
    }

    /// Each secretary's digest of their own branch for `slot`, as the records stand on `day`.
    func digestReminders(for slot: ReminderSlot, state: BotState, day: CalendarDate, context: Context)
        -> [PlannedReminder]
    {
        var out: [PlannedReminder] = []
        let reports = Reports(
            query: CampaignQuery(index: context.index, people: context.people, campaign: campaign, asOf: day),
            state: state)
        for (branch, secretaries) in context.secretaries.sorted(by: { $0.key < $1.key }) where !branch.isEmpty {
            let readers = secretaries.filter { !state.remindersOff.contains($0.staffID) }
            guard !readers.isEmpty else { continue }
            let digest = reports.digest(branch: branch)
            guard !digest.rows.isEmpty else { continue }
            let text =
                reports.digestText(
                    branch: branch, heading: "【每周汇总】\(branch)待办（截至\(day.chinese)）", digest: digest)
                + "\n发送“未完成”随时查看；发送“提醒 关”可关闭个人提醒。"
            for secretary in readers {
                out.append(
                    PlannedReminder(
                        at: slot.at, milestone: slot.milestone, offset: slot.offset,
                        recipient: secretary.staffID, text: text, deadline: slot.deadline))
            }
        }
        return out
    }
}
