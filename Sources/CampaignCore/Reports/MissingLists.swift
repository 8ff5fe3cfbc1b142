package import CampaignIntents
import Foundation

/// Who still owes what, one kind at a time (`未完成 示范课` …): the rows of `CampaignQuery.missing`, worded by
/// `MissingListReply`. `未完成` alone is the digest (`BranchDigest.swift`).
extension Reports {
    package func missingList(_ target: MissingTarget, branch: String?) -> String {
        missing(target, branch: branch).text(english: english)
    }

    /// The list of one kind, or (`.all`) the digest.
    package func missing(_ target: MissingTarget, branch: String?) -> any Reply {
        if target == .all { return digestReply(branch: branch) }
        return MissingListReply(
            list: query.missing(target, branch: branch), branch: branch, campaign: campaign, today: today,
            holidayVisitsNeeded: query.holidayVisitsNeeded)
    }
}
