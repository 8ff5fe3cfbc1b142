/// Columns per category, side by side (grouped) or on top of each other (stacked), with the numbers written on them.
struct BarChart {
    enum Layout {
        /// One column per series in each category: for measures that are not parts of one whole.
        case grouped
        /// The series add up to the category's whole; the total is written on top.
        case stacked
    }

    struct Series {
        var name: String
        var values: [Int]
        var color: String
    }

    var title: String
    var subtitle: String?
    var categories: [String]
    var series: [Series]
    var layout: Layout
    /// What the values count (人, 次), said in the subtitle.
    var unit: String?
    var plotHeight = 250.0

    private var maxValue: Int {
        switch layout {
        case .grouped: series.flatMap(\.values).max() ?? 0
        case .stacked: categories.indices.map { i in series.reduce(0) { $0 + value($1, i) } }.max() ?? 0
        }
    }

    private func value(_ series: Series, _ index: Int) -> Int {
        series.values.indices.contains(index) ? max(series.values[index], 0) : 0
    }

    func svg() -> String {
        var canvas = SVGCanvas(width: ChartStyle.width, height: 0)
        let header = ChartHeader(
            title: title, subtitle: subtitle,
            legend: series.map { .init(name: $0.name, color: $0.color, key: .swatch) },
            unit: unit)
        // Lay out on a scratch canvas first: the height depends on the header and the category labels.
        var scratch = canvas
        let headerBottom = header.draw(on: &scratch)

        let scale = AxisScale(maxValue: Double(maxValue))
        let m = ChartStyle.margin
        let plotLeft = m + scale.labelWidth + 12
        let plotRight = ChartStyle.width - m
        let plotTop = headerBottom + ChartStyle.valueSize + 14
        let plotBottom = plotTop + plotHeight
        let slot = (plotRight - plotLeft) / Double(max(categories.count, 1))
        // Narrow slots (many branches) get smaller labels on up to three lines.
        let labelSize = slot >= 100 ? ChartStyle.labelSize : ChartStyle.labelSize - 3
        let labels = categories.map {
            TextMetrics.wrap($0, size: labelSize, width: slot - 8, maxLines: slot >= 100 ? 2 : 3)
        }
        let labelLines = Double(labels.map(\.count).max() ?? 1)
        let height = plotBottom + 12 + labelLines * (labelSize + 4) + m

        canvas = SVGCanvas(width: ChartStyle.width, height: height)
        _ = header.draw(on: &canvas)
        func y(_ v: Double) -> Double { plotBottom - v / scale.maximum * plotHeight }

        scale.draw(on: &canvas, left: plotLeft, right: plotRight, y: y)
        for (i, lines) in labels.enumerated() {
            let center = plotLeft + slot * (Double(i) + 0.5)
            for (k, line) in lines.enumerated() {
                canvas.text(
                    line, x: center, y: plotBottom + 8 + Double(k + 1) * (labelSize + 4) - 4, size: labelSize,
                    anchor: .middle)
            }
        }
        guard maxValue > 0 else {
            AxisScale.drawNoData(on: &canvas, left: plotLeft, right: plotRight, top: plotTop, height: plotHeight)
            return canvas.document(label: title)
        }
        switch layout {
        case .grouped: drawGrouped(on: &canvas, left: plotLeft, slot: slot, y: y)
        case .stacked: drawStacked(on: &canvas, left: plotLeft, slot: slot, y: y)
        }
        return canvas.document(label: title)
    }

    private func drawGrouped(on canvas: inout SVGCanvas, left: Double, slot: Double, y: (Double) -> Double) {
        let n = Double(max(series.count, 1))
        let barWidth = min(slot * (series.count == 1 ? 0.55 : 0.82) / n, 72)
        for i in categories.indices {
            let start = left + slot * (Double(i) + 0.5) - barWidth * n / 2
            for (k, s) in series.enumerated() {
                let v = Double(value(s, i))
                let x = start + barWidth * Double(k)
                canvas.rect(x: x + 1, y: y(v), width: barWidth - 2, height: y(0) - y(v), fill: s.color)
                let label = String(Int(v))
                if TextMetrics.width(label, size: ChartStyle.valueSize) <= barWidth + 6 {
                    canvas.text(label, x: x + barWidth / 2, y: y(v) - 6, size: ChartStyle.valueSize, anchor: .middle)
                }
            }
        }
    }

    private func drawStacked(on canvas: inout SVGCanvas, left: Double, slot: Double, y: (Double) -> Double) {
        let barWidth = min(slot * 0.6, 96)
        for i in categories.indices {
            let x = left + slot * (Double(i) + 0.5) - barWidth / 2
            var base = 0.0
            for s in series {
                let v = Double(value(s, i))
                guard v > 0 else { continue }
                canvas.rect(x: x, y: y(base + v), width: barWidth, height: y(base) - y(base + v), fill: s.color)
                let label = String(Int(v))
                if y(base) - y(base + v) >= ChartStyle.valueSize + 2,
                    TextMetrics.width(label, size: ChartStyle.valueSize) <= barWidth - 4
                {
                    canvas.text(
                        label, x: x + barWidth / 2, y: (y(base) + y(base + v)) / 2 + ChartStyle.valueSize * 0.36,
                        size: ChartStyle.valueSize, anchor: .middle, fill: ChartStyle.textColor(on: s.color))
                }
                base += v
            }
            canvas.text(
                String(Int(base)), x: x + barWidth / 2, y: y(base) - 6, size: ChartStyle.valueSize, anchor: .middle,
                bold: true)
        }
    }
}
