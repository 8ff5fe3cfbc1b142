/// Series over evenly spaced points (months), each with its own colour, marker and dash.
struct LineChart {
    struct Series {
        var name: String
        var values: [Int]
    }

    /// A label under a run of points that share it (a year under its months).
    struct Band {
        var start: Int
        var label: String
    }

    var title: String
    var subtitle: String?
    /// One label per point (“6月”); thinned out when they would touch.
    var points: [String]
    var bands: [Band]
    var series: [Series]
    var unit: String?
    var plotHeight = 250.0

    func svg() -> String {
        let legend = series.enumerated().map { k, s in
            ChartHeader.Entry(name: s.name, color: color(k), key: .line(ChartStyle.marker(k), dash: ChartStyle.dash(k)))
        }
        let header = ChartHeader(title: title, subtitle: subtitle, legend: legend, unit: unit)
        var scratch = SVGCanvas(width: ChartStyle.width, height: 0)
        let headerBottom = header.draw(on: &scratch)

        let maxValue = series.flatMap(\.values).max() ?? 0
        let scale = AxisScale(maxValue: Double(maxValue))
        let m = ChartStyle.margin
        let plotLeft = m + scale.labelWidth + 12
        let plotRight = ChartStyle.width - m
        let plotTop = headerBottom + 16
        let plotBottom = plotTop + plotHeight
        let count = max(points.count, 1)
        let step = (plotRight - plotLeft) / Double(count)
        let bandLine = bands.isEmpty ? 0 : ChartStyle.labelSize + 6
        let height = plotBottom + 12 + ChartStyle.labelSize + 4 + bandLine + m

        var canvas = SVGCanvas(width: ChartStyle.width, height: height)
        _ = header.draw(on: &canvas)
        func x(_ i: Int) -> Double { plotLeft + step * (Double(i) + 0.5) }
        func y(_ v: Double) -> Double { plotBottom - v / scale.maximum * plotHeight }

        scale.draw(on: &canvas, left: plotLeft, right: plotRight, y: y)
        // Every k-th point label, so neighbours keep a gap; band starts always get theirs.
        let widest = points.map { TextMetrics.width($0, size: ChartStyle.labelSize) }.max() ?? 0
        let every = max(1, Int(((widest + 10) / step).rounded(.up)))
        let labelY = plotBottom + 8 + ChartStyle.labelSize
        var lastLabelled = -every
        for (i, label) in points.enumerated() where i - lastLabelled >= every {
            canvas.text(label, x: x(i), y: labelY, size: ChartStyle.labelSize, anchor: .middle)
            canvas.line(x1: x(i), y1: plotBottom, x2: x(i), y2: plotBottom + 5, stroke: ChartStyle.axis)
            lastLabelled = i
        }
        for (k, band) in bands.enumerated() where points.indices.contains(band.start) {
            let end = k + 1 < bands.count ? bands[k + 1].start : points.count
            if band.start > 0 {
                let divider = plotLeft + step * Double(band.start)
                canvas.line(
                    x1: divider, y1: plotTop, x2: divider, y2: plotBottom + 8 + ChartStyle.labelSize + bandLine,
                    stroke: "#999999", dash: "4 4")
            }
            // Centred under its points, but kept inside the canvas when the run is short and at an edge.
            let half = TextMetrics.width(band.label, size: ChartStyle.labelSize) / 2
            let center = min(
                max((x(band.start) + x(max(end - 1, band.start))) / 2, m + half), ChartStyle.width - m / 2 - half)
            canvas.text(
                band.label, x: center, y: labelY + bandLine, size: ChartStyle.labelSize, anchor: .middle,
                fill: ChartStyle.mutedInk, bold: true)
        }
        guard maxValue > 0 else {
            AxisScale.drawNoData(on: &canvas, left: plotLeft, right: plotRight, top: plotTop, height: plotHeight)
            return canvas.document(label: title)
        }
        let markerSize = points.count > 20 ? 7.0 : 10.0
        for (k, s) in series.enumerated() {
            let coordinates = s.values.prefix(points.count).enumerated().map {
                (x($0.offset), y(Double(max($0.element, 0))))
            }
            canvas.polyline(coordinates, stroke: color(k), width: 3, dash: ChartStyle.dash(k))
            for (px, py) in coordinates {
                canvas.marker(ChartStyle.marker(k), x: px, y: py, size: markerSize, fill: color(k))
            }
        }
        return canvas.document(label: title)
    }

    private func color(_ index: Int) -> String { ChartStyle.categorical[index % ChartStyle.categorical.count] }
}
