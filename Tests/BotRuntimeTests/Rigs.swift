import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import Logging
import TestSupport

/// The bots a platform rig booted, so it can stop those a failing test left running.
actor BootedBots {
    private var bots: [(running: BotService.Running, task: Task<Void, any Error>)] = []

    func add(_ running: BotService.Running, _ task: Task<Void, any Error>) { bots.append((running, task)) }

    /// Stops every bot still running (one already stopped returns at once).
    func stopAll() async {
        for bot in bots {
            await bot.running.shutdown()
            _ = await bot.task.result
        }
    }
}

/// Runs `body` with `rig` once its fake is `ready` and the store at `store` holds `roster` (`codes` is told the bind
/// code of each person listed without a chat id, by staff id); afterwards, also when `body` throws, stops every bot
/// the rig booted and the fake's server, and removes the store.
func withRig<Rig>(
    _ rig: Rig, store: String, roster: String, server: Task<Void, any Error>, bots: BootedBots,
    ready: () async -> Void, codes: ([String: String]) async -> Void = { _ in }, _ body: (Rig) async throws -> Void
) async throws {
    try await withCleanup(
        {
            await ready()
            var logger = Logger(label: "rig")
            logger.logLevel = .error
            let bot = try await Bot.open(
                directory: URL(fileURLWithPath: store), campaign: .builtInWithoutDigest, clock: SystemClock(),
                logger: logger)
            let imported = try await bot.importRoster(try RosterCSV.parse(Data(roster.utf8)))
            try await bot.close()
            await codes(Dictionary(imported.map { ($0.0.staffID, $0.1) }) { $1 })
            try await body(rig)
        },
        cleanup: {
            await bots.stopAll()
            server.cancel()
            try? FileManager.default.removeItem(atPath: store)
        })
}

/// The store's last sequence once the boot's first passes (the scheduler's, retention's) have committed what they
/// commit: the same for half a second (30 s at most). A test that checks a refused request stored nothing compares
/// with this, not with whatever the boot happened to have written by then.
func settledSequence(_ store: CampaignStore) async -> UInt64 {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(30))
    var last = await store.lastSequence
    var since = clock.now
    while clock.now < deadline {
        try? await Task.sleep(for: .milliseconds(50))
        let now = await store.lastSequence
        if now != last {
            last = now
            since = clock.now
        } else if clock.now - since >= .milliseconds(500) {
            break
        }
    }
    return last
}
