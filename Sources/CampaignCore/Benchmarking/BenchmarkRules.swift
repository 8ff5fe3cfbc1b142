import CampaignIntents
import Foundation

/// 对标定位 (phase 3, 对标定位，晋档升级): a Party member writes down the model they measure themselves against,
/// their gaps and their steps. A part left out is asked for (the conversation of Conversation.swift), or kept from the
/// member's current entry when they revise it; each revision goes into the entry's history.
extension Turn {
    mutating func benchmark(_ person: Person, _ given: BenchmarkEntry) throws {
        guard let phase = campaign.benchmarkPhase else {
            try reply(t("本次活动没有对标定位阶段。发送“日程”可查看各阶段。", "This campaign has no benchmarking phase. Send /calendar."))
            return
        }
        let current = state.benchmark(of: person.staffID, phase: phase.number)
        if given.isEmpty {
            try reply(benchmarkText(person, current, phase: phase))
            return
        }
        guard person.partyMember else {
            try reply(
                t(
                    "对标定位是党员的任务；按名单您不是党员，无需填写。如名单有误，请联系党总支管理员。",
                    "Benchmarking is a task for Party members; the roster does not list you as one. Ask an admin if that is wrong."
                ))
            return
        }
        guard phase.span.contains(today) else {
            try reply(
                today < phase.span.from
                    ? t(
                        "对标定位是第\(phase.number)阶段（\(phase.name)，\(phase.span.chinese)）的任务，尚未开始，\(phase.span.from.chinese)起可以填写。现在请先完成本阶段的任务（发送“我的进度”查看）。",
                        "Benchmarking belongs to phase \(phase.number) (\(phase.span.from) – \(phase.span.to)); it opens on \(phase.span.from). Send /me for what is due now."
                    )
                    : t(
                        "第\(phase.number)阶段（\(phase.name)）已于\(phase.span.to.chinese)结束，对标定位不再登记或修改。发送“对标”可查看您的对标；如需更正，请联系党总支管理员。",
                        "Phase \(phase.number) ended on \(phase.span.to); benchmarks are closed. Send /benchmark to see yours; ask an admin to correct it."
                    ))
            return
        }
        let model = given.model ?? current?.model, gaps = given.gaps ?? current?.gaps,
            steps = given.steps ?? current?.steps
        guard let model, let gaps, let steps else {
            try askBenchmarkPart(model: model, gaps: gaps, steps: steps)
            return
        }
        var entry = Benchmark(
            id: current?.id ?? state.nextID("B"), staffID: person.staffID, phase: phase.number,
            model: model, gaps: gaps, steps: steps, at: current?.at ?? now, revisedAt: current == nil ? nil : now)
        if let current, current.model == model, current.gaps == gaps, current.steps == steps {
            try reply(
                t(
                    "您的对标 \(current.id) 没有变化：\n" + lines(current).joined(separator: "\n"),
                    "Your benchmark \(current.id) is unchanged."))
            return
        }
        let history = current.map {
            RecordHistoryEntry(
                at: now, by: person.staffID, action: "修改",
                before: t("对标 \($0.id)：", "benchmark \($0.id): ") + t($0.chinese, $0.english))
        }
        if current == nil { entry.revisedAt = nil }
        try emit(.benchmark(entry, entry: history))
        let heading =
            current == nil
            ? t("已登记您的对标定位 \(entry.id)：", "Benchmark \(entry.id) recorded:")
            : t("已更新您的对标定位 \(entry.id)（原内容已留档）：", "Benchmark \(entry.id) revised (the old text is kept):")
        try reply(
            ([heading] + lines(entry) + [
                t(
                    "以后可随时修改，如：对标 措施：每周听一节课",
                    "Revise any part at any time, e.g. /benchmark steps:observe one lesson a week")
            ]).joined(separator: "\n"))
    }

    /// Asks for the first missing part and remembers the question, so the answer completes the entry.
    private mutating func askBenchmarkPart(model: String?, gaps: String?, steps: String?) throws {
        let (argument, question, example): (String, String, String)
        if model == nil {
            (argument, question, example) = (
                "model", t("请告诉我您对标的榜样（学习的先进典型是谁，如 李老师（市级优秀教师））。", "Who is the model you measure yourself against?"),
                t("李老师（市级优秀教师）", "Ms Li")
            )
        } else if gaps == nil {
            (argument, question, example) = (
                "gaps", t("对照榜样，您的差距或不足是什么？", "Compared with your model, what are your gaps?"),
                t("课堂提问设计不够", "my questions in class")
            )
        } else {
            (argument, question, example) = (
                "steps", t("您打算采取哪些措施缩小差距？", "What steps will you take?"), t("每月听两节课", "observe two lessons a month")
            )
        }
        let known = [("model", model), ("gaps", gaps), ("steps", steps)].compactMap { key, value in
            value.map { "\(key):\($0)" }
        }
        let text = ([english ? "/benchmark" : "对标"] + known).joined(separator: " ")
        guard !message.isGroup else {
            try reply(
                question
                    + t(
                        "\n请写全三部分，例如：\(IntentKind.benchmark.example.zh)",
                        "\nPlease give all three parts, e.g. \(IntentKind.benchmark.example.en)"))
            return
        }
        try emit(
            .setPending(identity: message.identity.key, PendingQuestion(text: text, argument: argument, askedAt: now)))
        try reply(
            question
                + t(
                    "\n直接回复即可（如：\(example)）；发送“取消”放弃。",
                    "\nJust reply with it (e.g. \(example)); send “cancel” to drop it."))
    }

    func lines(_ b: Benchmark) -> [String] {
        [
            t("· 榜样：\(b.model)", "· model: \(b.model)"), t("· 差距：\(b.gaps)", "· gaps: \(b.gaps)"),
            t("· 措施：\(b.steps)", "· steps: \(b.steps)"),
        ]
    }

    /// `对标` alone: the member's entry, or what to write.
    func benchmarkText(_ person: Person, _ current: Benchmark?, phase: Phase) -> String {
        if let current {
            let revised =
                current.revisedAt.map {
                    t("，\(CampaignTime.local($0).date.chinese)修改", ", revised \(CampaignTime.local($0).date)")
                } ?? ""
            return
                ([
                    t(
                        "您的对标定位 \(current.id)（第\(phase.number)阶段\(revised)）：",
                        "Your benchmark \(current.id) (phase \(phase.number)\(revised)):")
                ]
                + lines(current)).joined(separator: "\n")
        }
        let when =
            today < phase.span.from
            ? t("（\(phase.span.from.chinese)起填写）", " (opens \(phase.span.from))")
            : today > phase.span.to ? t("（第\(phase.number)阶段已结束）", " (phase \(phase.number) has ended)") : ""
        return t(
            "您还没有填写对标定位\(when)。第\(phase.number)阶段（\(phase.span.chinese)）每位党员写下对标的榜样、差距和措施，例如：\n\(IntentKind.benchmark.example.zh)",
            "You have no benchmark yet\(when). In phase \(phase.number) every Party member writes down a model, gaps and steps, e.g.\n\(IntentKind.benchmark.example.en)"
        )
    }

    /// The progress lines of 对标定位: in phase 3 for Party members, and afterwards for those who wrote one.
    func benchmarkProgressLines(_ person: Person) -> [String] {
        guard let phase = campaign.benchmarkPhase, person.partyMember, today >= phase.span.from else { return [] }
        if let b = state.benchmark(of: person.staffID, phase: phase.number) {
            return [t("对标定位：\(b.id) 榜样：\(b.model)；差距：\(b.gaps)；措施：\(b.steps)", "Benchmark: \(b.id) \(b.english)")]
        }
        guard phase.span.contains(today) else { return [] }
        return [
            t(
                "对标定位：尚未填写（截止\(phase.span.to.chinese)）。例如：\(IntentKind.benchmark.example.zh)",
                "Benchmark: none yet (due \(phase.span.to)).")
        ]
    }
}

extension Reports {
    /// Party members without a 对标 in the benchmark phase.
    func missingBenchmarks(_ people: [Person]) -> MissingList {
        guard let phase = campaign.benchmarkPhase else {
            return MissingList(rule: t("本次活动没有对标定位阶段", "no benchmarking phase"), applies: 0, rows: [])
        }
        let members = people.filter(\.partyMember)
        let rows = members.filter { state.benchmark(of: $0.staffID, phase: phase.number) == nil }.map {
            ($0, t("未填写对标", "no benchmark"))
        }
        var rule = t(
            "每位党员在第\(phase.number)阶段（\(phase.span.chinese)）写下对标的榜样、差距和措施",
            "every Party member records a benchmark in phase \(phase.number) (\(phase.span.from) – \(phase.span.to))")
        if today < phase.span.from { rule += t("（尚未开始）", " (not begun yet)") }
        return MissingList(rule: rule, applies: members.count, rows: rows)
    }
}
