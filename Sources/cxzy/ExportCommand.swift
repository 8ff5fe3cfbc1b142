import ArgumentParser
import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Logging
import CampaignStorage

/// `cxzy export`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print records with ids, owners and every field (CSV for Excel, or JSON lines).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    @OptionGroup var global: GlobalOptions
    @Option(help: "csv (UTF-8 with BOM) or jsonl (one record a line).") var format: Format = .csv
    @Option(help: "pledges, lessons, visits, works or all (the records); awards or benchmarks (tables of their own).")
    var what: Export.What = .all
    @Flag(
        help: "CSV with the ids of the JSON contract (school, home, teaching…) instead of Chinese values, for programs."
    )
    var codes = false

    func run() async throws {
        let bot: Bot
        do { bot = try await global.openBot(logLevel: .warning, createIfMissing: false) } catch let error
            as OperatorError
        { fail(error) }
        let state = await bot.store.state
        try await bot.close()
        // The records as they stand today (`--now`), lessons with the status 统计 and 未完成 give them: the same
        // query as 导出 in chat.
        let query = CampaignQuery(
            state: state, campaign: bot.campaign, asOf: CampaignTime.local(bot.clock.now()).date)
        // The operator's own export, on the server: it holds the visits' students until the retention date.
        let text = PrivateReader.forServerOperator { reader in
            format == .csv
                ? Export.csv(state: state, what: what, query: query, codes: codes, reader: reader)
                : Export.jsonLines(state: state, what: what, query: query, reader: reader)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

extension Export.What: ExpressibleByArgument {}
