package import CampaignCore
import CampaignIntents
import Foundation
package import Logging
import Hummingbird
import ServiceLifecycle

/// `getUpdates` long polling. Each batch's effects, replies and new offset are one durable commit, so a crash never
/// loses or repeats an update. On graceful shutdown the request in flight is cancelled (its updates were not
/// confirmed, so Telegram sends them again) and a batch in hand is finished first.
package struct TelegramPoller: Service {
    let api: TelegramAPI
    let dispatcher: Dispatcher
    let health: Health
    let clock: any CampaignClock
    let logger: Logger
    let timeout: Int
    /// Where photos and documents teachers send are checked and kept (nil: they get the text-only hint).
    let intake: FileIntake?

    package init(
        api: TelegramAPI, dispatcher: Dispatcher, health: Health, clock: any CampaignClock, logger: Logger,
        timeout: Int = 30,
        intake: FileIntake? = nil
    ) {
        self.intake = intake
        self.api = api
        self.dispatcher = dispatcher
        self.health = health
        self.clock = clock
        self.logger = logger
        self.timeout = timeout
    }

    package func run() async throws {
        var backoff = Backoff()
        var offset = await dispatcher.state.positions[TelegramTransport.name].flatMap(TelegramOffset.init(position:))
        logger.info("polling Telegram", metadata: ["offset": "\(offset?.description ?? "none")"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let updates: [TelegramObjects.Update]
            do {
                let api = self.api, timeout = self.timeout, from = offset
                updates = try await cancelWhenGracefulShutdown {
                    try await api.getUpdates(from: from, timeout: timeout)
                }
                backoff.reset()
            } catch let error as TelegramError {
                switch error {
                case .unauthorized, .conflict:
                    BotMetrics.platformError(platform: TelegramTransport.name, kind: .fatal)
                    logger.critical("\(error.description)")
                    throw error
                case .retryAfter(let seconds):
                    BotMetrics.platformError(platform: TelegramTransport.name, kind: .rateLimited)
                    logger.warning("getUpdates rate limited", metadata: ["seconds": "\(seconds)"])
                    try await clock.sleep(until: clock.now().addingTimeInterval(Double(seconds)))
                    continue
                case .transient, .rejected:
                    BotMetrics.platformError(platform: TelegramTransport.name, kind: .transient)
                    await unreachable()
                    let wait = backoff.next()
                    logger.warning(
                        "getUpdates failed; retrying",
                        metadata: ["error": "\(error.description)", "retry_in": "\(String(format: "%.1f", wait)) s"])
                    try await clock.sleep(until: clock.now().addingTimeInterval(wait))
                    continue
                }
            } catch {
                // Cancelled by graceful shutdown (or the URL loading system gave up): stop without confirming.
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                await unreachable()
                logger.warning("getUpdates failed; retrying", metadata: ["error": "\(error)"])
                try await clock.sleep(until: clock.now().addingTimeInterval(backoff.next()))
                continue
            }
            if await health.polled(TelegramTransport.name, at: clock.now()) {
                logger.notice(
                    "platform reachable again — 平台已恢复连接", metadata: ["platform": "\(TelegramTransport.name)"])
            }
            // Telegram's rule: the next offset is one more than the highest update_id received (in 128 bits, so
            // an update_id of Int64.max confirms like any other).
            guard let last = updates.map(\.update_id).max() else { continue }
            let next = TelegramOffset.after(last)
            var messages: [IncomingMessage] = []
            for update in updates {
                if let message = await TelegramTransport.incoming(update, api: api, intake: intake, logger: logger) {
                    messages.append(message)
                }
            }
            try await dispatcher.handle(messages, position: (TelegramTransport.name, next.description))
            offset = next
        }
        logger.info("stopped polling Telegram")
    }

    /// One more failed poll: after a few in a row, `/healthz` names Telegram (logged once).
    private func unreachable() async {
        guard await health.pollFailed(TelegramTransport.name) else { return }
        logger.warning(
            "platform unreachable: retrying — 平台暂时无法连接，正在重试", metadata: ["platform": "\(TelegramTransport.name)"])
    }
}
