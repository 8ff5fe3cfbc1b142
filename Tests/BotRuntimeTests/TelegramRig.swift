import BotRuntime
import CampaignCore
import Foundation
import Logging
import TelegramFake
import TestSupport

/// A bot booted by `BotService` (the production path) against a fake Bot API on loopback.
struct TelegramRig {
    static let roster = """
        工号,姓名,角色,支部,党员,权限,telegram
        A001,周建国,行政,党总支,是,管理员,9001
        S001,陈雅琴,一线、班主任,语文支部,是,书记,9002
        T001,李明,一线,语文支部,是,教师,1001
        T002,王芳,一线、班主任,语文支部,是,教师,1002
        T003,张伟,一线,数学支部,否,教师,1003

        """

    let fake: FakeTelegram
    let serverTask: Task<Void, any Error>
    let store: String
    let bots = BootedBots()

    /// Runs `body` with a fake Bot API and a store holding the roster; afterwards, also when `body` throws, stops
    /// every bot still running and the fake, and removes the store.
    static func with(_ body: (TelegramRig) async throws -> Void) async throws {
        let fake = FakeTelegram()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-tg-\(UUID().uuidString)").path
        let rig = TelegramRig(fake: fake, serverTask: Task { try await fake.serve() }, store: store)
        try await withRig(
            rig, store: store, roster: roster, server: rig.serverTask, bots: rig.bots, ready: { await fake.ready() },
            body)
    }

    func configuration(mode: String = "polling", limits: Bool = false, listen: String? = nil, token: String? = nil)
        async throws -> Configuration
    {
        var env = [
            "CXZY_TELEGRAM_TOKEN": token ?? fake.token, "CXZY_TELEGRAM_API_BASE": await fake.baseURL.absoluteString,
            "CXZY_TELEGRAM_LIMITS": limits ? "on" : "off", "CXZY_TELEGRAM_POLL_TIMEOUT": "1",
            "CXZY_TELEGRAM_MODE": mode,
        ]
        if mode == "webhook" { env["CXZY_TELEGRAM_WEBHOOK_SECRET"] = "s3cret_TOKEN-1" }
        return try Configuration.load(file: nil, environment: env, store: store, httpListen: listen)
    }

    /// Boots and runs the bot in the background; `now` is in the campaign (phase 2).
    func boot(
        _ config: Configuration, renderer: (any MediaRenderer)? = nil,
        onHTTP: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> (BotService.Running, Task<Void, any Error>) {
        var logger = Logger(label: "bot")
        logger.logLevel = .error
        let clock = SystemClock(startingAt: CampaignTime.parse("2010-10-11T09:00:00+08:00"))
        let running = try await BotService.prepare(
            config: config, campaign: .builtInWithoutDigest, clock: clock, logger: logger, signals: [],
            renderer: renderer, onHTTP: onHTTP)
        let task = Task { try await running.run() }
        await bots.add(running, task)
        return (running, task)
    }

    func stop(_ running: BotService.Running, _ task: Task<Void, any Error>) async throws {
        await running.shutdown()
        try await task.value
    }
}
