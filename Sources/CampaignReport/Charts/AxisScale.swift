import Foundation

/// A value axis for counts: starts at zero, ends on a round number, ticks at whole steps of 1, 2 or 5 × 10ⁿ.
struct AxisScale {
    let maximum: Double
    let step: Double

    init(maxValue: Double, targetTicks: Int = 5) {
        guard maxValue > 0 else {
            maximum = 5
            step = 1
            return
        }
        let rough = maxValue / Double(max(targetTicks, 1))
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        self.step = max(step.rounded(), 1)
        maximum = (maxValue / self.step).rounded(.up) * self.step
    }

    var ticks: [Double] {
        stride(from: 0, through: maximum + step / 2, by: step).map { $0 }
    }

    func label(_ value: Double) -> String { String(Int(value.rounded())) }

    /// The width of the widest tick label, to leave room for it left of the plot.
    var labelWidth: Double {
        ticks.map { TextMetrics.width(label($0), size: ChartStyle.labelSize) }.max() ?? 0
    }

    /// Grid lines across the plot and tick labels to its left; `y` maps a value to its height.
    func draw(on canvas: inout SVGCanvas, left: Double, right: Double, y: (Double) -> Double) {
        for tick in ticks {
            canvas.line(
                x1: left, y1: y(tick), x2: right, y2: y(tick), stroke: tick == 0 ? ChartStyle.axis : ChartStyle.grid,
                width: tick == 0 ? 1.5 : 1)
            canvas.text(
                label(tick), x: left - 8, y: y(tick) + ChartStyle.labelSize * 0.35, size: ChartStyle.labelSize,
                anchor: .end, fill: ChartStyle.mutedInk)
        }
    }

    /// Said in the middle of an empty plot.
    static func drawNoData(on canvas: inout SVGCanvas, left: Double, right: Double, top: Double, height: Double) {
        canvas.text(
            "暂无数据", x: (left + right) / 2, y: top + height / 2, size: ChartStyle.labelSize, anchor: .middle,
            fill: ChartStyle.mutedInk)
    }
}
