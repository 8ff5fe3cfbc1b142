import BotRuntime
import CampaignCore
import Foundation
import Logging
import TestSupport

/// What the DingTalk and Feishu rigs share: the bot booted by `BotService` (the production path) from a platform's
/// environment, in the campaign's second phase.
enum PlatformRig {
    /// Monday of the campaign's second phase, 09:00 in Beijing.
    static let phaseTwo = CampaignTime.parse("2010-10-11T09:00:00+08:00")

    /// A logger that keeps the test output to errors.
    static func quiet(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .error
        return logger
    }

    /// Boots the bot on `store` and runs it in the background; with `http`, on an HTTP port of its own.
    static func boot(
        _ environment: [String: String], store: String, http: Bool, bots: BootedBots,
        renderer: (any MediaRenderer)? = nil
    ) async throws -> Booted {
        let listen = http ? "127.0.0.1:0" : nil
        let port = PortBox()
        let running = try await BotService.prepare(
            config: try Configuration.load(file: nil, environment: environment, store: store, httpListen: listen),
            campaign: .builtInWithoutDigest, clock: SystemClock(startingAt: phaseTwo), logger: quiet("bot"),
            signals: [], renderer: renderer,
            onHTTP: { await port.set($0) })
        let task = Task { try await running.run() }
        await bots.add(running, task)
        if http { _ = await eventually { await port.value != 0 } }
        return Booted(running: running, task: task, port: await port.value)
    }

    struct Booted {
        let running: BotService.Running
        let task: Task<Void, any Error>
        /// The HTTP port, 0 without HTTP.
        let port: Int

        func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

        func stop() async throws {
            await running.shutdown()
            try await task.value
        }
    }
}
