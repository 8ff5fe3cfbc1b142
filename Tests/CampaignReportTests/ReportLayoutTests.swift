import CampaignCore
import CampaignIntents
@testable import CampaignReport
import Foundation
import TestSupport
import Testing

/// The report's layout holds whatever teachers write: long pledges wrap in their own column, chart titles do not
/// break inside a date, a 全校 lesson shows the topic it repeats, and works are named as the plan names them.
@Suite struct ReportLayoutTests {
    static let today = SampleSchool.day(2011, 1, 10)

    /// One branch: a member with a 2,000-character pledge (and an unbroken Latin run), a class teacher's 经验论文, a
    /// nominated and taught group lesson with a topic, and the school-wide lesson booked without one.
    static func state() throws -> BotState {
        var state = BotState()
        try state.apply(
            .importRoster(
                people: [
                    Person(
                        staffID: "X1", name: "欧阳长名字", roles: [.frontline, .classTeacher], branch: "语文支部",
                        partyMember: true),
                    Person(staffID: "X2", name: "李四", roles: [.frontline], branch: "语文支部", partyMember: true),
                ], codes: [:], directChats: [:]))
        let long =
            String(repeating: "认真备课上好每一节课关心每一位学生的成长，", count: 90) + String(repeating: "A", count: 120)
        try state.apply(
            .pledge(
                Pledge(
                    id: "P-0001", staffID: "X1", star: .moral, text: long,
                    at: SampleSchool.at(SampleSchool.day(2010, 7, 5)),
                    late: false)))
        try state.apply(
            .addWork(
                Work(
                    id: "W-0001", staffID: "X1", kind: .paper, title: "班主任工作点滴",
                    at: SampleSchool.at(SampleSchool.day(2010, 9, 20)))))
        let group = Lesson(
            id: "L-0001", staffID: "X2", date: SampleSchool.day(2010, 10, 12), period: 3, className: "高二(3)班",
            topic: "荷塘月色", level: .group, status: .booked, nominated: false,
            bookedAt: SampleSchool.at(SampleSchool.day(2010, 9, 20)), cancelledAt: nil)
        try state.apply(.bookLesson(group))
        try state.apply(.nominate(id: "L-0001"))
        try state.apply(
            .confirmLesson(
                id: "L-0001", held: true,
                entry: RecordHistoryEntry(
                    at: SampleSchool.at(SampleSchool.day(2010, 10, 13)), by: "X2", action: "确认已上", before: "L-0001")))
        try state.apply(
            .bookLesson(
                Lesson(
                    id: "L-0002", staffID: "X2", date: SampleSchool.day(2010, 11, 24), period: 1, className: "高三(1)班",
                    topic: nil, level: .school, status: .booked, nominated: false,
                    bookedAt: SampleSchool.at(SampleSchool.day(2010, 10, 20)), cancelledAt: nil)))
        return state
    }

    @Test func aLongPledgeWrapsInItsOwnColumnOfFixedWidth() throws {
        let page = try CampaignReport.html(state: Self.state(), campaign: .builtIn, today: Self.today)
        #expect(
            page.contains(
                "<table class=\"pledges fixed\"><colgroup><col style=\"width: 16%\"><col style=\"width: 14%\"><col style=\"width: 70%\"></colgroup>"
            ))
        #expect(ReportStylesheet.css.contains("table.fixed { table-layout: fixed; }"))
        #expect(ReportStylesheet.css.contains("overflow-wrap: anywhere"))
    }

    @Test(
        .enabled(
            if: try Prerequisite.available(.weasyprint, .pdftotext),
            "weasyprint or poppler-utils is not installed: the printed layout is not checked"))
    func printedTheNameAndStarStayWholeBesideALongPledge() async throws {
        let pdf = try await CampaignReport.render(
            state: Self.state(), campaign: .builtIn, today: Self.today, format: .pdf)
        let file = Tools.artifacts.appendingPathComponent("report-long-pledge.pdf")
        try pdf.write(to: file)
        let text = String(decoding: try await Tools.run("pdftotext", ["-layout", file.path, "-"]), as: UTF8.self)
        let row = text.split(separator: "\n").first { $0.contains("欧阳长名字") && $0.contains("认真备课") }
        #expect(row?.contains("德育之星") == true, "name, star and the pledge's first line side by side: \(row ?? "")")
        #expect(text.contains("AAAA"), "the unbroken run is printed, wrapped")
        // The long row breaks across pages instead of leaving its heading alone on an empty page.
        let pages = text.split(separator: "\u{0C}")
        #expect(pages.contains { $0.contains("语文支部（1 人）") && $0.contains("认真备课") }, "heading and row together")
    }

    @Test func aSchoolWideLessonWithoutATopicShowsTheTopicItRepeats() throws {
        let page = try CampaignReport.html(state: Self.state(), campaign: .builtIn, today: Self.today)
        let list = AnswerRows.rows(page, "lessons")
        let school = try #require(list.first { $0.contains("全校展示") }, "\(list)")
        #expect(school.contains("荷塘月色") && !school.contains("—"), "\(school)")
        #expect(page.contains("李四《荷塘月色》"), "the nomination names the topic")
    }

    @Test func anExperiencePaperIsCalledSo() throws {
        let page = try CampaignReport.html(state: Self.state(), campaign: .builtIn, today: Self.today, phase: 2)
        #expect(page.contains("提交成果 1 项：经验论文 1"), "not a bare 论文")
        let csv = Export.csv(state: try Self.state(), what: .works)
        #expect(csv.contains(",经验论文,"), "\(csv)")
    }

    @Test("chart titles break between words, never inside a date")
    func titlesDoNotBreakInsideADate() {
        let title = "评议结果：年度党员评议（截止2012年9月28日，8 人参加）"
        let date = "2012年9月28日"
        for width in stride(from: 120.0, through: 900, by: 7) {
            for maxLines in [1, 2] {
                let lines = TextMetrics.wrap(title, size: ChartStyle.titleSize, width: width, maxLines: maxLines)
                for line in lines {
                    #expect(line.contains("2012") == line.contains(date), "width \(width): \(lines)")
                    #expect(TextMetrics.width(line, size: ChartStyle.titleSize) <= width + 0.001, "\(lines)")
                }
            }
        }
        #expect(TextMetrics.units(of: "截至2011年6月30日 · 单位：人").contains("2011年6月30日"))
        #expect(TextMetrics.units(of: "Unit 5 Reading").contains("Reading"))
    }
}

/// Rows of a report table by its class, each row as one string of its cells.
enum AnswerRows {
    static func rows(_ html: String, _ className: String) -> [String] {
        guard let start = html.range(of: "<table class=\"\(className)") else { return [] }
        let rest = html[start.upperBound...]
        let table = rest[..<(rest.range(of: "</table>")?.lowerBound ?? rest.endIndex)]
        return table.components(separatedBy: "<tr>").dropFirst(2).map { $0 }
    }
}
