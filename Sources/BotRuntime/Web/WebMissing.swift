import CampaignCore
import CampaignIntents
import Foundation
import Hummingbird
import Logging

/// 未完成名单: who still owes what, per branch — the rows of chat's `未完成` (`CampaignQuery.missing`), as a table
/// to print and hand round.
extension WebRoutes {
    static let missingTargets: [MissingTarget] = [
        .all, .pledge, .lesson, .visit, .moral, .teaching, .research, .benchmark,
    ]

    func missing(_ viewer: WebViewer, _ state: BotState, _ query: [String: String]) throws -> Response {
        let branch = try Self.branch(viewer, asked: query["branch"], state: state)
        let target = query["what"].flatMap { MissingTarget(rawValue: $0) } ?? .all
        let today = CampaignTime.local(office.clock.now()).date
        let campaignQuery = CampaignQuery(state: state, campaign: bot.campaign, asOf: today)
        let list = campaignQuery.missing(target, branch: branch)
        let whom = branch ?? "全校"
        var body = "<h1>\(WebHTML.escape(whom))未完成名单</h1>"
        body += "<p class=\"sub\">截至\(today.chinese) · \(WebHTML.escape(target.chineseName)) · 与聊天中“未完成”的回答相同</p>"
        let what = target == .all ? "" : "what=\(target.rawValue)"
        if viewer.isAdmin { body += branchTabs(state, current: branch, path: "/missing", extra: what) }
        body += "<div class=\"tabs\" role=\"navigation\" aria-label=\"项目\">"
        for item in Self.missingTargets {
            var href = office.link("/missing") + "?what=\(item.rawValue)"
            if let branch, viewer.isAdmin { href += "&amp;branch=" + WebHTML.query(branch) }
            body +=
                "<a href=\"\(href)\"\(item == target ? " class=\"on\"" : "")>\(WebHTML.escape(item.chineseName))</a>"
        }
        body += "</div>"
        if !list.started {
            body += "<p class=\"notice\">这一项还没有开始，暂无名单。</p>"
        } else if list.rows.isEmpty {
            body += "<p class=\"notice\">全部完成：\(list.applies.count) 人中没有人欠这一项。</p>"
        } else {
            if !list.open { body += "<p class=\"notice\">这一项已截止，名单为截止时仍未完成的人。</p>" }
            body += "<p><strong>\(list.rows.count)</strong> 人未完成（共 \(list.applies.count) 人）。</p>"
            var rows = ""
            for row in list.rows {
                var duties = row.duties.map { WebHTML.escape($0.chinese()) }.joined(separator: "<br>")
                if let visits = row.visits { duties += "<br>节假日家访 \(visits.have) / \(visits.need) 次" }
                rows +=
                    "<tr><td>\(WebHTML.escape(row.person.staffID))</td><td>\(WebHTML.escape(row.person.name))</td>"
                    + "<td>\(WebHTML.escape(row.person.branch))</td><td class=\"wrap\">\(duties)</td></tr>"
            }
            body += """
                <div class="table"><table><thead><tr><th>工号</th><th>姓名</th><th>支部</th><th>未完成</th></tr></thead>\
                <tbody>\(rows)</tbody></table></div>
                """
        }
        return WebPage(title: "\(whom)未完成名单", section: .missing, viewer: viewer, body: body).response(office)
    }
}
