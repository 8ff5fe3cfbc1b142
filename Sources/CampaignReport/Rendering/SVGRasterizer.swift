import Foundation

/// SVG → PNG with librsvg's `rsvg-convert`, which finds the Chinese fonts through fontconfig.
package struct SVGRasterizer: Sendable {
    package let tool: ExternalTool
    /// Pixels per SVG unit: 1.5 turns a 640-wide chart into a 960-pixel picture, sharp on a phone.
    package var zoom: Double

    package init(tool: ExternalTool, zoom: Double = 1.5) {
        self.tool = tool
        self.zoom = zoom
    }

    /// `rsvg-convert` from PATH; throws `RenderError.toolMissing` when it is not installed.
    package static func fromPath() throws(RenderError) -> SVGRasterizer {
        SVGRasterizer(tool: try ExternalTool.locate("rsvg-convert", package: "librsvg2-bin"))
    }

    package func png(_ svg: String, timeout: Duration = .seconds(60)) async throws -> Data {
        try await tool.transform(Data(svg.utf8), inputName: "chart.svg", outputName: "chart.png", timeout: timeout) {
            input, output in
            ["--format", "png", "--zoom", String(zoom), "--background-color", "white", "--output", output, input]
        }
    }
}
