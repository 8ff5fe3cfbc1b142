import CampaignCore
import Foundation
import Logging
import ServiceLifecycle

/// A configured platform that could not be reached at start (network, 5xx, timeout): tried again in the background,
/// with capped, jittered backoff on the bot's clock, while the other platforms, the scheduler and the outbox run.
/// Once connected it runs as if it had connected at start: its outbox sender, its own services (pollers, long
/// connections) and its HTTP routes. A refusal of the credentials stops the bot, as at start.
struct PlatformReconnector: Service {
    let transport: any Transport
    let context: TransportContext
    let routes: LateRoutes
    /// The outbox sender of the platform once connected, as `BotService.prepare` makes one for every platform.
    let sender: @Sendable (any ConnectedTransport) -> OutboxSender
    /// The waits between tries: 5 s doubling to 5 minutes by default.
    var retry = Backoff(base: 5, cap: 300)

    var name: String { type(of: transport).name }

    func run() async throws {
        let clock = context.clock, logger = context.logger, name = self.name
        var backoff = retry
        var tries = 1
        let connected: any ConnectedTransport
        while true {
            let wait = backoff.next()
            let until = clock.now().addingTimeInterval(wait)
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(until: until) }
            } catch is CancellationError {
                return
            }
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            tries += 1
            do {
                connected = try await transport.connect(logger: logger)
                break
            } catch let error as BotService.StartupError where error.kind == .unreachable {
                BotMetrics.platformError(platform: name, kind: .unreachable)
                logger.debug(
                    "platform still unreachable; retrying in the background",
                    metadata: ["platform": "\(name)", "tries": "\(tries)", "error": "\(error.description)"])
            }
        }
        await context.dispatcher.learn(botNames: connected.botNames, broadcastChannels: connected.broadcastChannels)
        routes.add(connected, context: context)
        await context.health.reachable(name)
        logger.notice(
            "platform reachable again: serving it — 平台已恢复连接", metadata: ["platform": "\(name)", "tries": "\(tries)"])
        let services = [sender(connected)] + connected.services(context)
        try await withThrowingDiscardingTaskGroup { group in
            for service in services { group.addTask { try await service.run() } }
        }
    }
}
