import CampaignCore
import CampaignIntents
import CampaignReport
import Foundation
import TestSupport
import Testing

/// The report printed to PDF by WeasyPrint, read back as poppler reads it: the text (pdftotext) and the pages as
/// pictures (pdftoppm). One at a time: each WeasyPrint run keeps a core busy for several seconds.
@Suite(
    .serialized,
    .enabled(
        if: try Prerequisite.available(.weasyprint, .pdftotext, .pdftoppm),
        "weasyprint or poppler-utils is not installed (scripts/setup installs both): PDF report tests skipped"))
struct RenderedReportTests {
    let school: SampleSchool

    init() throws { school = try SampleSchool() }

    @Test func thePDFHasTheHeadingsTheNumbersAndPrintableA4Pages() async throws {
        let summary = EvaluationSummary(
            title: "2010年七一党员评议",
            groups: [
                .init(label: "语文支部", counts: [.excellent: 31, .qualified: 22, .basicallyQualified: 3], raters: 8),
                .init(label: "数学支部", counts: [.excellent: 18, .qualified: 30, .unqualified: 1], raters: 7),
            ], note: "参评不足5人的支部不单列。")
        let chart = try? await Charts.png(
            .participationByStar, state: school.state, campaign: SampleSchool.campaign, today: SampleSchool.today)
        let extras = ReportExtras(
            awards: [Award(name: "王建华", branch: "语文支部", star: .teaching, title: "教学之星先进典型", phase: 2)],
            evaluations: [summary],
            gallery: chart.map { [GalleryPicture(caption: "图片展示例", kind: .png, data: $0, credit: "语文支部")] } ?? [])
        let pdf = try await CampaignReport.render(
            state: school.state, campaign: SampleSchool.campaign, today: SampleSchool.today,
            format: .pdf, extras: extras)
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        let file = Tools.artifacts.appendingPathComponent("report.pdf")
        try pdf.write(to: file)

        let text = String(decoding: try await Tools.run("pdftotext", ["-layout", file.path, "-"]), as: UTF8.self)
        #expect(
            containsInOrder(
                text,
                [
                    "创先争优活动简报", "一、活动阶段", "第1阶段", "第2阶段", "进行中", "二、参与与完成情况",
                    "三、承诺公开", "四、党员示范课", "五、评选表彰", "王建华", "六、评议结果", "七、图片展",
                ]))
        // The school's totals, and one branch's row.
        #expect(text.contains("30 人"))
        #expect(text.contains("已申报承诺（75%）"))
        #expect(text.contains("承诺全部完成（占已申报 33%）"))
        let rows = text.split(separator: "\n").map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        #expect(
            rows.contains { $0.starts(with: ["语文支部", "10", "9", "90%", "4", "44%", "5/7", "1", "4（2）", "12"]) },
            "语文支部's row: 5 of its 7 lesson teachers taught (confirmed), 1 waits confirmation"
        )
        #expect(
            rows.contains { $0.starts(with: ["合计", "40", "30", "75%", "10", "33%", "16/23", "3"]) }, "the totals row")
        #expect(text.contains("合计"))
        for word in SampleSchool.privateWords { #expect(!text.contains(word), "\(word) is private") }

        // A4 pages (595 × 842 pt), several of them, each with something printed.
        let info = String(decoding: try await Tools.run("pdfinfo", [file.path]), as: UTF8.self)
        #expect(info.contains("595.276 x 841.89 pts (A4)"), "\(info)")
        let pages =
            info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap {
                Int($0.split(separator: " ").last ?? "")
            } ?? 0
        #expect((3...20).contains(pages), "\(pages) pages")
        let prefix = Tools.artifacts.appendingPathComponent("report-page").path
        _ = try await Tools.run("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "2", file.path, prefix])
        for page in ["1", "2"] {
            let png = try Data(
                contentsOf: URL(
                    fileURLWithPath: prefix + "-\(String(repeating: "0", count: String(pages).count - 1) + page).png"))
            let image = try PNGImage(png)
            #expect(image.width == 414 && image.height == 585, "A4 at 50 dpi: \(image.width)×\(image.height)")
        }
    }

    @Test func onePhaseRendersOnItsOwn() async throws {
        let pdf = try await CampaignReport.render(
            state: school.state, campaign: SampleSchool.campaign, today: SampleSchool.today,
            phase: 1, format: .pdf)
        let file = Tools.artifacts.appendingPathComponent("report-phase-1.pdf")
        try pdf.write(to: file)
        let text = String(decoding: try await Tools.run("pdftotext", [file.path, "-"]), as: UTF8.self)
        #expect(text.contains("第1阶段 广泛发动，安排部署"))
        #expect(text.contains("截至2010年6月30日"))
        #expect(!text.contains("第3阶段"))
    }
}
