package import CampaignCore
import CampaignIntents
import Foundation

extension Award {
    /// The confirmed commendations of 评选表彰 as the report lists them, by phase and star (`phase`: that one only).
    package static func confirmed(in state: BotState, phase: Int? = nil) -> [Award] {
        state.confirmedAwards.filter { phase == nil || $0.phase == phase }.map { a in
            let member = state.roster[a.staffID]
            return Award(
                name: member?.name ?? a.staffID, branch: member?.branch ?? "", star: a.star, title: a.title,
                phase: a.phase, citation: a.reason, decidedOn: a.decidedAt.map { CampaignTime.local($0).date })
        }
    }
}
