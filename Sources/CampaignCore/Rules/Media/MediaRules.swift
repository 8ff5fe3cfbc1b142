import CampaignIntents
import Foundation

/// Answers that carry a picture or a document: `统计` with its chart, `报告` with the campaign report.
/// The rules only ask for them (`MediaRequest`); the runtime makes them while sending, off the message path.
extension Turn {
    /// The text table, with the chart as a picture where the platform can show one (in a private chat: a group
    /// gets the table only, so a question there adds one message, not two).
    mutating func statsWithChart(_ by: StatsDimension, branch: String?) throws {
        let table = Reports(campaign: campaign, state: state, today: today, english: english).stats(
            by: by, branch: branch)
        try emit(
            .enqueue(
                OutboxMessage(
                    id: state.nextOutboxID, to: message.chat, text: table, replyTo: message.messageID, kind: .reply,
                    createdAt: now, media: message.isGroup ? nil : .statsChart(by: by, branch: branch))))
    }

    /// `报告 [第N阶段]`: a short acknowledgement now, the PDF when it is rendered (it takes a few seconds).
    mutating func report(_ person: Person, phase: Int?) throws {
        if let phase, campaign.phase(number: phase) == nil {
            let numbers = campaign.phases.map { String($0.number) }.joined(separator: "、")
            try reply(
                t(
                    "本次活动没有第\(phase)阶段（共有第\(numbers)阶段）。例如：报告 第2阶段；只发“报告”则生成整个活动的简报。",
                    "There is no phase \(phase) (phases: \(numbers)). Example: /report 2, or /report for the whole campaign."
                ))
            return
        }
        let scope = phase.map { t("第\($0)阶段", "phase \($0)") } ?? t("整个活动", "the whole campaign")
        try reply(
            t(
                "正在生成简报（\(scope)，截至\(today.chinese)），约需十几秒，完成后以 PDF 文件发给您。",
                "Making the report (\(scope), as of \(today)); the PDF follows in a few seconds."))
        let title = t("创先争优活动简报（\(scope)，截至\(today.chinese)）", "Campaign report (\(scope), as of \(today))")
        try emit(
            .enqueue(
                OutboxMessage(
                    id: state.nextOutboxID, to: message.chat, text: title, kind: .reply, staffID: person.staffID,
                    createdAt: now, media: .report(phase: phase))))
    }
}
