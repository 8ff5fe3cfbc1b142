import ArgumentParser
import BotRuntime
import CampaignCore
import CampaignIntents
import CampaignReport
import CampaignStorage
import Foundation
import Logging

@main
struct CXZY: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cxzy",
        abstract: "创先争优 campaign assistant: a chat bot for the school's Party branch.",
        version: cxzyVersion,
        subcommands: [
            ConsoleCommand.self, ParseCommand.self, CalendarCommand.self, RosterCommand.self,
            RemindersCommand.self, ExportCommand.self, ReportCommand.self, StoreCommand.self, RunCommand.self,
            TelegramCommand.self, PrivacyCommand.self, DoctorCommand.self, VersionCommand.self,
        ]
    )
}

/// Options every subcommand takes (SPEC §9).
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "The store directory (default: cxzy-data in the working directory).")
    var storeOption: String?

    /// `--store`, else `CXZY_STORE`, else `cxzy-data` in the working directory.
    var store: String {
        storeOption ?? ProcessInfo.processInfo.environment["CXZY_STORE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? fileSettings["store"] ?? "cxzy-data"
    }

    @Option(
        name: .long,
        help: "Start the clock at this instant (ISO 8601, e.g. 2010-10-11T09:00:00+08:00) and let it run on.")
    var now: String?

    @Option(name: .long, help: "A campaign file (JSON) instead of the built-in 2010–2012 campaign.")
    var campaign: String?

    @Option(
        name: .long,
        help: "A JSON config file (as for cxzy run): its store, campaign and logLevel apply to every subcommand.")
    var config: String?

    /// The config file's general settings (`store`, `campaign`, `logLevel`), read once; a file that cannot be read
    /// stops the command with the reason.
    var fileSettings: [String: String] {
        guard
            let config = config ?? ProcessInfo.processInfo.environment["CXZY_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 })
        else { return [:] }
        do {
            return try Configuration.generalSettings(file: URL(fileURLWithPath: config))
        } catch let problem as Configuration.Problem {
            fail(OperatorError("configuration: \(problem.description)"))
        } catch {
            fail(OperatorError("configuration: \(error)"))
        }
    }

    func validate() throws {
        if let level = ProcessInfo.processInfo.environment["CXZY_LOG_LEVEL"], !level.isEmpty,
            Logger.Level(rawValue: level) == nil
        {
            let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError(
                "CXZY_LOG_LEVEL “\(level)” 不是日志级别，可用：\(levels)。CXZY_LOG_LEVEL “\(level)” is not a log level; use one of: \(levels)."
            )
        }
        if let now, CampaignTime.parse(now) == nil {
            throw ValidationError("--now “\(now)” is not an ISO 8601 instant such as 2010-10-11T09:00:00+08:00.")
        }
    }

    /// The clock for this run: the system clock, shifted to start at `--now` when given.
    func clock() -> SystemClock {
        SystemClock(startingAt: now.flatMap { CampaignTime.parse($0) })
    }

    var storeURL: URL { URL(fileURLWithPath: store, isDirectory: true) }

    /// `--campaign`, else `CXZY_CAMPAIGN`.
    var campaignFile: String? {
        campaign ?? ProcessInfo.processInfo.environment["CXZY_CAMPAIGN"].flatMap { $0.isEmpty ? nil : $0 }
            ?? fileSettings["campaign"]
    }

    func loadCampaignOrFail() throws -> Campaign {
        do { return try loadCampaign() } catch let error as OperatorError { fail(error) }
    }

    func loadCampaign() throws -> Campaign {
        guard let campaign = campaignFile else { return .builtIn }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: campaign))
        } catch {
            throw OperatorError("cannot read campaign file \(campaign): \(error.localizedDescription)")
        }
        do {
            return try CampaignFile.load(data)
        } catch let problem as CampaignFile.Problem {
            throw OperatorError("\(campaign): \(problem.description)")
        }
    }

    func logger(_ label: String, default level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel =
            (ProcessInfo.processInfo.environment["CXZY_LOG_LEVEL"] ?? fileSettings["logLevel"])
            .flatMap(Logger.Level.init(rawValue:)) ?? level
        return logger
    }

    /// Opens the bot on this store; a locked or damaged store is an operator error with the store's own words.
    /// Commands that only read pass `createIfMissing: false`: a store that does not exist is refused, not made.
    func openBot(
        logLevel: Logger.Level = .info, botNames: [String] = [], createIfMissing: Bool = true,
        applyRetention: Bool = true
    ) async throws -> Bot {
        let campaign = try loadCampaign()
        var options = StoreOptions()
        options.createIfMissing = createIfMissing
        let minRaters = Configuration.evaluationMinRaters(environment: ProcessInfo.processInfo.environment)
        do {
            return try await Bot.open(
                directory: storeURL, campaign: campaign, clock: clock(),
                logger: logger("cxzy", default: logLevel), botNames: botNames,
                storeOptions: options, renderer: ReportMediaRenderer(evaluationMinRaters: minRaters),
                evaluationMinRaters: minRaters, applyRetention: applyRetention)
        } catch let error as StoreError {
            throw OperatorError("store \(store): \(error.description)")
        } catch let problem as BallotKey.Problem {
            throw OperatorError(problem.description)
        }
    }
}

/// An error for the person running `cxzy`: printed to stderr, exit status 2.
struct OperatorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension OperatorError: LocalizedError {
    var errorDescription: String? { description }
}

func fail(_ error: OperatorError) -> Never {
    FileHandle.standardError.write(Data("cxzy: \(error.description)\n".utf8))
    exit(2)
}
