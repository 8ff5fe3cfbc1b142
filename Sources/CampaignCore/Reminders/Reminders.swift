import CampaignIntents
package import Foundation

/// One reminder the bot will push: when, for which occasion, to whom, and what it says.
package struct PlannedReminder: Sendable, Equatable {
    package var at: Date
    /// The milestone id, or `lesson:L-0003` for a teacher's own lesson.
    package var milestone: String
    /// Days before the occasion.
    package var offset: Int
    package var recipient: String
    package var text: String
    /// After this instant the reminder is stale and is skipped rather than sent late.
    package var deadline: Date

    /// Remembered in the store so the same reminder is never sent twice, also across restarts.
    package var key: String { "\(milestone)|\(offset)|\(recipient)" }
}

/// A moment at which reminders fall due: one milestone offset, or the day before one lesson.
package struct ReminderSlot: Sendable, Hashable {
    package var milestone: String
    package var offset: Int
    package var at: Date
    package var deadline: Date
}

/// Plans reminders from the campaign and the records (SPEC §5). Pure: the same inputs give the same plan.
package struct ReminderPlanner: Sendable {
    package var campaign: Campaign

    package init(campaign: Campaign) { self.campaign = campaign }

    /// The nominal time moved out of quiet hours (21:00–07:30 → 07:30).
    package func adjusted(_ instant: Date) -> Date {
        let (date, minute) = CampaignTime.local(instant)
        let start = campaign.quietStartMinute, end = campaign.quietEndMinute
        let quiet = start > end ? (minute >= start || minute < end) : (minute >= start && minute < end)
        guard quiet else { return instant }
        let day = (start > end && minute >= start) ? date.adding(days: 1) : date
        return CampaignTime.instant(day, minutes: end)
    }

    package func isQuiet(_ instant: Date) -> Bool { adjusted(instant) != instant }

    /// Every slot of the campaign: milestone offsets at the reminder time, lessons the day before at 16:00.
    package func slots(state: BotState) -> [ReminderSlot] {
        var slots: [ReminderSlot] = []
        for milestone in campaign.milestones {
            let deadline = CampaignTime.instant(milestone.date.adding(days: 1), minutes: 0)
            for offset in Set(milestone.offsets) {
                let at = adjusted(
                    CampaignTime.instant(milestone.date.adding(days: -offset), minutes: campaign.reminderMinute))
                slots.append(ReminderSlot(milestone: milestone.id, offset: offset, at: at, deadline: deadline))
            }
        }
        for lesson in state.lessons where lesson.isActive {
            let at = adjusted(
                CampaignTime.instant(lesson.date.adding(days: -1), minutes: campaign.lessonReminderMinute))
            // A lesson booked after its reminder time needs no reminder: the teacher just booked it.
            guard lesson.bookedAt < at else { continue }
            slots.append(
                ReminderSlot(
                    milestone: "lesson:" + lesson.id, offset: 1, at: at,
                    deadline: CampaignTime.instant(lesson.date, minutes: 0)))
        }
        slots += digestSlots()
        slots += evaluationSlots(state: state)
        return slots.sorted { ($0.at, $0.milestone) < ($1.at, $1.milestone) }
    }

    /// The reminders of one slot for everyone it concerns, given the records as they are now. `sending` is when
    /// it goes out (later than the slot when caught up after a restart): "还有 N 天" counts from then.
    /// What planning needs from the state, gathered once for many slots.
    package struct Context: Sendable {
        var people: [Person]
        var secretaries: [String: [Person]]
        var index: [String: StaffRecords]

        package init(_ state: BotState) {
            people = state.activePeople
            secretaries = Dictionary(grouping: people.filter { $0.permission == .secretary }, by: \.branch)
            index = state.recordIndex()
        }
    }

    package func reminders(
        for slot: ReminderSlot, state: BotState, sending: Date? = nil,
        context given: Context? = nil
    ) -> [PlannedReminder] {
        let context = given ?? Context(state)
        let day = CampaignTime.local(sending ?? slot.at).date
        if slot.milestone.hasPrefix(Self.digestPrefix) {
            return digestReminders(for: slot, state: state, day: day, context: context)
        }
        if slot.milestone.hasPrefix("lesson:") {
            let id = String(slot.milestone.dropFirst("lesson:".count))
            guard let lesson = state.lesson(id), lesson.isActive, let teacher = state.roster[lesson.staffID],
                teacher.active
            else { return [] }
            var out: [PlannedReminder] = []
            let tomorrow = lesson.date == day.adding(days: 1) ? "明天" : "\(lesson.date.month)月\(lesson.date.day)日"
            let what =
                "\(lesson.date.chinese)（\(lesson.date.chineseWeekday)）第\(lesson.period)节，\(lesson.className)"
                + (lesson.topic.map { "，《\($0)》" } ?? "")
            if !state.remindersOff.contains(teacher.staffID) {
                out.append(
                    PlannedReminder(
                        at: slot.at, milestone: slot.milestone, offset: slot.offset, recipient: teacher.staffID,
                        text: "【提醒】\(tomorrow)是您的党员示范课 \(lesson.id)：\(what)。祝课堂顺利！", deadline: slot.deadline))
            }
            for secretary in context.secretaries[teacher.branch] ?? []
            where secretary.staffID != teacher.staffID && !state.remindersOff.contains(secretary.staffID) {
                out.append(
                    PlannedReminder(
                        at: slot.at, milestone: slot.milestone, offset: slot.offset, recipient: secretary.staffID,
                        text: "【提醒】\(tomorrow)有本支部\(teacher.name)老师的党员示范课 \(lesson.id)：\(what)。",
                        deadline: slot.deadline))
            }
            return out
        }
        if slot.milestone.hasPrefix(Self.evaluationPrefix) {
            return evaluationReminders(for: slot, state: state, day: day)
        }
        guard let milestone = campaign.milestones.first(where: { $0.id == slot.milestone }) else { return [] }
        let daysLeft = milestone.date.dayNumber - day.dayNumber
        let when = milestone.whenText(daysLeft: daysLeft)
        var out: [PlannedReminder] = []
        let empty = StaffRecords()
        for person in context.people where !state.remindersOff.contains(person.staffID) {
            let owed = state.owed(
                by: person, campaign: campaign, on: day, records: context.index[person.staffID] ?? empty)
            switch milestone.audience {
            case .partyMembers: guard person.partyMember else { continue }
            case .owing: guard !owed.isEmpty else { continue }
            case .withoutPledge: guard owed.contains(.pledge) else { continue }
            }
            var lines = ["【提醒】\(person.name)老师，\(milestone.name)\(when)（\(milestone.date.chinese)）。"]
            let relevant = milestone.audience == .withoutPledge ? owed.filter { $0 == .pledge } : owed
            if !relevant.isEmpty {
                lines.append("您还有：")
                lines += relevant.map { "· " + $0.chinese() }
            }
            lines.append(milestone.note)
            lines.append("发送“我的进度”查看详情；发送“提醒 关”可关闭个人提醒。")
            out.append(
                PlannedReminder(
                    at: slot.at, milestone: slot.milestone, offset: slot.offset, recipient: person.staffID,
                    text: lines.joined(separator: "\n"), deadline: slot.deadline))
        }
        return out
    }

    /// The plan for `[from, to]` (both instants included), as records stand now.
    package func plan(state: BotState, from: Date, to: Date) -> [PlannedReminder] {
        let context = Context(state)
        return slots(state: state).filter { $0.at >= from && $0.at <= to }.flatMap {
            reminders(for: $0, state: state, context: context)
        }
    }

    /// What to send now: every due slot's reminders not yet handled, at most one per (occasion, person) — the latest
    /// offset — as long as the occasion is still ahead. The rest are returned as `skipped` (stale or superseded).
    package func due(state: BotState, now: Date, slots candidates: [ReminderSlot]? = nil)
        -> (send: [PlannedReminder], skipped: [PlannedReminder])
    {
        let dueSlots = (candidates ?? slots(state: state)).filter { $0.at <= now }
        var latest: [String: PlannedReminder] = [:]
        var skipped: [PlannedReminder] = []
        let context = dueSlots.isEmpty ? nil : Context(state)
        for slot in dueSlots {
            for reminder in reminders(for: slot, state: state, sending: now, context: context)
            where !state.sentReminders.contains(reminder.key) {
                guard reminder.deadline > now else {
                    skipped.append(reminder)
                    continue
                }
                let occasion = reminder.milestone + "|" + reminder.recipient
                if let other = latest[occasion] {
                    if reminder.offset < other.offset {
                        skipped.append(other)
                        latest[occasion] = reminder
                    } else {
                        skipped.append(reminder)
                    }
                } else {
                    latest[occasion] = reminder
                }
            }
        }
        // Never twice per (occasion, person, day): when the occasion has a slot later today (caught up at 07:59:30
        // after a restart, with the 08:00 slot to come), the catch-up waits for that slot instead of saying the
        // same thing twice; it is marked as superseded.
        var send: [PlannedReminder] = []
        for reminder in latest.values.sorted(by: { ($0.at, $0.key) < ($1.at, $1.key) }) {
            if laterToday(reminder.milestone, after: now, state: state).isEmpty {
                send.append(reminder)
            } else {
                skipped.append(reminder)
            }
        }
        return (send, skipped)
    }

    /// The slots of `milestone` after `now` on the same local day: a campaign milestone's, or an occasion the state
    /// plans (a 评议 round's deadline), so no kind of reminder is sent twice on one day.
    func laterToday(_ milestone: String, after now: Date, state: BotState? = nil) -> [ReminderSlot] {
        guard let m = campaign.milestones.first(where: { $0.id == milestone }) else {
            let day = CampaignTime.local(now).date
            return (state.map { slots(state: $0) } ?? []).filter {
                $0.milestone == milestone && $0.at > now && CampaignTime.local($0.at).date == day
            }
        }
        let day = CampaignTime.local(now).date
        return Set(m.offsets).compactMap { offset in
            let at = adjusted(CampaignTime.instant(m.date.adding(days: -offset), minutes: campaign.reminderMinute))
            guard at > now, CampaignTime.local(at).date == day else { return nil }
            return ReminderSlot(
                milestone: m.id, offset: offset, at: at,
                deadline: CampaignTime.instant(m.date.adding(days: 1), minutes: 0))
        }
    }
}

extension Milestone {
    /// “就在今天” / “就在明天” / “还有 N 天” (N ≥ 2), never “还有 0 天”; “已过” for a past date.
    package func whenText(daysLeft: Int) -> String {
        switch daysLeft {
        case ..<0: "已过"
        case 0: "就在今天"
        case 1: "就在明天"
        default: "还有 \(daysLeft) 天"
        }
    }
}
