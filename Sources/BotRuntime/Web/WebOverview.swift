import CampaignCore
import CampaignIntents
import CampaignReport
import Foundation
import Hummingbird
import Logging

/// 总览: where the campaign stands (phase, the next milestone), the figures and charts of 统计 and the report, and a
/// table per branch with a link to who still owes what. Every number is read from one `CampaignQuery`
/// (`CampaignFigures`), as of today.
extension WebRoutes {
    func overview(_ viewer: WebViewer, _ state: BotState, _ query: [String: String]) throws -> Response {
        let branch = try Self.branch(viewer, asked: query["branch"], state: state)
        let campaign = bot.campaign
        let today = CampaignTime.local(office.clock.now()).date
        let scope = try Self.scope(campaign, today: today, branch: branch)
        let figures = CampaignFigures(state: state, campaign: campaign, scope: scope)
        let whom = branch ?? "全校"
        var body = "<h1>\(WebHTML.escape(whom))活动总览</h1>"
        body += "<p class=\"sub\">截至\(today.chinese)（\(today.chineseWeekday)） · 与聊天中“统计”“未完成”和简报的数字一致</p>"
        if viewer.isAdmin { body += branchTabs(state, current: branch, path: "/overview") }
        body += "<div class=\"cards\">" + phaseCards(campaign, today: today) + figureCards(figures) + "</div>"

        body += "<h2>图表</h2><div class=\"charts\">"
        for kind in [Charts.Kind.participationByBranch, .participationByStar, .recordsByMonth] {
            if let svg = try? Charts.svg(kind, state: state, campaign: campaign, today: today, branch: branch) {
                body += "<figure class=\"chart\">\(svg)</figure>"
            }
        }
        body +=
            "<figure class=\"chart\">\(Charts.weeklySVG(state: state, campaign: campaign, today: today, branch: branch))</figure>"
        body += "</div>"
        body += branchTable(figures, state: state, today: today)
        body += starTable(figures)
        return WebPage(title: "\(whom)总览", section: .overview, viewer: viewer, body: body).response(office)
    }

    static func scope(_ campaign: Campaign, today: CalendarDate, phase: Int? = nil, branch: String?) throws(WebFailure)
        -> ReportScope
    {
        do {
            return try ReportScope(campaign: campaign, today: today, phase: phase, branch: branch)
        } catch {
            throw .badRequest(error.description)
        }
    }

    /// Admins switch between the whole school and one branch.
    func branchTabs(_ state: BotState, current: String?, path: String, extra: String = "") -> String {
        let branches = Set(state.activePeople.map(\.branch)).filter { !$0.isEmpty }.sorted()
        var tabs = "<div class=\"tabs\" role=\"navigation\" aria-label=\"支部\">"
        tabs +=
            "<a href=\"\(office.link(path))\(extra.isEmpty ? "" : "?" + extra)\"\(current == nil ? " class=\"on\"" : "")>全校</a>"
        for name in branches {
            let on = name == current ? " class=\"on\"" : ""
            let href = office.link(path) + "?branch=" + WebHTML.query(name) + (extra.isEmpty ? "" : "&amp;" + extra)
            tabs += "<a href=\"\(href)\"\(on)>\(WebHTML.escape(name))</a>"
        }
        return tabs + "</div>"
    }

    func phaseCards(_ campaign: Campaign, today: CalendarDate) -> String {
        var cards = ""
        if let phase = campaign.phase(on: today) {
            cards += card("当前阶段", "第\(phase.number)阶段", note: "\(phase.name)，至\(Self.day(phase.span.to, from: today))")
        } else if today < campaign.start {
            cards += card("当前阶段", "尚未开始", note: "\(campaign.start.chinese)开始")
        } else {
            cards += card("当前阶段", "已结束", note: "\(campaign.end.chinese)结束")
        }
        if let next = campaign.milestones.filter({ $0.date >= today }).min(by: { $0.date < $1.date }) {
            let days = next.date.dayNumber - today.dayNumber
            cards += card(
                "距下一个节点", days == 0 ? "就在今天" : "\(days) 天", note: "\(next.name)（\(Self.day(next.date, from: today))）")
        }
        return cards
    }

    /// `6月30日`, with the year when it is not this year's.
    static func day(_ date: CalendarDate, from today: CalendarDate) -> String {
        (date.year == today.year ? "" : "\(date.year)年") + "\(date.month)月\(date.day)日"
    }

    func figureCards(_ f: CampaignFigures) -> String {
        let t = f.total
        return card("已申报承诺", "\(t.pledged) / \(t.people) 人", note: percent(t.pledged, of: t.people))
            + card("承诺全部完成", "\(t.completedAll) 人", note: percent(t.completedAll, of: t.pledged, "已申报者的"))
            + card(
                "党员示范课已上", "\(t.demoLessons.held) / \(t.demoTeachers) 节",
                note: "待确认 \(t.demoLessons.awaiting)，已预约 \(t.demoLessons.booked)")
            + card("亲情家访", "\(t.visits) 次", note: "其中节假日 \(t.holidayVisits) 次")
            + card("上报成果", "\(t.works) 项", note: "论文、讲座、班会、精品课、案例、课题")
    }

    func card(_ label: String, _ value: String, note: String? = nil) -> String {
        "<div class=\"card\"><div class=\"label\">\(WebHTML.escape(label))</div><div class=\"value\">\(WebHTML.escape(value))</div>"
            + (note.map { "<div class=\"note\">\(WebHTML.escape($0))</div>" } ?? "") + "</div>"
    }

    func percent(_ part: Int, of whole: Int, _ lead: String = "") -> String {
        guard whole > 0 else { return "—" }
        return "\(lead)\(Int((Double(part) * 100 / Double(whole)).rounded()))%"
    }

    func branchTable(_ f: CampaignFigures, state: BotState, today: CalendarDate) -> String {
        let query = f.query
        var rows = ""
        for row in f.branches {
            let name = row.name == "未分支部" ? "" : row.name
            let owing = query.missing(.all, branch: name).rows.count
            let href = office.link("/missing") + "?branch=" + WebHTML.query(name)
            rows +=
                "<tr><td>\(WebHTML.escape(row.name))</td><td class=\"n\">\(row.people)</td>"
                + "<td class=\"n\">\(row.pledged)</td><td class=\"n\">\(row.completed)</td>"
                + "<td class=\"n\">\(row.demoLessons.held) / \(row.demoTeachers)</td>"
                + "<td class=\"n\">\(row.visits)</td><td class=\"n\">\(row.works)</td>"
                + "<td class=\"n\"><a href=\"\(href)\">\(owing) 人</a></td></tr>"
        }
        return """
            <h2>各支部</h2><div class="table"><table><thead><tr><th>支部</th><th class="n">人数</th>\
            <th class="n">已申报</th><th class="n">全部完成</th><th class="n">示范课已上/应上</th>\
            <th class="n">家访</th><th class="n">成果</th><th class="n">有未完成</th></tr></thead>\
            <tbody>\(rows)</tbody></table></div>
            """
    }

    func starTable(_ f: CampaignFigures) -> String {
        var rows = ""
        for star in f.stars {
            rows +=
                "<tr><td>\(WebHTML.escape(star.star.chineseName))</td><td class=\"wrap\">\(WebHTML.escape(star.eligibility))</td>"
                + "<td class=\"n\">\(star.eligible)</td><td class=\"n\">\(star.pledged)</td><td class=\"n\">\(star.completed)</td></tr>"
        }
        return """
            <h2>三星争创</h2><div class="table"><table><thead><tr><th>星</th><th>可申报</th><th class="n">可申报人数</th>\
            <th class="n">已申报</th><th class="n">已完成</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }
}
