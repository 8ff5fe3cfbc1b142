import CampaignCore
import CampaignIntents
import CampaignReport
import Foundation
import TestSupport
import Testing

/// The charts drawn for real by rsvg-convert with the Chinese fonts: the PNG a phone would get.
@Suite(
    .enabled(
        if: try Prerequisite.available(.rsvgConvert),
        "rsvg-convert is not installed (Debian librsvg2-bin; scripts/setup installs it): chart PNG tests skipped"))
struct RenderedChartTests {
    let school: SampleSchool

    init() throws { school = try SampleSchool() }

    @Test(arguments: Charts.Kind.allCases)
    func chartIsAPhoneSizedPictureWithInkOnIt(_ kind: Charts.Kind) async throws {
        let png = try await Charts.png(
            kind, state: school.state, campaign: SampleSchool.campaign, today: SampleSchool.today)
        let image = try PNGImage(png)
        #expect(image.width == 960, "640-unit chart at 1.5×")
        #expect((500...1100).contains(image.height), "height \(image.height)")
        let file = Tools.artifacts.appendingPathComponent("chart-\(kind.rawValue).png")
        try png.write(to: file)
        guard try Prerequisite.available(.python3) else {
            Issue.record(
                "python3 is not on PATH: the ink of the \(kind.rawValue) chart was not measured", severity: .warning)
            return
        }
        let ink = try await PNGImage.ink(ofFile: file.path)
        // Text, axes and bars: far from blank, far from a solid block, and in several colours.
        #expect(ink.fraction > 0.04 && ink.fraction < 0.6, "inked \(ink.fraction)")
        #expect(ink.colours >= 4, "\(ink.colours) colours")
    }

    /// A big school: nine branches with long names still get readable, wrapped labels (looked at as a picture).
    @Test func manyBranchesWithLongNamesWrapTheirLabels() async throws {
        var state = BotState()
        let names = [
            "高中部语文教研组党支部", "高中部数学教研组党支部", "外语支部", "理化生联合支部", "政史地支部", "体艺支部",
            "行政后勤支部", "初中部第一支部", "离退休支部",
        ]
        let people = names.enumerated().flatMap { b, branch in
            (0..<(3 + b)).map { i in
                Person(
                    staffID: "B\(b)P\(i)", name: "教师\(b)\(i)", roles: [.frontline], branch: branch, partyMember: true)
            }
        }
        try state.apply(.importRoster(people: people, codes: [:], directChats: [:]))
        for (k, person) in people.enumerated() where k % 2 == 0 {
            try state.apply(
                .pledge(
                    Pledge(
                        id: state.nextID("P"), staffID: person.staffID, star: .teaching, text: "承诺",
                        at: SampleSchool.at(SampleSchool.day(2010, 7, 1)), late: false)))
        }
        let svg = try Charts.svg(
            .participationByBranch, state: state, campaign: SampleSchool.campaign, today: SampleSchool.today)
        #expect(
            svg.contains(">高中部<") && svg.contains(">语文教<") && svg.contains(">研组…<"),
            "three-line labels, cut with an ellipsis")
        let png = try await SVGRasterizer.fromPath().png(svg)
        #expect(try PNGImage(png).width == 960)
        try png.write(to: Tools.artifacts.appendingPathComponent("chart-many-branches.png"))
    }

    @Test func evaluationChartRendersToo() async throws {
        let summary = EvaluationSummary(
            title: "2012年党员、群众评议",
            groups: [
                .init(label: "语文支部", counts: [.excellent: 31, .qualified: 22, .basicallyQualified: 3]),
                .init(label: "数学支部", counts: [.excellent: 18, .qualified: 30, .unqualified: 1]),
                .init(label: "英语支部", counts: [.excellent: 25, .qualified: 25]),
                .init(
                    label: "综合支部", counts: [.excellent: 12, .qualified: 20, .basicallyQualified: 6, .unqualified: 2]),
            ])
        let png = try await Charts.evaluationPNG(summary)
        #expect(try PNGImage(png).width == 960)
        try png.write(to: Tools.artifacts.appendingPathComponent("chart-evaluation.png"))
    }

    @Test func anEmptyStoreStillGivesAPicture() async throws {
        let png = try await Charts.participationPNG(
            state: BotState(), campaign: SampleSchool.campaign, today: SampleSchool.today)
        #expect(try PNGImage(png).width == 960)
    }

    @Test func aMissingRendererIsNamedWithItsPackage() async throws {
        #expect(throws: RenderError.toolMissing(tool: "rsvg-convert", package: "librsvg2-bin")) {
            _ = try ExternalTool.locate("rsvg-convert", package: "librsvg2-bin", environment: ["PATH": "/nonexistent"])
        }
        let error = RenderError.toolMissing(tool: "rsvg-convert", package: "librsvg2-bin")
        #expect(error.description.contains("scripts/setup"))
    }

    @Test func aFailingRendererSaysWhy() async throws {
        let rasterizer = try SVGRasterizer.fromPath()
        await #expect {
            _ = try await rasterizer.png("<svg this is not xml")
        } throws: { error in
            guard case RenderError.toolFailed(let tool, _, let message) = error else { return false }
            return tool == "rsvg-convert" && !message.isEmpty
        }
    }
}
