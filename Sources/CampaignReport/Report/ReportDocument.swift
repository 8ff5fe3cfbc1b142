import CampaignCore
import CampaignIntents
import Foundation

/// The campaign report (简报) as one self-contained HTML document: styles, charts (inline SVG) and pictures
/// (data: URLs) inside, nothing fetched. Sections without content are left out and the rest renumbered.
struct ReportDocument {
    let campaign: Campaign
    let figures: CampaignFigures
    /// Already limited to the scope (`ReportExtras.scoped(to:)`).
    let extras: ReportExtras

    private var scope: ReportScope { figures.scope }
    func h(_ text: String) -> String { HTMLText.escape(text) }

    func html() -> String {
        let sections: [(title: String, body: String)] = [
            ("活动阶段", phasesSection()),
            ("参与与完成情况", participationSection()),
            ("承诺公开", pledgesSection()),
            ("党员示范课", lessonsSection()),
            ("对标定位", benchmarksSection()),
            ("评选表彰", awardsSection()),
            ("评议结果", evaluationSection()),
            ("图片展", gallerySection()),
        ].compactMap { title, body in body.map { (title, $0) } }
        let numbered = sections.enumerated().map { i, section in
            "<section>\n<h2>\(HTMLText.chineseNumber(i + 1))、\(h(section.title))</h2>\n\(section.body)\n</section>"
        }
        let title = "创先争优活动简报"
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(h(title))·\(h(scope.title(campaign: campaign)))</title>
            <style>
            \(ReportStylesheet.css)
            </style>
            </head>
            <body>
            <header class="masthead">
            <p class="kicker">\(h(campaign.name))</p>
            <h1>\(h(title))</h1>
            <p class="meta">\(h(scope.title(campaign: campaign)))</p>
            <p class="meta">\(h(scopeLine()))</p>
            </header>
            \(keyFigures())
            \(numbered.joined(separator: "\n"))
            <footer>根据活动记录自动生成（截至\(h(scope.asOf.chinese))）。统计只含名单在册人员；示范课以确认“已上”为完成；亲情家访只计次数，学生信息不在简报中公开。</footer>
            </body>
            </html>
            """
    }

    private func scopeLine() -> String {
        let whom = scope.branch.map { "\($0.isEmpty ? "未分支部" : $0)" } ?? "全校"
        return "统计范围：\(whom)在册 \(figures.people.count) 人 · 截至\(scope.asOf.chinese)"
    }

    private func keyFigures() -> String {
        let people = figures.people.count
        let total = figures.total
        let school = figures.lessons.filter { $0.lesson.level == .school && $0.state == .held }.count
        var lessonNote = "组内示范课已上（应上 \(total.demoTeachers) 人"
        if total.demoLessons.awaiting > 0 { lessonNote += "，待确认 \(total.demoLessons.awaiting) 人" }
        lessonNote += "）" + (school > 0 ? "，全校展示已上 \(school) 节" : "")
        let items = [
            ("\(figures.totalPledged) 人", "已申报承诺（\(HTMLText.percent(figures.totalPledged, of: people))）"),
            (
                "\(figures.totalCompleted) 人",
                "承诺全部完成（占已申报 \(HTMLText.percent(figures.totalCompleted, of: figures.totalPledged))）"
            ),
            ("\(total.demoLessons.held) 人", lessonNote),
            ("\(figures.totalVisits) 次", "亲情家访（节假日 \(total.holidayVisits) 次）"),
            ("\(figures.totalWorks) 项", "成果（经验论文、课例、课题等）"),
        ]
        return "<ul class=\"figures\">" + items.map { "<li><b>\(h($0.0))</b><span>\(h($0.1))</span></li>" }.joined()
            + "</ul>"
    }

    // MARK: Sections

    /// `组内 已上 3 节（待确认 1 节，待上 2 节）`.
    static func lessonText(_ count: LessonCount) -> String {
        var parts: [String] = []
        if count.awaiting > 0 { parts.append("待确认 \(count.awaiting) 节") }
        if count.booked > 0 { parts.append("待上 \(count.booked) 节") }
        return "已上 \(count.held) 节" + (parts.isEmpty ? "" : "（" + parts.joined(separator: "，") + "）")
    }

    private func phasesSection() -> String? {
        guard !figures.phases.isEmpty else { return nil }
        return figures.phases.map { row in
            let statusClass = row.status.rawValue
            let a = row.activity
            var lines: [String] = []
            if row.status != .upcoming {
                lines.append("申报承诺 \(a.pledges) 份" + (a.latePledges > 0 ? "（其中逾期 \(a.latePledges) 份）" : ""))
                if a.groupLessons.active + a.schoolLessons.active > 0 || row.phase.number == campaign.lessonPhase {
                    lines.append(
                        "党员示范课 组内\(Self.lessonText(a.groupLessons))、全校展示\(Self.lessonText(a.schoolLessons))")
                }
                lines.append("亲情家访 \(a.visits) 次（节假日 \(a.holidayVisits) 次）")
                let works = a.works.map { "\($0.kind.displayName) \($0.count)" }.joined(separator: "、")
                lines.append("提交成果 \(a.workCount) 项" + (works.isEmpty ? "" : "：\(works)"))
                if let members = row.benchmarkMembers {
                    lines.append("对标定位 \(a.benchmarks) 份（党员 \(members) 人）")
                }
            }
            // Within one calendar year the year goes without saying; across two it does not.
            let oneYear = row.phase.span.from.year == row.phase.span.to.year
            let milestones = row.milestones.map {
                (oneYear ? "\($0.date.month)月\($0.date.day)日" : $0.date.chinese) + " \($0.name)"
            }
            .joined(separator: "；")
            return """
                <article class="phase">
                <h3>第\(row.phase.number)阶段 \(h(row.phase.name))<span class="status \(statusClass)">\(row.status.chineseName)</span></h3>
                <p class="muted">\(h(row.phase.span.chinese))</p>
                <p>\(h(row.phase.summary))</p>
                \(lines.isEmpty ? "" : "<ul>" + lines.map { "<li>\(h($0))</li>" }.joined() + "</ul>")
                \(milestones.isEmpty ? "" : "<p class=\"muted\">时间节点：\(h(milestones))</p>")
                </article>
                """
        }.joined(separator: "\n")
    }

    private func participationSection() -> String? {
        let b = figures.branches
        func row(_ name: String, _ r: PeopleTally) -> [String] {
            [
                h(name), "\(r.people)", "\(r.pledged)", HTMLText.percent(r.pledged, of: r.people), "\(r.completedAll)",
                HTMLText.percent(r.completedAll, of: r.pledged), "\(r.demoLessons.held)/\(r.demoTeachers)",
                "\(r.demoLessons.awaiting)", "\(r.visits)（\(r.holidayVisits)）", "\(r.works)",
            ]
        }
        var rows = b.map { row($0.name, $0.tally) }
        if b.count > 1 { rows.append(row("合计", figures.total)) }
        let branchTable = HTMLText.table(
            ["支部", "人数", "已申报", "申报率", "全部完成", "完成率", "示范课已上", "待确认", "家访（节假日）", "成果"],
            rows, numeric: Set(1...9), className: b.count > 1 ? "branches with-total" : "branches",
            widths: [15, 7, 8, 8, 9, 8, 11, 8, 15, 7]
        )
        .replacingOccurrences(of: "<tr><td>合计</td>", with: "<tr class=\"total\"><td>合计</td>")
        let starTable = HTMLText.table(
            ["争创", "对象", "可申报", "已申报", "申报率", "已完成", "完成率"],
            figures.stars.map { r in
                [
                    h(r.star.chineseName), h(r.eligibility), "\(r.eligible)", "\(r.pledged)",
                    HTMLText.percent(r.pledged, of: r.eligible),
                    "\(r.completed)", HTMLText.percent(r.completed, of: r.pledged),
                ]
            }, numeric: Set(2...6), className: "stars", widths: [16, 24, 12, 12, 12, 12, 12])
        let cutoff =
            scope.phase == nil
            ? "数字截至\(scope.asOf.chinese)。"
            : "数字截至本阶段最后一天（\(scope.asOf.chinese)），之后登记的记录、确认和评议不计入。"
        return """
            <p>“已申报”指至少申报了一项承诺；“全部完成”指所申报的每一颗星的要求都已有成果记录。示范课以确认“已上”为完成：“示范课已上”为组内示范课已上的一线党员教师数/应上人数，“待确认”为课已过、尚未确认是否上过的人数。家访、成果为累计数。\(cutoff)</p>
            <h3>按支部</h3>
            \(branchTable)
            <figure>\(Charts.participationByBranch(figures))</figure>
            <h3>按三星</h3>
            \(starTable)
            <figure>\(Charts.participationByStar(figures))</figure>
            <h3>按月份</h3>
            <figure>\(Charts.recordsByMonth(figures))</figure>
            """
    }

    private func pledgesSection() -> String? {
        let intro = "<p>按活动方案“向群众公开”的要求，公布各支部人员的争创承诺，接受监督。（亲情家访涉及学生个人信息，不在此公开。）</p>"
        guard !figures.publicPledges.isEmpty else { return intro + "<p class=\"muted\">本时段暂无承诺。</p>" }
        return intro
            + figures.publicPledges.map { group in
                let rows = group.entries.flatMap { entry in
                    entry.pledges.map { [h(entry.person.name), h($0.star.chineseName), h($0.text)] }
                }
                return "<h3>\(h(group.branch))（\(group.entries.count) 人）</h3>\n"
                    + HTMLText.table(["姓名", "争创", "承诺内容"], rows, className: "pledges", widths: [16, 14, 70])
            }.joined(separator: "\n")
    }

    private func lessonsSection() -> String? {
        let teachers = figures.people.filter(\.teachesDemoLesson)
        guard !teachers.isEmpty || !figures.lessons.isEmpty else { return nil }
        let lessonSpan = campaign.lessonSpan.map { "（\($0.chinese)）" } ?? ""
        var parts = [
            "<p>一线党员教师在第\(campaign.lessonPhase)阶段\(h(lessonSpan))上一节组内示范课，确认“已上”为完成；各支部推荐一节参加全校展示。</p>"
        ]
        let byBranch = Dictionary(grouping: figures.lessons, by: \.teacher.branch)
        let rows = figures.branches.map { branch -> [String] in
            let name = branch.name == "未分支部" ? "" : branch.name
            let lessons = byBranch[name] ?? []
            let nominated = lessons.first { $0.lesson.nominated }
            let school = lessons.filter { $0.lesson.level == .school }
            return [
                h(branch.name), "\(branch.demoTeachers)", "\(branch.demoLessons.held)",
                "\(branch.demoLessons.awaiting)",
                nominated.map { h($0.teacher.name + ($0.topic.map(Self.titled) ?? "")) } ?? "—",
                school.isEmpty
                    ? "—"
                    : school.map {
                        h("\($0.teacher.name) \($0.lesson.date.month)月\($0.lesson.date.day)日（\($0.state.chineseName)）")
                    }.joined(separator: "<br>"),
            ]
        }
        parts.append("<h3>各支部与全校展示</h3>")
        parts.append(
            HTMLText.table(
                ["支部", "应上", "已上", "待确认", "推荐参加全校展示", "全校展示课"], rows, numeric: [1, 2, 3],
                className: "lesson-branches", widths: [15, 8, 8, 9, 30, 30]))
        if figures.lessons.isEmpty {
            parts.append("<p class=\"muted\">本时段暂无示范课安排。</p>")
        } else {
            parts.append("<h3>示范课一览</h3>")
            let list = figures.lessons.map { entry -> [String] in
                let l = entry.lesson
                let level = l.level == .school ? "全校展示" : l.nominated ? "组内·推荐" : "组内"
                return [
                    "\(l.date.month)月\(l.date.day)日 \(l.date.chineseWeekday)", "第\(l.period)节", h(l.className),
                    h(entry.teacher.name), h(entry.teacher.branch), h(entry.topic ?? "—"), level,
                    entry.state.chineseName,
                ]
            }
            parts.append(
                HTMLText.table(
                    ["日期", "节次", "班级", "教师", "支部", "课题", "级别", "状态"], list, className: "lessons",
                    widths: [18, 8, 12, 10, 11, 19, 12, 10]))
        }
        return parts.joined(separator: "\n")
    }
}
