import CampaignIntents

/// A person's progress (我的进度), as the figures stood today, and all of its words.
struct ProgressReply: Reply {
    struct LessonLine {
        var lesson: Lesson
        var state: LessonState
    }

    /// An unfinished 评议 round: its name, deadline, and how far the person's ballot got.
    struct EvaluationLine {
        var round: String
        var deadline: CalendarDate
        var answered: (position: Int, of: Int)?
    }

    /// The person's 对标定位: filled in, or still due by a day.
    enum BenchmarkLine {
        case filled(Benchmark)
        case due(CalendarDate)
    }

    var campaign: Campaign
    var person: Person
    var today: CalendarDate
    var standing: PersonStanding
    var lessons: [LessonLine]
    var benchmark: BenchmarkLine?
    var nextNode: Milestone?
    var nextDeadline: Deadline?
    var evaluation: EvaluationLine?
    var remindersOff: Bool

    func text(english: Bool) -> String {
        var lines = [english ? "Progress of \(person.name) (\(today))" : "\(person.name)老师的进度（\(today.chinese)）"]
        let stars = standing.stars
        let campaignOver = today > campaign.end
        if campaignOver {
            // Nothing can be recorded any more: the records only, no invitation to pledge or book.
            lines.append(
                english
                    ? "The campaign ended on \(campaign.end); your records:" : "活动已于\(campaign.end.chinese)结束，以下是您的记录。")
            if stars.isEmpty { lines.append(english ? "Pledge: none" : "承诺：未申报") }
            if person.teachesDemoLesson && lessons.isEmpty {
                lines.append(english ? "Demo lesson: none" : "示范课：未上")
            }
        } else if stars.isEmpty {
            let allowed = campaign.stars.filter { person.mayStrive(for: $0) }.map(\.star.chineseName).joined(
                separator: "、")
            lines.append(
                english
                    ? "Pledge: none yet (deadline \(campaign.pledgeDeadline))."
                    : "承诺：尚未申报（截止\(campaign.pledgeDeadline.chinese)）。您可以申报：\(allowed)。例如：承诺 \(campaign.stars.first { person.mayStrive(for: $0) }?.star.chineseName ?? "科学之星") 承诺内容"
            )
        }
        for star in stars {
            lines.append(
                english
                    ? "· \(star.star.englishName) (\(star.pledge.id))\(star.complete ? " complete ✓" : "")"
                    : "· \(star.star.chineseName)（\(star.pledge.id)）\(star.complete ? "已完成 ✓" : "")")
            for item in star.items {
                let evidence = item.evidence.isEmpty ? "" : "（\(item.evidence.joined(separator: "、"))）"
                lines.append(
                    "   \(item.done ? "✓" : "✗") \(item.requirement.name)\(item.done ? evidence : english ? " to do" : " 待完成")"
                )
            }
        }
        if person.teachesDemoLesson {
            if lessons.isEmpty && !campaignOver {
                if let span = campaign.lessonSpan, today > span.to {
                    // The window has closed: nothing to invite, only the fact.
                    lines.append(
                        english
                            ? "Demo lesson: none (the window \(span) has closed)" : "示范课：未上（示范课安排在\(span.chinese)，已结束）")
                } else {
                    lines.append(
                        english
                            ? "Demo lesson: not booked yet."
                            : "示范课：尚未预约（须在\(campaign.lessonSpan?.chinese ?? "")内）。例如：\(IntentKind.bookLesson.example.zh)"
                    )
                }
            }
            for line in lessons {
                let lesson = line.lesson
                let described = lesson.described(english: english)
                lines.append(
                    english
                        ? "Demo lesson: \(lesson.id) \(described) (\(line.state.englishName))"
                        : "示范课：\(lesson.id) \(described)（\(line.state.chineseName)\(lesson.nominated ? "，支部推荐" : "")）")
                if line.state == .awaiting && !campaignOver {
                    lines.append(
                        english
                            ? "   If it was taught, send /held \(lesson.id) yes: it counts once confirmed."
                            : "   上过的话请发送“确认示范课 \(lesson.id) 已上”，确认后才算完成。")
                }
            }
        }
        if !standing.visits.isEmpty || person.has(.classTeacher) || stars.contains(where: { $0.star == .moral }) {
            lines.append(
                english
                    ? "Home visits: \(standing.visits.count) (\(standing.holidayVisits.count) on holidays)"
                    : "家访：\(standing.visits.count) 次（其中节假日 \(standing.holidayVisits.count) 次）")
        }
        if !standing.works.isEmpty {
            lines.append(
                (english ? "Work: " : "成果：")
                    + standing.works.map { "\($0.id) \(english ? $0.kind.englishName : $0.kind.displayName)" }.joined(
                        separator: english ? "; " : "；"))
        }
        switch benchmark {
        case .filled(let b):
            lines.append(
                english ? "Benchmark: \(b.id) \(b.english)" : "对标定位：\(b.id) 榜样：\(b.model)；差距：\(b.gaps)；措施：\(b.steps)")
        case .due(let date):
            lines.append(
                english
                    ? "Benchmark: none yet (due \(date))."
                    : "对标定位：尚未填写（截止\(date.chinese)）。例如：\(IntentKind.benchmark.example.zh)")
        case nil:
            break
        }
        if let node = nextNode {
            let days = node.date.dayNumber - today.dayNumber
            lines.append(
                english
                    ? "Next occasion: \(node.name) \(node.date) (\(days) days)"
                    : "下一个节点：\(node.name) \(node.date.chinese)（\(node.whenText(daysLeft: days))）")
        }
        if let next = nextDeadline {
            let days = next.date.dayNumber - today.dayNumber
            lines.append(
                english
                    ? "Next deadline: \(next.englishName) \(next.date) (\(days) days)"
                    : "下一个截止：\(next.name) \(next.date.chinese)（\(Turn.whenText(daysLeft: days))）")
        }
        if let evaluation {
            let done =
                evaluation.answered.map {
                    english ? ", \($0.position)/\($0.of) answered" : "，已答 \($0.position)/\($0.of)"
                } ?? ""
            lines.append(
                english
                    ? "Evaluation: “\(evaluation.round)” not finished\(done) (until \(evaluation.deadline)). Send /evaluate."
                    : "评议：“\(evaluation.round)”尚未完成\(done)（截止\(evaluation.deadline.chinese)）。发送“评议”开始或继续。")
        }
        if remindersOff { lines.append(english ? "(reminders are off)" : "（个人提醒已关闭）") }
        return lines.joined(separator: "\n")
    }
}

/// The campaign's phases and the next few milestones (活动安排).
struct CalendarReply: Reply {
    var campaign: Campaign
    var today: CalendarDate

    func text(english: Bool) -> String {
        var lines = ["\(campaign.name)"]
        for phase in campaign.phases {
            let mark = phase.span.contains(today) ? (english ? " ← now" : " ← 当前") : (phase.span.to < today ? " ✓" : "")
            lines.append(
                english
                    ? "Phase \(phase.number) \(phase.name): \(phase.span.from) – \(phase.span.to)\(mark)"
                    : "第\(phase.number)阶段 \(phase.name)：\(phase.span.from.chinese)—\(phase.span.to.chinese)\(mark)")
        }
        let upcoming = campaign.milestones.filter { $0.date >= today }.sorted { $0.date < $1.date }.prefix(4)
        if !upcoming.isEmpty {
            lines.append(english ? "Coming up:" : "近期节点：")
            for m in upcoming { lines.append("· \(m.date.chinese) \(m.name)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// Personal reminders turned on or off.
enum RemindersReply: Reply {
    case on
    case off

    func text(english: Bool) -> String {
        switch self {
        case .on: english ? "Reminders are on." : "好的，已打开个人提醒。"
        case .off:
            english
                ? "Reminders are off. Notices from the admins still arrive. Send /remind on to turn them back on."
                : "好的，已关闭个人提醒。管理员的通知仍会发给您。发送“提醒 开”可重新打开。"
        }
    }
}
