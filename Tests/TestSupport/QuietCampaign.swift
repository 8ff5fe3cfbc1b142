package import CampaignCore

extension Campaign {
    /// The built-in campaign without the weekly secretary digest, for the platform tests: they boot on a Monday
    /// morning and count every message a platform is sent, and the digest of that morning would be one more. The
    /// digest has its own tests (`SecretaryDigestTests`, `ReminderSimulationTests`).
    package static var builtInWithoutDigest: Campaign {
        var campaign = Campaign.builtIn
        campaign.digestWeekday = 0
        return campaign
    }
}
