package import CampaignCore
import CampaignIntents
package import Foundation
package import Logging
import Hummingbird
import ServiceLifecycle

/// Telegram as a transport: long polling (or webhook updates) in, the outbox out.
package struct TelegramTransport: Transport {
    package static let name = "telegram"

    package enum Mode: String, Sendable, CaseIterable {
        case polling, webhook
    }

    package var token: String
    package var apiBase: URL
    package var mode: Mode
    /// Public URL Telegram posts updates to (webhook mode, for `cxzy telegram set-webhook`).
    package var webhookURL: String?
    package var webhookSecret: String?
    package var webhookPath: String
    /// Send limits of the Bot API (about 1/s per chat, 30/s overall, 20/min per group); off only to measure.
    package var limits: Bool
    package var pollTimeout: Int

    package static var rosterColumn: ChatPlatformColumn {
        // A Telegram private chat has the user's id: the bot can write first once the person has started it.
        ChatPlatformColumn(name: name, reachesUserByID: true) { id in
            Int64(id) == nil || id.hasPrefix("-") ? "数字用户 ID" : nil
        }
    }

    package static func configure(_ settings: inout TransportSettings) -> TelegramTransport? {
        guard settings.isMentioned else { return nil }
        let token = settings.string("token")
        if token == nil {
            settings.problems.append(
                "Telegram is configured but the bot token is missing: set CXZY_TELEGRAM_TOKEN (or telegram.token in the config file)"
            )
        }
        if let token, !isPlausibleToken(token) {
            settings.problems.append(
                "the Telegram bot token does not look like 123456:ABC… (check CXZY_TELEGRAM_TOKEN)")
        }
        let apiBase = settings.url("apiBase", default: "https://api.telegram.org")
        let mode = settings.choice("mode", default: Mode.polling)
        let secret = settings.string("webhookSecret")
        if mode == .webhook && secret == nil {
            settings.problems.append(
                "webhook mode needs a secret token: set CXZY_TELEGRAM_WEBHOOK_SECRET (1–256 of A-Z a-z 0-9 _ -)")
        }
        if let secret, !isValidSecret(secret) {
            settings.problems.append("the webhook secret must be 1–256 characters of A-Z a-z 0-9 _ -")
        }
        let limits = settings.bool("limits", default: true)
        let webhookPath = settings.path("webhookPath", default: "/telegram/webhook")
        let pollTimeout = settings.int("pollTimeout", default: 30)
        guard let token, let apiBase else { return nil }
        return TelegramTransport(
            token: token, apiBase: apiBase, mode: mode, webhookURL: settings.string("webhookURL"),
            webhookSecret: secret, webhookPath: webhookPath, limits: limits, pollTimeout: pollTimeout)
    }

    package var servesHTTP: Bool { mode == .webhook }

    /// A Bot API client with its own HTTP thread and connections: make one per use (the bot, a CLI command).
    package func makeAPI() -> TelegramAPI { TelegramAPI(base: apiBase, token: token) }

    package func connect(logger: Logger) async throws -> any ConnectedTransport {
        let api = makeAPI()
        let me = try await BotService.startupCall("getMe", logger: logger) { try await api.getMe() }
        logger.info("Telegram bot", metadata: ["username": "\(me.username ?? "?")", "mode": "\(mode.rawValue)"])
        do {
            try await api.setMyCommands(Self.commandMenu)
        } catch {
            logger.warning("could not set the Telegram command menu", metadata: ["error": "\(error)"])
        }
        return Connected(
            settings: self, api: api, botNames: me.username.map { [$0] } ?? [], delivery: TelegramDelivery(api: api))
    }

    /// `getMe`: the token is accepted and the Bot API answers.
    package func check(logger: Logger) async throws -> String {
        let me = try await makeAPI().getMe()
        return me.username.map { "@" + $0 } ?? "id \(me.id)"
    }

    /// Telegram after `getMe` succeeded: polling or the webhook route.
    struct Connected: ConnectedTransport {
        let settings: TelegramTransport
        let api: TelegramAPI
        let botNames: [String]
        /// Made once, at connect: the outbox sender keeps it for the bot's life.
        let delivery: any OutboxDelivery
        var sendRules: SendLimiter.Rules? { settings.limits ? SendLimiter.Rules() : nil }

        func services(_ context: TransportContext) -> [any Service] {
            guard settings.mode == .polling else { return [] }
            return [
                TelegramPoller(
                    api: api, dispatcher: context.dispatcher, health: context.health, clock: context.clock,
                    logger: context.logger, timeout: settings.pollTimeout, intake: context.bot.intake)
            ]
        }

        func addRoutes(to router: Router<ListenerRequestContext>, context: TransportContext) {
            guard settings.mode == .webhook, let secret = settings.webhookSecret else { return }
            TelegramWebhook(path: settings.webhookPath, secret: secret, api: api).addRoute(to: router, context: context)
        }
    }

    static func isPlausibleToken(_ token: String) -> Bool {
        guard let colon = token.firstIndex(of: ":") else { return false }
        return !token[..<colon].isEmpty && token[..<colon].allSatisfy(\.isNumber)
            && token.count > colon.utf16Offset(in: token) + 1
            && !token.contains(where: { $0.isWhitespace || $0 == "/" })
    }

    static func isValidSecret(_ secret: String) -> Bool {
        (1...256).contains(secret.count)
            && secret.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// The command menu with Chinese descriptions, generated from the command table.
    package static var commandMenu: [(String, String)] {
        IntentKind.allCases.map { ($0.slashCommands[0], "\($0.keywords[0])：\($0.summary.zh)") }
    }
}
