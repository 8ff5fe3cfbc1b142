import CampaignIntents

/// What the 对标定位 rule decided, and all of its words.
enum BenchmarkReply: Reply {
    /// A part of an entry to ask for.
    enum Part: String {
        case model
        case gaps
        case steps
    }

    case noPhase
    case notPartyMember
    case notOpenYet(Phase)
    case closed(Phase)
    case unchanged(Benchmark)
    /// Recorded, or (`revised`) a new version of the member's entry.
    case recorded(Benchmark, revised: Bool)
    /// Asks for a missing part: in a group, to write all three; otherwise the answer completes the entry.
    case ask(Part, inGroup: Bool)
    /// `对标` alone: the member's entry in `phase`, or (nil) what to write as of `today`.
    case shown(Benchmark?, phase: Phase, today: CalendarDate)
    /// What an entry said, as its history keeps it.
    case earlierText(Benchmark)

    func text(english: Bool) -> String {
        switch self {
        case .noPhase:
            return english ? "This campaign has no benchmarking phase. Send /calendar." : "本次活动没有对标定位阶段。发送“日程”可查看各阶段。"
        case .notPartyMember:
            return english
                ? "Benchmarking is a task for Party members; the roster does not list you as one. Ask an admin if that is wrong."
                : "对标定位是党员的任务；按名单您不是党员，无需填写。如名单有误，请联系党总支管理员。"
        case .notOpenYet(let phase):
            return english
                ? "Benchmarking belongs to phase \(phase.number) (\(phase.span.from) – \(phase.span.to)); it opens on \(phase.span.from). Send /me for what is due now."
                : "对标定位是第\(phase.number)阶段（\(phase.name)，\(phase.span.chinese)）的任务，尚未开始，\(phase.span.from.chinese)起可以填写。现在请先完成本阶段的任务（发送“我的进度”查看）。"
        case .closed(let phase):
            return english
                ? "Phase \(phase.number) ended on \(phase.span.to); benchmarks are closed. Send /benchmark to see yours; ask an admin to correct it."
                : "第\(phase.number)阶段（\(phase.name)）已于\(phase.span.to.chinese)结束，对标定位不再登记或修改。发送“对标”可查看您的对标；如需更正，请联系党总支管理员。"
        case .unchanged(let current):
            return english
                ? "Your benchmark \(current.id) is unchanged."
                : "您的对标 \(current.id) 没有变化：\n" + Self.lines(current, english: false).joined(separator: "\n")
        case .recorded(let entry, let revised):
            let heading =
                revised
                ? (english ? "Benchmark \(entry.id) revised (the old text is kept):" : "已更新您的对标定位 \(entry.id)（原内容已留档）：")
                : (english ? "Benchmark \(entry.id) recorded:" : "已登记您的对标定位 \(entry.id)：")
            return
                ([heading] + Self.lines(entry, english: english) + [
                    english
                        ? "Revise any part at any time, e.g. /benchmark steps:observe one lesson a week"
                        : "以后可随时修改，如：对标 措施：每周听一节课"
                ]).joined(separator: "\n")
        case .ask(let part, let inGroup):
            let question: String
            let example: String
            switch part {
            case .model:
                question =
                    english ? "Who is the model you measure yourself against?" : "请告诉我您对标的榜样（学习的先进典型是谁，如 李老师（市级优秀教师））。"
                example = english ? "Ms Li" : "李老师（市级优秀教师）"
            case .gaps:
                question = english ? "Compared with your model, what are your gaps?" : "对照榜样，您的差距或不足是什么？"
                example = english ? "my questions in class" : "课堂提问设计不够"
            case .steps:
                question = english ? "What steps will you take?" : "您打算采取哪些措施缩小差距？"
                example = english ? "observe two lessons a month" : "每月听两节课"
            }
            if inGroup {
                return question
                    + (english
                        ? "\nPlease give all three parts, e.g. \(IntentKind.benchmark.example.en)"
                        : "\n请写全三部分，例如：\(IntentKind.benchmark.example.zh)")
            }
            return question
                + (english
                    ? "\nJust reply with it (e.g. \(example)); send “cancel” to drop it."
                    : "\n直接回复即可（如：\(example)）；发送“取消”放弃。")
        case .shown(let current?, let phase, _):
            let revised =
                current.revisedAt.map {
                    english ? ", revised \(CampaignTime.local($0).date)" : "，\(CampaignTime.local($0).date.chinese)修改"
                } ?? ""
            return
                ([
                    english
                        ? "Your benchmark \(current.id) (phase \(phase.number)\(revised)):"
                        : "您的对标定位 \(current.id)（第\(phase.number)阶段\(revised)）："
                ] + Self.lines(current, english: english)).joined(separator: "\n")
        case .shown(nil, let phase, let today):
            let when =
                today < phase.span.from
                ? (english ? " (opens \(phase.span.from))" : "（\(phase.span.from.chinese)起填写）")
                : today > phase.span.to
                    ? (english ? " (phase \(phase.number) has ended)" : "（第\(phase.number)阶段已结束）") : ""
            return english
                ? "You have no benchmark yet\(when). In phase \(phase.number) every Party member writes down a model, gaps and steps, e.g.\n\(IntentKind.benchmark.example.en)"
                : "您还没有填写对标定位\(when)。第\(phase.number)阶段（\(phase.span.chinese)）每位党员写下对标的榜样、差距和措施，例如：\n\(IntentKind.benchmark.example.zh)"
        case .earlierText(let b):
            return english ? "benchmark \(b.id): " + b.english : "对标 \(b.id)：" + b.chinese
        }
    }

    static func lines(_ b: Benchmark, english: Bool) -> [String] {
        english
            ? ["· model: \(b.model)", "· gaps: \(b.gaps)", "· steps: \(b.steps)"]
            : ["· 榜样：\(b.model)", "· 差距：\(b.gaps)", "· 措施：\(b.steps)"]
    }
}
