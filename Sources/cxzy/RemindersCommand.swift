import ArgumentParser
import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import CampaignStorage
import Logging

/// `cxzy reminders --from DATE --to DATE`: the reminder plan as JSON lines, without sending anything.
struct RemindersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders",
        abstract:
            "Print the reminder plan as JSON lines {\"at\",\"milestone\",\"recipient\",\"text\"} without sending anything.",
        discussion:
            "Planned from the records as they are now; reminders already sent are left out. On an empty store the plan is made for the demo roster (nothing is written)."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "First day (YYYY-MM-DD or an ISO 8601 instant).") var from: String
    @Option(help: "Last day, included (YYYY-MM-DD or an ISO 8601 instant).") var to: String

    func run() async throws {
        guard let start = CampaignTime.parse(from) else {
            throw ValidationError("--from “\(from)” is not a date such as 2010-06-20.")
        }
        guard var end = CampaignTime.parse(to) else {
            throw ValidationError("--to “\(to)” is not a date such as 2010-07-01.")
        }
        if to.count == 10 { end = end.addingTimeInterval(86_400 - 1) }
        guard start <= end else { throw ValidationError("--from is after --to.") }

        let campaign: Campaign
        do { campaign = try global.loadCampaign() } catch let error as OperatorError { fail(error) }
        var state: BotState
        if FileManager.default.fileExists(atPath: global.storeURL.appendingPathComponent("snapshot.json").path) {
            let bot: Bot
            do { bot = try await global.openBot(logLevel: .warning) } catch let error as OperatorError { fail(error) }
            state = await bot.store.state
            try await bot.close()
        } else {
            state = BotState()
        }
        if state.roster.isEmpty {
            FileHandle.standardError.write(Data("（没有名单：按演示名单生成提醒计划。）\n".utf8))
            try state.apply(Transports.importChange(people: try RosterCSV.parse(Data(DemoRoster.csv.utf8)), codes: [:]))
        }
        let planner = ReminderPlanner(campaign: campaign)
        var out = ""
        for reminder in planner.plan(state: state, from: start, to: end)
        where !state.sentReminders.contains(reminder.key) {
            var writer = JSONObjectWriter()
            writer.add("at", CampaignTime.format(reminder.at))
            writer.add("milestone", reminder.milestone)
            writer.add("recipient", reminder.recipient)
            writer.add("text", reminder.text)
            out += writer.finish() + "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
