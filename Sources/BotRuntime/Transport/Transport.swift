package import CampaignCore
import Foundation
package import Hummingbird
package import Logging
package import ServiceLifecycle

/// A chat platform the bot runs on: the one seam between the runtime and a platform. Each platform's folder holds
/// one type conforming to it, listed once in `Transports.all`; nothing else in the runtime names a platform.
///
/// The runtime reads each platform's settings (`configure`), connects the configured ones before opening the store
/// (`connect`: credentials checked, a refusal stops the bot), then runs what the connected platform offers: an
/// outbox sender over its `delivery` (with its send limits), its own services (pollers, long connections) and its
/// HTTP routes (webhooks, callbacks) on the bot's one HTTP server.
package protocol Transport: Sendable {
    /// The platform's name: its roster column, its config section, its `CXZY_<NAME>_…` variables, and the
    /// `transport` of its chat addresses in the store.
    static var name: String { get }
    /// How the roster column's user ids look, and whether the bot can write first to such an id.
    static var rosterColumn: ChatPlatformColumn { get }
    /// What a school calls the platform, and the settings that turn it on, for the message a bot with no platform
    /// configured gives: the platform's Chinese name, then the variable that names its account and the others it needs.
    static var setupHint: String { get }
    /// Reads this platform's settings; nil when the platform is not configured at all. Missing or malformed settings
    /// are added to `settings.problems` (all are reported at once).
    static func configure(_ settings: inout TransportSettings) -> Self?
    /// True when the platform needs the bot's HTTP server (webhooks, callbacks).
    var servesHTTP: Bool { get }
    /// Reaches the platform once at start-up and checks the credentials; throws `BotService.StartupError` when the
    /// platform refuses them (retrying cannot help).
    func connect(logger: Logger) async throws -> any ConnectedTransport
    /// For `cxzy doctor`: one cheap authenticated call, tried once, that changes nothing on the platform nor for a bot
    /// running meanwhile. Returns the bot's account as the platform names it; throws as `connect` would (a
    /// `PlatformError` that `refusesCredentials` when the platform refuses them).
    func check(logger: Logger) async throws -> String
}

/// A platform after a successful start-up.
package protocol ConnectedTransport: Sendable {
    /// Names the bot answers to in group chats (`@name …`).
    var botNames: [String] { get }
    /// Delivers one outbox message addressed to this platform.
    var delivery: any OutboxDelivery { get }
    /// Group chats every notice is also posted to (a staff group's robot).
    var broadcastChannels: [ChatAddress] { get }
    /// The platform's send limits; nil for none.
    var sendRules: SendLimiter.Rules? { get }
    /// Long-running loops that bring messages in (pollers, long connections); each hands what it receives to
    /// `context.dispatcher`.
    func services(_ context: TransportContext) -> [any Service]
    /// Routes on the bot's HTTP server (webhooks, callbacks).
    func addRoutes(to router: Router<ListenerRequestContext>, context: TransportContext)
}

extension ConnectedTransport {
    package var broadcastChannels: [ChatAddress] { [] }
    package var sendRules: SendLimiter.Rules? { nil }
    package func services(_ context: TransportContext) -> [any Service] { [] }
    package func addRoutes(to router: Router<ListenerRequestContext>, context: TransportContext) {}
}

extension Transport {
    package var servesHTTP: Bool { false }

    /// A platform without a cheaper call is checked by connecting (once: connecting never retries by itself).
    package func check(logger: Logger) async throws -> String {
        try await connect(logger: logger).botNames.joined(separator: ", ")
    }
}

/// What a platform's services and routes may use.
package struct TransportContext: Sendable {
    package let bot: Bot
    package let health: Health
    package var dispatcher: Dispatcher { bot.dispatcher }
    package var clock: any CampaignClock { bot.clock }
    package var logger: Logger { bot.logger }
    /// Logs a refused request through the rate-limited refusal log: `kind` is a short constant phrase; `metadata`
    /// carries ids and reasons, never a body, a signature or a secret.
    package func refuse(_ kind: String, client: String, _ metadata: Logger.Metadata = [:]) {
        HTTPServer.refusals.refuse(kind, client: client, logger: logger, metadata: metadata)
    }
}

/// A platform's error that may say the platform refused the bot's credentials: then retrying cannot help, and the
/// bot stops with the message (a revoked token, a wrong secret).
package protocol PlatformError: Error, CustomStringConvertible {
    var refusesCredentials: Bool { get }
}
