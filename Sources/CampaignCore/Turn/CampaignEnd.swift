import CampaignIntents
import Foundation

/// After the campaign's last day nothing more is recorded: every recording command (承诺, 预约示范课, 推荐, 家访,
/// 提交, and a teacher's 撤销 / 修改 / 确认示范课 …) gets the same answer, before any other check, so a teacher is never told
/// to fix a date that no date fixes. Admins may still correct records (the answer sends teachers to them).
extension Turn {
    var campaignOver: Bool { today > campaign.end }

    /// The one answer after the campaign ends: why, and what the person can still do.
    var campaignOverText: String {
        t(
            "\(campaign.name)已于\(campaign.end.chinese)结束，不再登记承诺、示范课、家访和成果。发送“我的进度”可查看您的记录；如需补登或更正，请联系党总支管理员。",
            "The campaign ended on \(campaign.end); nothing more is recorded. Send /me to see your records; ask an admin to add or correct one."
        )
    }

    /// Replies with `campaignOverText` and returns true when the campaign is over.
    mutating func refusedAfterCampaign() throws -> Bool {
        guard campaignOver else { return false }
        try reply(campaignOverText)
        return true
    }
}
