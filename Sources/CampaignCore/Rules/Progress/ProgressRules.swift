import CampaignIntents
import Foundation

/// Where a person stands, what comes next, and their own reminders. The figures are `CampaignQuery`'s, as of today,
/// the same the lists and the report show.
extension Turn {
    func progressText(_ person: Person) -> String {
        let query = CampaignQuery(state: state, campaign: campaign, asOf: today)
        let standing = query.standing(of: person)
        var lines = [t("\(person.name)老师的进度（\(today.chinese)）", "Progress of \(person.name) (\(today))")]
        let stars = standing.stars
        let active = standing.lessons.filter(\.isActive)
        if campaignOver {
            // Nothing can be recorded any more: the records only, no invitation to pledge or book.
            lines.append(
                t("活动已于\(campaign.end.chinese)结束，以下是您的记录。", "The campaign ended on \(campaign.end); your records:"))
            if stars.isEmpty { lines.append(t("承诺：未申报", "Pledge: none")) }
            if person.teachesDemoLesson && active.isEmpty {
                lines.append(t("示范课：未上", "Demo lesson: none"))
            }
        } else if stars.isEmpty {
            let allowed = campaign.stars.filter { person.mayStrive(for: $0) }.map(\.star.chineseName).joined(
                separator: "、")
            lines.append(
                t(
                    "承诺：尚未申报（截止\(campaign.pledgeDeadline.chinese)）。您可以申报：\(allowed)。例如：承诺 \(campaign.stars.first { person.mayStrive(for: $0) }?.star.chineseName ?? "科学之星") 承诺内容",
                    "Pledge: none yet (deadline \(campaign.pledgeDeadline))."))
        }
        for star in stars {
            lines.append(
                t(
                    "· \(star.star.chineseName)（\(star.pledge.id)）\(star.complete ? "已完成 ✓" : "")",
                    "· \(star.star.englishName) (\(star.pledge.id))\(star.complete ? " complete ✓" : "")"))
            for item in star.items {
                let evidence = item.evidence.isEmpty ? "" : "（\(item.evidence.joined(separator: "、"))）"
                lines.append(
                    "   \(item.done ? "✓" : "✗") \(item.requirement.name)\(item.done ? evidence : t(" 待完成", " to do"))")
            }
        }
        if person.teachesDemoLesson {
            if active.isEmpty && !campaignOver {
                if let span = campaign.lessonSpan, today > span.to {
                    // The window has closed: nothing to invite, only the fact.
                    lines.append(
                        t("示范课：未上（示范课安排在\(span.chinese)，已结束）", "Demo lesson: none (the window \(span) has closed)"))
                } else {
                    lines.append(
                        t(
                            "示范课：尚未预约（须在\(campaign.lessonSpan?.chinese ?? "")内）。例如：\(IntentKind.bookLesson.example.zh)",
                            "Demo lesson: not booked yet."))
                }
            }
            for lesson in active {
                let state = query.state(of: lesson)
                lines.append(
                    t(
                        "示范课：\(lesson.id) \(describe(lesson))（\(state.chineseName)\(lesson.nominated ? "，支部推荐" : "")）",
                        "Demo lesson: \(lesson.id) \(describe(lesson)) (\(state.englishName))"))
                if state == .awaiting && !campaignOver {
                    lines.append(
                        t(
                            "   上过的话请发送“确认示范课 \(lesson.id) 已上”，确认后才算完成。",
                            "   If it was taught, send /held \(lesson.id) yes: it counts once confirmed."))
                }
            }
        }
        if !standing.visits.isEmpty || person.has(.classTeacher) || stars.contains(where: { $0.star == .moral }) {
            lines.append(
                t(
                    "家访：\(standing.visits.count) 次（其中节假日 \(standing.holidayVisits.count) 次）",
                    "Home visits: \(standing.visits.count) (\(standing.holidayVisits.count) on holidays)"))
        }
        if !standing.works.isEmpty {
            lines.append(
                t("成果：", "Work: ")
                    + standing.works.map { "\($0.id) \(english ? $0.kind.englishName : $0.kind.displayName)" }.joined(
                        separator: t("；", "; ")))
        }
        lines += benchmarkProgressLines(person)
        let next = query.nextDeadline(for: standing)
        if let node = query.nextNode(for: standing, before: next?.date) {
            let days = node.date.dayNumber - today.dayNumber
            lines.append(
                t(
                    "下一个节点：\(node.name) \(node.date.chinese)（\(node.whenText(daysLeft: days))）",
                    "Next occasion: \(node.name) \(node.date) (\(days) days)"))
        }
        if let next {
            let days = next.date.dayNumber - today.dayNumber
            lines.append(
                t(
                    "下一个截止：\(next.name) \(next.date.chinese)（\(Self.whenText(daysLeft: days))）",
                    "Next deadline: \(next.englishName) \(next.date) (\(days) days)"))
        }
        if let line = evaluationProgressLine(person) { lines.append(line) }
        if state.remindersOff.contains(person.staffID) { lines.append(t("（个人提醒已关闭）", "(reminders are off)")) }
        return lines.joined(separator: "\n")
    }

    /// “就在今天” / “就在明天” / “还有 N 天”, as milestones say it.
    static func whenText(daysLeft: Int) -> String {
        switch daysLeft {
        case ..<0: "已过"
        case 0: "就在今天"
        case 1: "就在明天"
        default: "还有 \(daysLeft) 天"
        }
    }

    func calendarText() -> String {
        var lines = [t("\(campaign.name)", "\(campaign.name)")]
        for phase in campaign.phases {
            let mark = phase.span.contains(today) ? t(" ← 当前", " ← now") : (phase.span.to < today ? t(" ✓", " ✓") : "")
            lines.append(
                t(
                    "第\(phase.number)阶段 \(phase.name)：\(phase.span.from.chinese)—\(phase.span.to.chinese)\(mark)",
                    "Phase \(phase.number) \(phase.name): \(phase.span.from) – \(phase.span.to)\(mark)"))
        }
        let upcoming = campaign.milestones.filter { $0.date >= today }.sorted { $0.date < $1.date }.prefix(4)
        if !upcoming.isEmpty {
            lines.append(t("近期节点：", "Coming up:"))
            for m in upcoming { lines.append("· \(m.date.chinese) \(m.name)") }
        }
        return lines.joined(separator: "\n")
    }

    mutating func remind(_ person: Person, _ on: Bool) throws {
        try emit(.setReminders(staffID: person.staffID, on: on))
        try reply(
            on
                ? t("好的，已打开个人提醒。", "Reminders are on.")
                : t(
                    "好的，已关闭个人提醒。管理员的通知仍会发给您。发送“提醒 开”可重新打开。",
                    "Reminders are off. Notices from the admins still arrive. Send /remind on to turn them back on."))
    }
}
