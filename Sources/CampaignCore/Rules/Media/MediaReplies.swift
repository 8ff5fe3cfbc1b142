import CampaignIntents

/// What the report rule decided, and all of its words.
enum MediaReply: Reply {
    /// The campaign has no phase `phase`; `numbers`: the phases it has.
    case noSuchPhase(Int, numbers: [Int])
    /// The report is being made, for `phase` (nil: the whole campaign) as of a day.
    case reportComing(phase: Int?, asOf: CalendarDate)
    /// The report's caption.
    case reportTitle(phase: Int?, asOf: CalendarDate)

    func text(english: Bool) -> String {
        switch self {
        case .noSuchPhase(let phase, let numbers):
            let numbers = numbers.map(String.init).joined(separator: "、")
            return english
                ? "There is no phase \(phase) (phases: \(numbers)). Example: /report 2, or /report for the whole campaign."
                : "本次活动没有第\(phase)阶段（共有第\(numbers)阶段）。例如：报告 第2阶段；只发“报告”则生成整个活动的简报。"
        case .reportComing(let phase, let asOf):
            let scope = Self.scope(phase, english: english)
            return english
                ? "Making the report (\(scope), as of \(asOf)); the PDF follows in a few seconds."
                : "正在生成简报（\(scope)，截至\(asOf.chinese)），约需十几秒，完成后以 PDF 文件发给您。"
        case .reportTitle(let phase, let asOf):
            let scope = Self.scope(phase, english: english)
            return english ? "Campaign report (\(scope), as of \(asOf))" : "创先争优活动简报（\(scope)，截至\(asOf.chinese)）"
        }
    }

    private static func scope(_ phase: Int?, english: Bool) -> String {
        phase.map { english ? "phase \($0)" : "第\($0)阶段" } ?? (english ? "the whole campaign" : "整个活动")
    }
}
