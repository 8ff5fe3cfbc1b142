import ArgumentParser
import CampaignReport
import BotRuntime
import CampaignCore
import Foundation
import Logging
import CampaignStorage

/// `cxzy console`: chat with the bot in the terminal, interactively or through a pipe.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Chat with the bot in the terminal (stdin/stdout; works piped too).",
        discussion:
            "On an empty store the fictional demo roster is loaded, so you can try it at once: cxzy console --as T001"
    )

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("as"),
        help: "Speak as this staff id from the roster (e.g. T001 teacher, S001 secretary, A001 admin).")
    var staffID: String?

    func run() async throws {
        do {
            try await chat()
        } catch let error as OperatorError {
            fail(error)
        }
    }

    /// Boots the bot through the same preparation as `cxzy run`, with the terminal as its one transport.
    func chat() async throws {
        // Log lines go to stderr: stdout is the conversation.
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let campaign = try global.loadCampaign()
        let minRaters = Configuration.evaluationMinRaters(environment: ProcessInfo.processInfo.environment)
        let logger = global.logger("cxzy", default: .warning)
        let console = ConsoleTransport(
            staffID: staffID, exportDirectory: global.storeURL.appendingPathComponent("exports"))
        let running: BotService.Running
        do {
            running = try await BotService.prepare(
                config: .local(store: global.store, logLevel: logger.logLevel, evaluationMinRaters: minRaters),
                campaign: campaign, clock: global.clock(), logger: logger, edges: [console],
                renderer: ReportMediaRenderer(evaluationMinRaters: minRaters))
        } catch let error as StoreError {
            throw OperatorError("store \(global.store): \(error.description)")
        }
        do {
            try await ready(running.bot, console)
        } catch {
            try? await running.bot.close()
            throw error
        }
        try await running.run()
    }

    /// An empty store gets the demo roster; `--as` must name an active person, whom the terminal then speaks as.
    private func ready(_ bot: Bot, _ console: ConsoleTransport) async throws {
        if try await bot.seedDemoRosterIfEmpty() {
            FileHandle.standardError.write(
                Data("（空的数据目录：已载入演示名单，人物均为虚构。用 --as T001（教师）、S001（书记）或 A001（管理员）扮演其中一人。）\n".utf8))
        }
        guard let staffID else { return }
        let state = await bot.store.state
        guard let person = state.roster[staffID], person.active else {
            let known = state.activePeople.prefix(8).map { "\($0.staffID) \($0.name)" }.joined(separator: ", ")
            throw OperatorError("no active person \(staffID) on the roster (for example: \(known))")
        }
        if state.bindings[console.identity.key] != person.staffID {
            // The operator at the terminal is trusted to speak as anyone on the roster.
            try await bot.dispatcher.commit([
                .bind(identity: console.identity, staffID: person.staffID, address: console.address)
            ])
        }
    }
}
