import CampaignCore
import CampaignIntents
@testable import CampaignReport
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing

/// The charts as SVG text: well-formed, in Chinese, with the right numbers on the bars; no renderer needed.
@Suite struct ChartSVGTests {
    let school: SampleSchool

    init() throws { school = try SampleSchool() }

    func svg(_ kind: Charts.Kind, phase: Int? = nil, branch: String? = nil) throws -> String {
        try Charts.svg(
            kind, state: school.state, campaign: SampleSchool.campaign, today: SampleSchool.today, phase: phase,
            branch: branch)
    }

    /// The texts of an SVG's `<text>` elements, in order, as a viewer would read them.
    func texts(_ svg: String) throws -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            var texts: [String] = []
            var current: String?
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                if name == "text" { current = "" }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
            {
                if name == "text", let current { texts.append(current) }
                current = nil
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
        return collector.texts
    }

    @Test func participationByBranchStacksWhoFinishedPledgedAndDidNot() throws {
        let texts = try texts(try svg(.participationByBranch))
        #expect(texts.first == "各支部承诺申报与完成情况")
        #expect(texts.contains("全校 · 截至2011年1月10日 · 单位：人"))
        for label in ["承诺全部完成", "已申报、未完成", "未申报", "数学支部", "综合支部", "英语支部", "语文支部"] {
            #expect(texts.contains(label), "missing \(label)")
        }
        // 语文支部: 4 finished, 9 − 4 pledged and not finished, 1 without a pledge; each stack totals 10 people.
        #expect(texts.contains("4") && texts.contains("5") && texts.contains("1"))
        #expect(texts.filter { $0 == "10" }.count >= 4, "four stacks of 10 people")
    }

    @Test func participationByStarGroupsEligiblePledgedDone() throws {
        let texts = try texts(try svg(.participationByStar))
        for star in Star.allCases { #expect(texts.contains(star.chineseName)) }
        for (star, expected) in school.stars {
            #expect(texts.contains(String(expected.eligible)), "\(star) eligible")
            #expect(texts.contains(String(expected.pledged)), "\(star) pledged")
            #expect(texts.contains(String(expected.completed)), "\(star) completed")
        }
    }

    @Test func recordsByMonthRunsFromTheCampaignStartToToday() throws {
        let texts = try texts(try svg(.recordsByMonth))
        #expect(texts.contains("2010年") && texts.contains("2011年"))
        #expect(texts.contains("6月"))
        for name in ["承诺", "示范课", "家访", "成果"] { #expect(texts.contains(name)) }
    }

    @Test func onePhaseOfFewMonthsIsDrawnAsColumns() throws {
        let svg = try svg(.recordsByMonth, phase: 1)
        #expect(svg.contains("2010年6月"))
        #expect(!svg.contains("<polyline"))
        #expect(try texts(svg).contains("全校 · 第1阶段，截至2010年6月30日 · 单位：条"))
    }

    @Test func aSecretarySeesTheirBranchOnly() throws {
        let texts = try texts(try svg(.participationByBranch, branch: "数学支部"))
        #expect(texts.contains("数学支部"))
        #expect(!texts.contains("语文支部"))
    }

    @Test func anEmptySchoolSaysThereIsNoData() throws {
        let svg = try Charts.svg(
            .participationByBranch, state: BotState(), campaign: SampleSchool.campaign, today: SampleSchool.today)
        #expect(try texts(svg).contains("暂无数据"))
        let months = try Charts.svg(
            .recordsByMonth, state: BotState(), campaign: SampleSchool.campaign, today: SampleSchool.today)
        #expect(try texts(months).contains("暂无数据"))
    }

    @Test func anUnknownPhaseIsRefusedWithTheKnownOnes() {
        #expect(throws: ReportError.unknownPhase(7, phases: [1, 2, 3, 4])) { try svg(.participationByBranch, phase: 7) }
    }

    @Test func namesThatLookLikeMarkupStayText() throws {
        var state = BotState()
        try state.apply(
            .importRoster(
                people: [
                    Person(
                        staffID: "X1", name: "A&B", roles: [.frontline], branch: "<b>支部\"&'</b>",
                        partyMember: true)
                ], codes: [:], directChats: [:]))
        let svg = try Charts.svg(
            .participationByBranch, state: state, campaign: SampleSchool.campaign, today: SampleSchool.today)
        #expect(try texts(svg).contains("<b>支部\"&'</b>"))
    }

    @Test func evaluationTalliesAreStackedByGrade() throws {
        let summary = EvaluationSummary(
            title: "2010年七一党员评议",
            groups: [
                .init(label: "语文支部", counts: [.excellent: 31, .qualified: 22, .basicallyQualified: 3], raters: 8),
                .init(label: "数学支部", counts: [.excellent: 18, .qualified: 30, .unqualified: 1], raters: 7),
            ])
        let texts = try texts(Charts.evaluationSVG(summary))
        #expect(texts.first == "评议结果：2010年七一党员评议")
        for word in ["优秀", "合格", "基本合格", "不合格", "31", "22", "56", "49"] {
            #expect(texts.contains(word), "missing \(word)")
        }
    }

    @Test func statsDimensionsPickTheirChart() {
        #expect(Charts.Kind(.branch) == .participationByBranch)
        #expect(Charts.Kind(.star) == .participationByStar)
        #expect(Charts.Kind(.phase) == .recordsByMonth)
    }

    @Test func axisEndsOnARoundNumber() {
        #expect(AxisScale(maxValue: 10).ticks == [0, 2, 4, 6, 8, 10])
        #expect(AxisScale(maxValue: 37).maximum == 40)
        #expect(AxisScale(maxValue: 0).ticks == [0, 1, 2, 3, 4, 5])
        #expect(AxisScale(maxValue: 3).ticks == [0, 1, 2, 3])
    }

    @Test func longLabelsWrapAndAreCutWithAnEllipsis() {
        #expect(TextMetrics.wrap("第一党支部", size: 20, width: 120, maxLines: 2) == ["第一党支部"])
        #expect(TextMetrics.wrap("高中部语文教研组党支部", size: 20, width: 100, maxLines: 2) == ["高中部语文", "教研组党…"])
    }
}
