import ArgumentParser
import CampaignCore
import CampaignIntents
import Foundation

@main
struct CXZY: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cxzy",
        abstract: "创先争优 campaign assistant: a chat bot for the school's Party branch.",
        subcommands: [ParseCommand.self]
    )
}

/// Options every subcommand takes (SPEC §9).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The store directory.")
    var store: String = "cxzy-data"

    @Option(name: .long, help: "Start the clock at this instant (ISO 8601, e.g. 2010-10-11T09:00:00+08:00) and let it run on.")
    var now: String?

    func validate() throws {
        if let now, CampaignTime.parse(now) == nil {
            throw ValidationError("--now “\(now)” is not an ISO 8601 instant such as 2010-10-11T09:00:00+08:00.")
        }
    }

    /// The clock for this run: the system clock, shifted to start at `--now` when given.
    func clock() -> SystemClock {
        SystemClock(startingAt: now.flatMap { CampaignTime.parse($0) })
    }
}
