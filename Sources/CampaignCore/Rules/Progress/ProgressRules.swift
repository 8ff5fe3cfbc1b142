import CampaignIntents
import Foundation

/// Where a person stands, what comes next, and their own reminders.
extension Turn {
    func progressText(_ person: Person) -> String {
        var lines = [t("\(person.name)老师的进度（\(today.chinese)）", "Progress of \(person.name) (\(today))")]
        let stars = state.starProgress(of: person, campaign: campaign)
        if campaignOver {
            // Nothing can be recorded any more: the records only, no invitation to pledge or book.
            lines.append(
                t("活动已于\(campaign.end.chinese)结束，以下是您的记录。", "The campaign ended on \(campaign.end); your records:"))
            if stars.isEmpty { lines.append(t("承诺：未申报", "Pledge: none")) }
            if person.teachesDemoLesson && state.activeLessons(of: person.staffID).isEmpty {
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
            let lessons = state.activeLessons(of: person.staffID)
            if lessons.isEmpty && !campaignOver {
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
            for lesson in lessons.sorted(by: { $0.date < $1.date }) {
                let state = english ? (lesson.isHeld ? "taught" : "booked") : lesson.statusName(today: today)
                lines.append(
                    t(
                        "示范课：\(lesson.id) \(describe(lesson))（\(state)\(lesson.nominated ? "，支部推荐" : "")）",
                        "Demo lesson: \(lesson.id) \(describe(lesson)) (\(state))"))
            }
        }
        let visits = state.visits(of: person.staffID)
        if !visits.isEmpty || person.has(.classTeacher) || stars.contains(where: { $0.star == .moral }) {
            lines.append(
                t(
                    "家访：\(visits.count) 次（其中节假日 \(visits.filter(\.holiday).count) 次）",
                    "Home visits: \(visits.count) (\(visits.filter(\.holiday).count) on holidays)"))
        }
        let works = state.works(of: person.staffID)
        if !works.isEmpty {
            lines.append(
                t("成果：", "Work: ")
                    + works.map { "\($0.id) \(english ? $0.kind.englishName : $0.kind.chineseName)" }.joined(
                        separator: t("；", "; ")))
        }
        lines += benchmarkProgressLines(person)
        if let next = nextDeadline(for: person) {
            let days = next.date.dayNumber - today.dayNumber
            lines.append(
                t(
                    "下一个截止：\(next.name) \(next.date.chinese)（\(next.whenText(daysLeft: days))）",
                    "Next deadline: \(next.name) \(next.date) (\(days) days)"))
        }
        if let line = evaluationProgressLine(person) { lines.append(line) }
        if state.remindersOff.contains(person.staffID) { lines.append(t("（个人提醒已关闭）", "(reminders are off)")) }
        return lines.joined(separator: "\n")
    }

    func nextDeadline(for person: Person) -> Milestone? {
        let owesPledge = state.pledges(of: person.staffID).isEmpty
        return campaign.milestones
            .filter { $0.date >= today && ($0.audience == .owing || ($0.audience == .withoutPledge && owesPledge)) }
            .min { $0.date < $1.date }
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
