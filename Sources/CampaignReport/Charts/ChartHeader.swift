/// The top of every chart: title, a subtitle (scope and date) and the legend, wrapped to the canvas width.
struct ChartHeader {
    enum Key {
        /// A filled square, for bars.
        case swatch
        /// A short line with the series' marker and dash, for line charts.
        case line(ChartStyle.Marker, dash: String?)
    }

    struct Entry {
        var name: String
        var color: String
        var key: Key
    }

    var title: String
    var subtitle: String?
    var legend: [Entry]
    /// What the values count (人, 条): said once, after the subtitle, rather than crowding the axis.
    var unit: String?

    private static let rowHeight = ChartStyle.legendSize + 12
    private static let keyWidth = 34.0

    /// Where each legend entry goes, row by row, within `width`.
    private func legendRows(width: Double) -> [[(Entry, Double)]] {
        var rows: [[(Entry, Double)]] = [[]]
        var x = 0.0
        for entry in legend {
            let w = Self.keyWidth + 6 + TextMetrics.width(entry.name, size: ChartStyle.legendSize)
            if x > 0, x + w > width, let last = rows.last, !last.isEmpty {
                rows.append([])
                x = 0
            }
            rows[rows.count - 1].append((entry, x))
            x += w + 22
        }
        return rows.filter { !$0.isEmpty }
    }

    /// Draws the header and returns the y below it.
    func draw(on canvas: inout SVGCanvas) -> Double {
        let m = ChartStyle.margin
        let usable = canvas.width - 2 * m
        var y = m
        for line in TextMetrics.wrap(title, size: ChartStyle.titleSize, width: usable, maxLines: 2) {
            y += ChartStyle.titleSize
            canvas.text(line, x: m, y: y, size: ChartStyle.titleSize, bold: true)
            y += 6
        }
        let line = [subtitle, unit.map { "单位：\($0)" }].compactMap { $0 }.joined(separator: " · ")
        if !line.isEmpty {
            y += ChartStyle.subtitleSize + 2
            canvas.text(
                TextMetrics.wrap(line, size: ChartStyle.subtitleSize, width: usable, maxLines: 1).first ?? "",
                x: m, y: y, size: ChartStyle.subtitleSize, fill: ChartStyle.mutedInk)
            y += 4
        }
        y += 10
        for row in legendRows(width: usable) {
            let middle = y + Self.rowHeight / 2
            for (entry, x0) in row {
                let x = m + x0
                switch entry.key {
                case .swatch:
                    canvas.rect(x: x + 8, y: middle - 9, width: 18, height: 18, fill: entry.color, stroke: "#888888")
                case .line(let marker, let dash):
                    canvas.line(
                        x1: x, y1: middle, x2: x + Self.keyWidth, y2: middle, stroke: entry.color, width: 3, dash: dash)
                    canvas.marker(marker, x: x + Self.keyWidth / 2, y: middle, size: 10, fill: entry.color)
                }
                canvas.text(
                    entry.name, x: x + Self.keyWidth + 6, y: middle + ChartStyle.legendSize * 0.36,
                    size: ChartStyle.legendSize)
            }
            y += Self.rowHeight
        }
        return y
    }
}
