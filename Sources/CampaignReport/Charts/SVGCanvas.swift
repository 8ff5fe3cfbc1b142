/// A tiny SVG writer: shapes and text in user units, attribute values escaped, nothing else.
struct SVGCanvas {
    let width: Double
    let height: Double
    private var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    enum Anchor: String {
        case start, middle, end
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil) {
        var attributes = [
            ("x", n(x)), ("y", n(y)), ("width", n(max(width, 0))), ("height", n(max(height, 0))), ("fill", fill),
        ]
        if let stroke { attributes += [("stroke", stroke), ("stroke-width", "1")] }
        element("rect", attributes)
    }

    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil
    ) {
        var attributes = [
            ("x1", n(x1)), ("y1", n(y1)), ("x2", n(x2)), ("y2", n(y2)), ("stroke", stroke), ("stroke-width", n(width)),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        element("line", attributes)
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double, dash: String? = nil) {
        var attributes = [
            ("points", points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")), ("fill", "none"),
            ("stroke", stroke), ("stroke-width", n(width)), ("stroke-linejoin", "round"),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        element("polyline", attributes)
    }

    /// A data point's marker: the shape tells series apart in black-and-white print.
    mutating func marker(_ shape: ChartStyle.Marker, x: Double, y: Double, size: Double, fill: String) {
        let r = size / 2
        switch shape {
        case .circle:
            element(
                "circle",
                [
                    ("cx", n(x)), ("cy", n(y)), ("r", n(r)), ("fill", fill), ("stroke", "#FFFFFF"),
                    ("stroke-width", "1.5"),
                ])
        case .square:
            element(
                "rect",
                [
                    ("x", n(x - r)), ("y", n(y - r)), ("width", n(size)), ("height", n(size)), ("fill", fill),
                    ("stroke", "#FFFFFF"), ("stroke-width", "1.5"),
                ])
        case .triangle:
            polygon([(x, y - r * 1.15), (x + r * 1.15, y + r * 0.85), (x - r * 1.15, y + r * 0.85)], fill: fill)
        case .diamond:
            polygon([(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)], fill: fill)
        }
    }

    private mutating func polygon(_ points: [(Double, Double)], fill: String) {
        element(
            "polygon",
            [
                ("points", points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")), ("fill", fill),
                ("stroke", "#FFFFFF"), ("stroke-width", "1.5"),
            ])
    }

    /// Text whose baseline is at `y`.
    mutating func text(
        _ content: String, x: Double, y: Double, size: Double, anchor: Anchor = .start, fill: String = ChartStyle.ink,
        bold: Bool = false
    ) {
        var attributes = [("x", n(x)), ("y", n(y)), ("font-size", n(size)), ("fill", fill)]
        if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
        if bold { attributes.append(("font-weight", "bold")) }
        body.append(
            "<text" + attributes.map { " \($0.0)=\"\(SVGCanvas.escape($0.1))\"" }.joined() + ">"
                + SVGCanvas.escape(content) + "</text>")
    }

    private mutating func element(_ name: String, _ attributes: [(String, String)]) {
        body.append("<\(name)" + attributes.map { " \($0.0)=\"\(SVGCanvas.escape($0.1))\"" }.joined() + "/>")
    }

    /// The finished document; `label` becomes its accessible name (`<title>`).
    func document(label: String) -> String {
        let size = "width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\""
        return """
            <svg xmlns="http://www.w3.org/2000/svg" \(size) role="img" font-family="\(SVGCanvas.escape(ChartStyle.fontFamily))">
            <title>\(SVGCanvas.escape(label))</title>
            <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#FFFFFF"/>
            \(body.joined(separator: "\n"))
            </svg>
            """
    }

    /// Numbers with at most two decimals and no trailing zeros, so the output is stable and short.
    private func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(rounded)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // Control characters are not allowed in XML 1.0; a name pasted with one must not break the picture.
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
