import Foundation

/// HTML → PDF with WeasyPrint, a print renderer that follows CSS paged media (A4, page numbers, no split rows).
/// It embeds only the glyphs used from the Chinese fonts; with Noto CJK that takes several seconds.
package struct PDFRenderer: Sendable {
    package let tool: ExternalTool

    package init(tool: ExternalTool) {
        self.tool = tool
    }

    /// `weasyprint` from PATH; throws `RenderError.toolMissing` when it is not installed.
    package static func fromPath() throws(RenderError) -> PDFRenderer {
        PDFRenderer(tool: try ExternalTool.locate("weasyprint", package: "weasyprint"))
    }

    /// The HTML must be self-contained (inline styles, SVG and data: images): nothing is fetched.
    package func pdf(html: String, timeout: Duration = .seconds(300)) async throws -> Data {
        try await tool.transform(Data(html.utf8), inputName: "report.html", outputName: "report.pdf", timeout: timeout)
        { input, output in
            ["--quiet", "--encoding", "utf-8", "--presentational-hints", input, output]
        }
    }
}
