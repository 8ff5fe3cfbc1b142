package import CampaignCore
package import CampaignIntents
package import Foundation

/// The charts and the report for chat: what the runtime calls when a `统计` or `报告` answer is sent.
package struct ReportMediaRenderer: MediaRenderer {
    package var rasterizer: SVGRasterizer?
    package var pdfRenderer: PDFRenderer?
    /// The 评议 threshold (`evaluation.minRaters`): tallies with fewer raters stay out of the report.
    package var evaluationMinRaters: Int

    /// Tools from PATH unless given (tests may point at other ones).
    package init(rasterizer: SVGRasterizer? = nil, pdfRenderer: PDFRenderer? = nil, evaluationMinRaters: Int = 5) {
        self.rasterizer = rasterizer
        self.pdfRenderer = pdfRenderer
        self.evaluationMinRaters = evaluationMinRaters
    }

    package func render(
        _ request: MediaRequest, state: BotState, campaign: Campaign, today: CalendarDate,
        load: @escaping @Sendable (StoredFile) throws -> Data
    ) async throws -> RenderedMedia {
        switch request {
        case .statsChart(let by, let branch):
            let png = try await Charts.png(
                Charts.Kind(by), state: state, campaign: campaign, today: today, branch: branch, rasterizer: rasterizer)
            let name = "统计图-\(by.chineseName)" + (branch.map { "-\($0)" } ?? "") + "-\(today).png"
            return RenderedMedia(fileName: name, mimeType: "image/png", data: png, isPicture: true)
        case .evaluationChart(let number, let branch):
            guard let round = state.evaluations.rounds.first(where: { $0.number == number }),
                let summary = EvaluationSummaries.summary(
                    of: round, state, minRaters: evaluationMinRaters, branch: branch)
            else { throw ReportError.noEvaluationResults(round: number) }
            let png = try await Charts.evaluationPNG(summary, rasterizer: rasterizer)
            let name = "评议结果-\(round.name)" + (branch.map { "-\($0)" } ?? "") + "-\(today).png"
            return RenderedMedia(fileName: name, mimeType: "image/png", data: png, isPicture: true)
        case .report(let phase):
            let pdf = try await CampaignReport.render(
                state: state, campaign: campaign, today: today, phase: phase, format: .pdf,
                extras: .from(state: state, phase: phase, evaluationMinRaters: evaluationMinRaters, load: load),
                renderer: pdfRenderer)
            return RenderedMedia(
                fileName: CampaignReport.fileName(today: today, phase: phase, format: .pdf),
                mimeType: CampaignReport.Format.pdf.mimeType, data: pdf, isPicture: false)
        case .storedFile(let file):
            return RenderedMedia(
                fileName: file.fileName, mimeType: file.mimeType, data: try load(file), isPicture: file.kind.isImage)
        }
    }
}
