import CampaignCore
import CampaignIntents
import CampaignReport
import Foundation
import Hummingbird

/// 评议与表彰: the confirmed commendations, who wrote their 对标定位, and the closed 评议 rounds in aggregate — the
/// report's own readings (`Award.confirmed`, `CampaignQuery.benchmarks`, `EvaluationSummaries`): never a rater,
/// never one person's grades, never a count below the publication threshold.
extension WebRoutes {
    func addOutcomeRoutes(to router: Router<ListenerRequestContext>) {
        router.get("/outcomes") { request, _ in
            try await guarded(request) { viewer, state in try outcomes(viewer, state, query(request)) }
        }
    }

    func outcomes(_ viewer: WebViewer, _ state: BotState, _ query: [String: String]) throws -> Response {
        let branch = try Self.branch(viewer, asked: query["branch"], state: state)
        let today = CampaignTime.local(office.clock.now()).date
        let whom = branch ?? "全校"
        var body = "<h1>\(WebHTML.escape(whom))评议与表彰</h1><p class=\"sub\">截至\(today.chinese)</p>"
        if viewer.isAdmin { body += branchTabs(state, current: branch, path: "/outcomes") }

        let awards = Award.confirmed(in: state).filter { branch == nil || $0.branch == branch }
        body += "<h2>表彰（先进典型）</h2>"
        if awards.isEmpty {
            body += "<p class=\"muted\">还没有确认的表彰。书记在聊天中发送“表彰 工号 星”推荐，管理员确认。</p>"
        } else {
            var rows = ""
            for award in awards {
                rows +=
                    "<tr><td>\(WebHTML.escape(award.name))</td><td>\(WebHTML.escape(award.branch))</td>"
                    + "<td>\(WebHTML.escape(award.title))</td><td>\(award.phase.map { "第\($0)阶段" } ?? "")</td>"
                    + "<td class=\"wrap\">\(WebHTML.escape(award.citation ?? ""))</td></tr>"
            }
            body += """
                <div class="table"><table><thead><tr><th>姓名</th><th>支部</th><th>称号</th><th>阶段</th><th>事迹</th>\
                </tr></thead><tbody>\(rows)</tbody></table></div>
                """
        }

        let campaignQuery = CampaignQuery(state: state, campaign: bot.campaign, asOf: today)
        body += "<h2>对标定位</h2>"
        if let phase = bot.campaign.benchmarkPhase {
            var rows = ""
            let names = Set(campaignQuery.people(branch: branch).map(\.branch)).sorted()
            for name in names {
                let members = campaignQuery.people(branch: name).filter(\.partyMember)
                let wrote = Set(campaignQuery.benchmarks(branch: name).map(\.staffID))
                let done = members.filter { wrote.contains($0.staffID) }.count
                rows +=
                    "<tr><td>\(WebHTML.escape(name.isEmpty ? "未分支部" : name))</td><td class=\"n\">\(members.count)</td>"
                    + "<td class=\"n\">\(done)</td><td class=\"n\">\(percent(done, of: members.count))</td></tr>"
            }
            body += "<p class=\"muted\">第\(phase.number)阶段（\(phase.span.chinese)）党员写下榜样、差距和措施。</p>"
            body += """
                <div class="table"><table><thead><tr><th>支部</th><th class="n">党员</th><th class="n">已填写</th>\
                <th class="n">比例</th></tr></thead><tbody>\(rows)</tbody></table></div>
                """
        }

        body += "<h2>民主评议</h2>"
        let minRaters = bot.engine.evaluationMinRaters
        let summaries = state.evaluations.rounds.filter { $0.closedAt != nil }.compactMap {
            EvaluationSummaries.summary(of: $0, state, minRaters: minRaters, branch: branch)
        }
        if summaries.isEmpty {
            body += "<p class=\"muted\">还没有可公布的评议结果（评议结束后，评价人数达到 \(minRaters) 人的才公布汇总）。</p>"
        } else {
            body += "<p class=\"muted\">只公布汇总：不显示评价人，也不显示个人的得票；人数不足 \(minRaters) 人的不公布。</p>"
            body += "<div class=\"charts\">"
            for summary in summaries { body += "<figure class=\"chart\">\(Charts.evaluationSVG(summary))</figure>" }
            body += "</div>"
        }
        return WebPage(title: "\(whom)评议与表彰", section: .outcomes, viewer: viewer, body: body).response(office)
    }
}
