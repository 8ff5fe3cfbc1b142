package import CampaignCore
package import CampaignIntents
package import Foundation

/// The pictures of the numbers: SVG made here, PNG through `rsvg-convert`. For chat (`统计` with a picture) and for
/// the report, which embeds the same SVG.
package enum Charts {
    package enum Kind: String, CaseIterable, Sendable {
        /// Per branch: people who finished every pledged star, who pledged but have not finished, who have not pledged.
        case participationByBranch
        /// Per star: who may strive for it, who pledged it, who finished it.
        case participationByStar
        /// Per month: pledges and works recorded, demo lessons taught (confirmed 已上), home visits made.
        case recordsByMonth

        /// The picture for `统计 按支部 / 按三星 / 按阶段`.
        package init(_ dimension: StatsDimension) {
            switch dimension {
            case .branch: self = .participationByBranch
            case .star: self = .participationByStar
            case .phase: self = .recordsByMonth
            }
        }
    }

    /// The chart as SVG. `phase` limits it to one phase (unknown: `ReportError.unknownPhase`); `branch` to one
    /// branch (a secretary's view).
    package static func svg(
        _ kind: Kind, state: BotState, campaign: Campaign, today: CalendarDate, phase: Int? = nil,
        branch: String? = nil
    ) throws(ReportError) -> String {
        let scope = try ReportScope(campaign: campaign, today: today, phase: phase, branch: branch)
        return svg(kind, CampaignFigures(state: state, campaign: campaign, scope: scope))
    }

    /// The chart as PNG (960 px wide). Throws `RenderError.toolMissing` when rsvg-convert is not installed: answer
    /// with the text table then.
    package static func png(
        _ kind: Kind, state: BotState, campaign: Campaign, today: CalendarDate, phase: Int? = nil,
        branch: String? = nil, rasterizer: SVGRasterizer? = nil
    ) async throws -> Data {
        let svg = try svg(kind, state: state, campaign: campaign, today: today, phase: phase, branch: branch)
        return try await (rasterizer ?? SVGRasterizer.fromPath()).png(svg)
    }

    /// Participation by branch, as PNG.
    package static func participationPNG(
        state: BotState, campaign: Campaign, today: CalendarDate, phase: Int? = nil,
        branch: String? = nil
    ) async throws -> Data {
        try await png(
            .participationByBranch, state: state, campaign: campaign, today: today, phase: phase, branch: branch)
    }

    /// The weekly trend: what was recorded in each of the last `weeks` weeks (pledges, works, visits; lessons taught).
    package static func weeklySVG(
        state: BotState, campaign: Campaign, today: CalendarDate, branch: String? = nil, weeks: Int = 12
    ) -> String {
        let query = CampaignQuery(state: state, campaign: campaign, asOf: today)
        let rows = query.weeks(weeks, branch: branch)
        let series: [(String, [Int])] = [
            ("承诺", rows.map(\.activity.pledges)), ("示范课已上", rows.map(\.activity.lessonsHeld)),
            ("家访", rows.map(\.activity.visits)), ("成果", rows.map(\.activity.workCount)),
        ]
        return LineChart(
            title: "每周新增记录（近\(rows.count)周）", subtitle: "\(branch ?? "全校") · 截至\(today.chinese)",
            points: rows.map { "\($0.monday.month)/\($0.monday.day)" }, bands: [],
            series: series.map { .init(name: $0.0, values: $0.1) }, unit: "条"
        ).svg()
    }

    /// One evaluation round's tallies per group, stacked by grade.
    package static func evaluationSVG(_ summary: EvaluationSummary) -> String {
        let colors: [EvaluationGrade: String] = [
            .excellent: "#A4161A", .qualified: "#E0912B", .basicallyQualified: "#F3D08A",
            .unqualified: "#4D4D4D",
        ]
        return BarChart(
            title: "评议结果：\(summary.title)", subtitle: "各等次票数（汇总，不含个人）",
            categories: summary.groups.map(\.label),
            series: EvaluationGrade.allCases.map { grade in
                .init(
                    name: grade.chineseName, values: summary.groups.map { $0.count(grade) },
                    color: colors[grade] ?? ChartStyle.ink)
            },
            layout: .stacked, unit: "票"
        ).svg()
    }

    package static func evaluationPNG(_ summary: EvaluationSummary, rasterizer: SVGRasterizer? = nil) async throws
        -> Data
    {
        try await (rasterizer ?? SVGRasterizer.fromPath()).png(evaluationSVG(summary))
    }

    static func svg(_ kind: Kind, _ figures: CampaignFigures) -> String {
        switch kind {
        case .participationByBranch: participationByBranch(figures)
        case .participationByStar: participationByStar(figures)
        case .recordsByMonth: recordsByMonth(figures)
        }
    }

    static func participationByBranch(_ f: CampaignFigures) -> String {
        BarChart(
            title: "各支部承诺申报与完成情况", subtitle: f.scope.subtitle(),
            categories: f.branches.map(\.name),
            series: [
                .init(name: "承诺全部完成", values: f.branches.map(\.completed), color: ChartStyle.sequential[2]),
                .init(
                    name: "已申报、未完成", values: f.branches.map { $0.pledged - $0.completed },
                    color: ChartStyle.sequential[1]),
                .init(name: "未申报", values: f.branches.map { $0.people - $0.pledged }, color: ChartStyle.sequential[0]),
            ],
            layout: .stacked, unit: "人"
        ).svg()
    }

    static func participationByStar(_ f: CampaignFigures) -> String {
        BarChart(
            title: "三星争创：可申报、已申报与已完成", subtitle: f.scope.subtitle(),
            categories: f.stars.map(\.star.chineseName),
            series: [
                .init(name: "可申报", values: f.stars.map(\.eligible), color: ChartStyle.sequential[0]),
                .init(name: "已申报", values: f.stars.map(\.pledged), color: ChartStyle.sequential[1]),
                .init(name: "已完成", values: f.stars.map(\.completed), color: ChartStyle.sequential[2]),
            ],
            layout: .grouped, unit: "人"
        ).svg()
    }

    static func recordsByMonth(_ f: CampaignFigures) -> String {
        let title = "每月新增记录"
        let series: [(String, [Int])] = [
            ("承诺", f.months.map(\.pledges)), ("示范课", f.months.map(\.lessons)),
            ("家访", f.months.map(\.visits)), ("成果", f.months.map(\.works)),
        ]
        // A handful of months reads better as columns than as a line through three points.
        if f.months.count <= 4 {
            return BarChart(
                title: title, subtitle: f.scope.subtitle(), categories: f.months.map { "\($0.year)年\($0.month)月" },
                series: series.enumerated().map { k, s in
                    .init(name: s.0, values: s.1, color: ChartStyle.categorical[k])
                },
                layout: .grouped, unit: "条"
            ).svg()
        }
        var bands: [LineChart.Band] = []
        for (i, row) in f.months.enumerated() where i == 0 || row.month == 1 {
            bands.append(.init(start: i, label: "\(row.year)年"))
        }
        return LineChart(
            title: title, subtitle: f.scope.subtitle(), points: f.months.map { "\($0.month)月" }, bands: bands,
            series: series.map { .init(name: $0.0, values: $0.1) }, unit: "条"
        ).svg()
    }
}
