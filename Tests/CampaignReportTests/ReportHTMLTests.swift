import CampaignCore
import CampaignIntents
@testable import CampaignReport
import Foundation
import TestSupport
import Testing

/// The report as HTML: its sections in order, the numbers, what is public and what never is.
@Suite struct ReportHTMLTests {
    let school: SampleSchool

    init() throws { school = try SampleSchool() }

    func html(phase: Int? = nil, extras: ReportExtras = .none) throws -> String {
        try CampaignReport.html(
            state: school.state, campaign: SampleSchool.campaign, today: SampleSchool.today, phase: phase,
            extras: extras)
    }

    @Test func sectionsComeInOrderAndOptionalOnesAreLeftOut() throws {
        let page = try html()
        #expect(containsInOrder(page, ["创先争优活动简报", "一、活动阶段", "二、参与与完成情况", "三、承诺公开", "四、党员示范课"]))
        for absent in ["评选表彰", "评议结果", "图片展"] {
            #expect(!page.contains("、\(absent)</h2>"), "\(absent) should be left out when empty")
        }
        #expect(page.contains("<svg"), "charts are inline SVG")
        #expect(
            !page.contains("src=\"http") && !page.contains("href=\"http") && !page.contains("url("),
            "nothing is fetched")
    }

    @Test func optionalSectionsAppearWhenGivenAndAreNumberedOn() throws {
        let picture = GalleryPicture(
            caption: "党员示范课现场", kind: .png, data: Data([0x89, 0x50, 0x4E, 0x47]), credit: "语文支部 10月")
        let page = try html(
            extras: ReportExtras(
                awards: [
                    Award(
                        name: "王建华", branch: "语文支部", star: .teaching, title: "教学之星先进典型", phase: 2, citation: "精品课获市一等奖")
                ],
                evaluations: [
                    EvaluationSummary(
                        title: "2010年七一党员评议",
                        groups: [
                            .init(
                                label: "全校", counts: [.excellent: 120, .qualified: 80, .basicallyQualified: 4],
                                raters: 36)
                        ], note: "参评不足5人的支部不单列。")
                ],
                gallery: [picture]))
        #expect(
            containsInOrder(
                page,
                [
                    "四、党员示范课", "五、评选表彰", "王建华", "教学之星先进典型", "精品课获市一等奖",
                    "六、评议结果", "2010年七一党员评议", "120", "204", "七、图片展", "data:image/png;base64,iVBORw==", "党员示范课现场",
                ]))
    }

    @Test func theKeyFiguresAndTablesCarryTheRightNumbers() throws {
        let page = try html()
        #expect(page.contains("<b>30 人</b><span>已申报承诺（75%）</span>"))
        #expect(page.contains("<b>10 人</b><span>承诺全部完成（占已申报 33%）</span>"))
        // Lessons are done when taught: the teachers whose group lesson was confirmed, the others waiting confirmation.
        let awaiting = school.groupLessons - school.heldGroupLessons
        #expect(
            page.contains(
                "<b>\(school.heldGroupLessons) 人</b><span>组内示范课已上（应上 23 人，待确认 \(awaiting) 人），全校展示已上 \(school.heldSchoolLessons) 节</span>"
            ))
        #expect(page.contains("<b>\(school.visits) 次</b>"))
        #expect(
            page.contains(
                "<tr><td>语文支部</td><td class=\"n\">10</td><td class=\"n\">9</td><td class=\"n\">90%</td><td class=\"n\">4</td>"
            ))
        #expect(page.contains("<tr class=\"total\"><td>合计</td><td class=\"n\">40</td><td class=\"n\">30</td>"))
    }

    @Test func everyPledgeIsPublishedButNoVisitDetail() throws {
        let page = try html()
        for pledge in school.state.pledges { #expect(page.contains(HTMLText.escape(pledge.text))) }
        for word in SampleSchool.privateWords { #expect(!page.contains(word), "\(word) is private") }
    }

    @Test func nominatedAndSchoolWideLessonsAreShown() throws {
        let page = try html()
        #expect(page.contains("各支部与全校展示"))
        #expect(page.contains("全校展示</td>"))
        #expect(page.contains("组内·推荐"))
        #expect(page.contains("12月15日"))
    }

    @Test func onePhaseShowsThatPhaseOnly() throws {
        let page = try html(phase: 1)
        #expect(page.contains("第1阶段 广泛发动，安排部署（2010年6月11日—2010年6月30日）"))
        #expect(!page.contains("第2阶段 全面争创"))
        #expect(page.contains("截至2010年6月30日"))
        #expect(page.contains("本时段暂无示范课安排") || !page.contains("示范课一览"))
    }

    @Test func anUnknownPhaseIsAnError() {
        #expect(throws: ReportError.unknownPhase(5, phases: [1, 2, 3, 4])) { try html(phase: 5) }
    }

    @Test func markupInRecordsIsEscaped() throws {
        var state = BotState()
        try state.apply(
            .importRoster(
                people: [
                    Person(
                        staffID: "X1", name: "<script>alert(1)</script>", roles: [.frontline],
                        branch: "A&B", partyMember: true)
                ], codes: [:], directChats: [:]))
        try state.apply(
            .pledge(
                Pledge(
                    id: "P-0001", staffID: "X1", star: .teaching, text: "<img src=x onerror=alert(1)>",
                    at: SampleSchool.at(SampleSchool.day(2010, 7, 1)), late: false)))
        let page = try CampaignReport.html(state: state, campaign: SampleSchool.campaign, today: SampleSchool.today)
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<img src=x"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains("A&amp;B"))
    }

    @Test func theFileNameSaysWhatAndWhen() {
        #expect(
            CampaignReport.fileName(today: SampleSchool.today, phase: 2, format: .pdf) == "创先争优简报-第2阶段-2011-01-10.pdf")
        #expect(CampaignReport.fileName(today: SampleSchool.today, format: .html) == "创先争优简报-2011-01-10.html")
    }
}
