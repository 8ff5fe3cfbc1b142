package import CampaignIntents
package import Foundation

/// A picture or document that goes with an outbox message and is made (or fetched) only when the message is sent:
/// charts and the report take seconds and tools the rules know nothing of, and large files stay out of the journal.
/// A request still in the outbox after a restart is simply made again.
package enum MediaRequest: Codable, Sendable, Hashable {
    /// The chart for `统计` (the message's text is the table, and stays the answer where pictures cannot go).
    case statsChart(by: StatsDimension, branch: String?)
    /// The released results of 评议 round `round` as a chart (aggregates only; `branch`: that branch's).
    case evaluationChart(round: Int, branch: String?)
    /// The campaign report (简报) as a PDF.
    case report(phase: Int?)
    /// A file a teacher attached to a record, sent back to someone allowed to see it.
    case storedFile(StoredFile)

    /// What the person reads where the platform cannot carry the file (the chart's table is already the text).
    /// `elsewhere`: the names of the school's connected platforms that can, as the runtime knows them.
    package func fallbackNote(elsewhere: [String]) -> String? {
        let there = elsewhere.isEmpty ? nil : elsewhere.joined(separator: "、")
        switch self {
        case .statsChart, .evaluationChart:
            return nil
        case .report:
            return "（此平台暂不能发送文件。" + (there.map { "请在\($0)私聊中发送“报告”，或" } ?? "请")
                + "由管理员在服务器上运行 cxzy report --format pdf。）"
        case .storedFile:
            return "（此平台暂不能发送文件" + (there.map { "，请在\($0)中查看。）" } ?? "，请联系管理员在服务器上取出。）")
        }
    }

    /// What the person is told when making it failed (the runtime logs the details for the operator).
    package var failureNote: String {
        switch self {
        case .statsChart: "（统计图生成失败，已记录在运行日志中；以上文字统计不受影响。）"
        case .evaluationChart: "（评议结果图生成失败，已记录在运行日志中；以上文字结果不受影响。）"
        case .report: "抱歉，简报生成失败，已记录在运行日志中。请稍后再发送“报告”，或联系运维人员。"
        case .storedFile: "抱歉，这个附件暂时取不出来，已记录在运行日志中。请联系运维人员。"
        }
    }
}

/// A made picture or document, ready to send.
package struct RenderedMedia: Sendable {
    package var fileName: String
    package var mimeType: String
    package var data: Data
    /// Sent as a photo / `m.image` rather than as a file.
    package var isPicture: Bool

    package init(fileName: String, mimeType: String, data: Data, isPicture: Bool) {
        self.fileName = fileName
        self.mimeType = mimeType
        self.data = data
        self.isPicture = isPicture
    }
}

/// Makes charts and reports for the runtime. The `cxzy` executable gives it one backed by the report module;
/// the rules never call it.
package protocol MediaRenderer: Sendable {
    /// `load` reads an attached file's bytes (for the report's 图片展); `today` is the day the request was made.
    func render(
        _ request: MediaRequest, state: BotState, campaign: Campaign, today: CalendarDate,
        load: @escaping @Sendable (StoredFile) throws -> Data
    ) async throws -> RenderedMedia
}

extension MediaRequest {
    /// A chart beside a text that is the answer in itself: when the chart cannot be made, the text stays.
    package var isChart: Bool {
        switch self {
        case .statsChart, .evaluationChart: true
        case .report, .storedFile: false
        }
    }
}
