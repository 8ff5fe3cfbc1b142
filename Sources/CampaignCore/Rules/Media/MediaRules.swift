import CampaignIntents
import Foundation

/// Answers that carry a picture or a document: `统计` with its chart, `报告` with the campaign report.
/// The rules only ask for them (`MediaRequest`); the runtime makes them while sending, off the message path.
extension Turn {
    /// The text table, with the chart as a picture where the platform can show one (in a private chat: a group
    /// gets the table only, so a question there adds one message, not two).
    mutating func statsWithChart(_ by: StatsDimension, branch: String?) throws {
        let table = Reports(campaign: campaign, state: state, today: today, english: english).statsReply(
            by: by, branch: branch)
        spoken.append(table)
        try emit(
            .enqueue(
                OutboxMessage(
                    id: state.nextOutboxID, to: message.chat, text: words(table), replyTo: message.messageID,
                    kind: .reply,
                    createdAt: now, media: message.isGroup ? nil : .statsChart(by: by, branch: branch))))
    }

    /// `报告 [第N阶段]`: a short acknowledgement now, the PDF when it is rendered (it takes a few seconds).
    mutating func report(_ person: Person, phase: Int?) throws {
        if let phase, campaign.phase(number: phase) == nil {
            try reply(MediaReply.noSuchPhase(phase, numbers: campaign.phases.map(\.number)))
            return
        }
        try reply(MediaReply.reportComing(phase: phase, asOf: today))
        let title = words(MediaReply.reportTitle(phase: phase, asOf: today))
        try emit(
            .enqueue(
                OutboxMessage(
                    id: state.nextOutboxID, to: message.chat, text: title, kind: .reply, staffID: person.staffID,
                    createdAt: now, media: .report(phase: phase))))
    }
}
