package import CampaignIntents
import Foundation

/// Statistics and lists for secretaries and admins, as short text that reads well on a phone. Every figure comes from
/// one `CampaignQuery` as of `today`, the same one the digest, 我的进度, the report and 导出 read.
package struct Reports {
    package let campaign: Campaign
    package let state: BotState
    package let today: CalendarDate
    /// Answer in English (the question was asked in English).
    package let english: Bool
    package let query: CampaignQuery

    package init(campaign: Campaign, state: BotState, today: CalendarDate, english: Bool = false) {
        self.campaign = campaign
        self.state = state
        self.today = today
        self.english = english
        query = CampaignQuery(state: state, campaign: campaign, asOf: today)
    }

    /// Reports from a query already made (its day is `today`).
    package init(query: CampaignQuery, state: BotState, english: Bool = false) {
        campaign = query.campaign
        self.state = state
        today = query.asOf
        self.english = english
        self.query = query
    }

    /// `branch` nil: the whole school (admins); otherwise only that branch (secretaries).
    package func stats(by dimension: StatsDimension, branch: String?) -> String {
        statsReply(by: dimension, branch: branch).text(english: english)
    }

    package func statsReply(by dimension: StatsDimension, branch: String?) -> StatsReply {
        let rows: StatsReply.Rows
        switch dimension {
        case .branch:
            let groups = query.branches(branch: branch)
            rows = .branches(groups, total: branch == nil && groups.count > 1 ? query.total(branch: nil) : nil)
        case .star:
            rows = .stars(query.stars(branch: branch))
        case .phase:
            rows = .phases(query.phases(branch: branch))
        }
        return StatsReply(dimension: dimension, branch: branch, today: today, rows: rows)
    }
}
