package import CampaignCore
package import CampaignIntents
package import Foundation

/// The campaign report (简报): A4, in Chinese, printable. `cxzy report` writes it; the chat's `报告` sends it.
package enum CampaignReport {
    package enum Format: String, CaseIterable, Sendable {
        /// One self-contained page (inline CSS and SVG charts) that prints on A4 from a browser.
        case html
        /// Rendered by WeasyPrint from the same HTML.
        case pdf

        package var mimeType: String { self == .html ? "text/html; charset=utf-8" : "application/pdf" }
        package var fileExtension: String { rawValue }
    }

    /// The report as HTML text. `phase` limits it to one phase (`ReportError.unknownPhase` for a number the campaign
    /// does not have): what is dated inside it, and standings at its last day — records, confirmations and 评议
    /// rounds after it are not there; `branch` to one branch. Pure: no I/O.
    package static func html(
        state: BotState, campaign: Campaign, today: CalendarDate, phase: Int? = nil, branch: String? = nil,
        extras: ReportExtras = .none
    ) throws(ReportError) -> String {
        let scope = try ReportScope(campaign: campaign, today: today, phase: phase, branch: branch)
        return ReportDocument(
            campaign: campaign, figures: CampaignFigures(state: state, campaign: campaign, scope: scope),
            extras: extras.scoped(to: scope)
        ).html()
    }

    /// The report's bytes in `format`. PDF runs WeasyPrint (from PATH unless `renderer` is given) and takes several
    /// seconds; it throws `RenderError.toolMissing` when WeasyPrint is not installed.
    package static func render(
        state: BotState, campaign: Campaign, today: CalendarDate, phase: Int? = nil, branch: String? = nil,
        format: Format, extras: ReportExtras = .none, renderer: PDFRenderer? = nil
    ) async throws -> Data {
        let page = try html(
            state: state, campaign: campaign, today: today, phase: phase, branch: branch, extras: extras)
        switch format {
        case .html: return Data(page.utf8)
        case .pdf: return try await (renderer ?? PDFRenderer.fromPath()).pdf(html: page)
        }
    }

    /// A file name for the report, e.g. `创先争优简报-第2阶段-2010-10-11.pdf`.
    package static func fileName(today: CalendarDate, phase: Int? = nil, format: Format) -> String {
        "创先争优简报" + (phase.map { "-第\($0)阶段" } ?? "") + "-\(today).\(format.fileExtension)"
    }
}
