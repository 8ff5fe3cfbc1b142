import BotRuntime
import CampaignCore
import CampaignIntents
import CampaignStorage
import Foundation
import Logging
import Testing

/// A bot on a temporary store with a manual clock, booted exactly as `cxzy` boots it.
struct Harness {
    let bot: Bot
    let clock: ManualClock
    let directory: URL

    static func make(now: String = "2010-10-11T09:00:00+08:00", roster: String = DemoRoster.csv,
                     campaign: Campaign = .builtIn) async throws -> Harness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-test-\(UUID().uuidString)")
        let clock = ManualClock(try #require(CampaignTime.parse(now)))
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let bot = try await Bot.open(directory: directory, campaign: campaign, clock: clock, logger: logger, botNames: ["cxzy_bot"])
        _ = try await bot.importRoster(try RosterCSV.parse(Data(roster.utf8)))
        return Harness(bot: bot, clock: clock, directory: directory)
    }
}
