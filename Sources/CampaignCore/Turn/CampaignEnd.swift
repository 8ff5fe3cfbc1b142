import CampaignIntents
import Foundation

/// After the campaign's last day nothing more is recorded: every recording command (承诺, 预约示范课, 推荐, 家访,
/// 提交, and a teacher's 撤销 / 修改 / 确认示范课 …) gets the same answer, before any other check, so a teacher is never told
/// to fix a date that no date fixes. Admins may still correct records (the answer sends teachers to them).
extension Turn {
    var campaignOver: Bool { today > campaign.end }

    /// Replies with `TurnReply.campaignOver` and returns true when the campaign is over.
    mutating func refusedAfterCampaign() throws -> Bool {
        guard campaignOver else { return false }
        try reply(TurnReply.campaignOver(campaign))
        return true
    }
}
