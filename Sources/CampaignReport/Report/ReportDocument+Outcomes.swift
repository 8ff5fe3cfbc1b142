import CampaignCore
import CampaignIntents
import Foundation

/// The sections of the campaign's outcomes: 对标定位, 表彰, 评议 and the pictures.
extension ReportDocument {
    func benchmarksSection() -> String? {
        guard let entries = figures.benchmarks, let phase = campaign.benchmarkPhase else { return nil }
        var parts = [
            "<p>第\(phase.number)阶段（\(h(phase.span.chinese))）每位党员对照先进典型，写下对标的榜样、找出的差距和改进措施。</p>"
        ]
        let byBranch = Dictionary(grouping: entries, by: \.member.branch)
        var rows = figures.branches.map { branch -> [String] in
            let name = branch.name == "未分支部" ? "" : branch.name
            let members = figures.people.filter { $0.branch == name && $0.partyMember }.count
            let written = byBranch[name]?.count ?? 0
            return [h(branch.name), "\(members)", "\(written)", HTMLText.percent(written, of: members)]
        }
        if figures.branches.count > 1 {
            let members = figures.people.filter(\.partyMember).count
            rows.append(["合计", "\(members)", "\(entries.count)", HTMLText.percent(entries.count, of: members)])
        }
        parts.append(
            HTMLText.table(
                ["支部", "党员", "已填写", "填写率"], rows, numeric: [1, 2, 3], className: "benchmarks-by-branch",
                widths: [40, 20, 20, 20]
            ).replacingOccurrences(of: "<tr><td>合计</td>", with: "<tr class=\"total\"><td>合计</td>"))
        if entries.isEmpty {
            parts.append("<p class=\"muted\">本时段暂无对标定位。</p>")
        } else {
            let list = entries.map { e in
                [h(e.member.name), h(e.member.branch), h(e.benchmark.model), h(e.benchmark.gaps), h(e.benchmark.steps)]
            }
            parts.append(
                HTMLText.table(
                    ["姓名", "支部", "榜样", "差距", "措施"], list, className: "benchmarks", widths: [12, 13, 25, 25, 25]))
        }
        return parts.joined(separator: "\n")
    }

    /// A lesson topic in title marks, unless the teacher already wrote them.
    static func titled(_ topic: String) -> String {
        topic.hasPrefix("《") ? topic : "《\(topic)》"
    }

    func awardsSection() -> String? {
        guard !extras.awards.isEmpty else { return nil }
        let rows = extras.awards.map { a in
            [
                h(a.name), h(a.branch),
                h(a.title) + (a.citation.map { "<br><span class=\"muted\">\(h($0))</span>" } ?? ""),
                a.phase.map { "第\($0)阶段" } ?? "—",
            ]
        }
        return "<p>经推荐、审核确认的先进典型：</p>\n" + HTMLText.table(["姓名", "支部", "表彰", "阶段"], rows)
    }

    func evaluationSection() -> String? {
        guard !extras.evaluations.isEmpty else { return nil }
        return "<p>评议结果只公布汇总数，不涉及个人评议意见。</p>\n"
            + extras.evaluations.map { summary in
                let grades = EvaluationGrade.allCases
                let rows = summary.groups.map { g in
                    [h(g.label)] + grades.map { "\(g.count($0))" } + [
                        "\(g.total)", g.raters.map(String.init) ?? "—",
                        HTMLText.percent(g.count(.excellent) + g.count(.qualified), of: g.total),
                    ]
                }
                return """
                    <h3>\(h(summary.title))</h3>
                    \(HTMLText.table(["范围"] + grades.map(\.chineseName) + ["合计", "参评人数", "合格及以上"], rows, numeric: Set(1...7)))
                    <figure>\(Charts.evaluationSVG(summary))</figure>
                    \(summary.note.map { "<p class=\"muted\">\(h($0))</p>" } ?? "")
                    """
            }.joined(separator: "\n")
    }

    func gallerySection() -> String? {
        guard !extras.gallery.isEmpty else { return nil }
        let items = extras.gallery.map { picture in
            let credit = picture.credit.map { "<br>\(h($0))" } ?? ""
            return
                "<figure><img src=\"data:\(picture.kind.rawValue);base64,\(picture.data.base64EncodedString())\" alt=\"\(h(picture.caption))\">"
                + "<figcaption>\(h(picture.caption))\(credit)</figcaption></figure>"
        }
        return "<div class=\"gallery\">\n" + items.joined(separator: "\n") + "\n</div>"
    }
}
