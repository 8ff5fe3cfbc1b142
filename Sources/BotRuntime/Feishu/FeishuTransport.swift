package import CampaignCore
package import Foundation
import Hummingbird
package import Logging

/// 飞书 (Feishu) as a transport: a self-built app's bot (企业自建应用 + 机器人) with event subscription v2 over HTTP.
/// Messages arrive at the event request URL; replies, reminders and notices go out as the bot's messages with the
/// tenant access token, each with its outbox id as `uuid`.
package struct FeishuTransport: Transport {
    package static let name = "feishu"
    /// Group chat ids start so (`oc_…`); a person is their open_id (`ou_…`).
    static let chatPrefix = "oc_"

    package var appID: String
    package var appSecret: String
    package var encryptKey: String?
    package var verificationToken: String
    package var apiBase: URL
    package var callbackPath: String

    package static var rosterColumn: ChatPlatformColumn {
        // The roster lists open_ids (always in the event; user_id needs an extra permission): the bot can write first.
        ChatPlatformColumn(name: name, reachesUserByID: true) { id in isOpenID(id) ? nil : "飞书 open_id（ou_ 开头）" }
    }

    /// `ou_` then letters and digits.
    static func isOpenID(_ id: String) -> Bool {
        id.hasPrefix("ou_") && (4...64).contains(id.utf8.count)
            && id.dropFirst(3).unicodeScalars.allSatisfy { $0.isASCII && CharacterSet.alphanumerics.contains($0) }
    }

    package static func configure(_ settings: inout TransportSettings) -> FeishuTransport? {
        guard settings.isMentioned else { return nil }
        let appID = settings.required("appID", "the app's App ID (凭证与基础信息)")
        let appSecret = settings.required("appSecret", "the app's App Secret")
        let token = settings.required("verificationToken", "the Verification Token (事件与回调 → 加密策略)")
        let encryptKey = settings.string("encryptKey")
        let apiBase = settings.url("apiBase", default: "https://open.feishu.cn")
        let callbackPath = settings.path("callbackPath", default: "/feishu/events")
        guard let appID, let appSecret, let token, let apiBase else { return nil }
        return FeishuTransport(
            appID: appID, appSecret: appSecret, encryptKey: encryptKey, verificationToken: token,
            apiBase: apiBase, callbackPath: callbackPath)
    }

    package var servesHTTP: Bool { true }

    /// Fetches a tenant access token and the bot's open_id: a wrong app id or secret stops the bot here.
    package func connect(logger: Logger) async throws -> any ConnectedTransport {
        let api = FeishuAPI(base: apiBase, appID: appID, appSecret: appSecret)
        let bot = try await BotService.startupCall("Feishu bot/v3/info", logger: logger) { try await api.botInfo() }
        if encryptKey == nil {
            logger.warning(
                "Feishu events are not encrypted or signed: set CXZY_FEISHU_ENCRYPT_KEY (事件与回调 → 加密策略 → Encrypt Key)")
        }
        logger.info("Feishu bot", metadata: ["app": "\(appID)", "bot": "\(bot.name)", "events": "\(callbackPath)"])
        return Connected(
            api: api,
            callback: FeishuCallback(
                path: callbackPath, encryptKey: encryptKey,
                verificationToken: verificationToken, botOpenID: bot.openID),
            delivery: FeishuDelivery(api: api))
    }

    /// `bot/v3/info` with a tenant token: the app's id and secret are accepted and the app has a bot.
    package func check(logger: Logger) async throws -> String {
        try await FeishuAPI(base: apiBase, appID: appID, appSecret: appSecret).botInfo().name
    }

    struct Connected: ConnectedTransport {
        let api: FeishuAPI
        let callback: FeishuCallback
        /// Made once, at connect: the outbox sender keeps it for the bot's life.
        let delivery: any OutboxDelivery

        var botNames: [String] { [callback.botOpenID] }

        /// Feishu allows a bot 50 messages a second (5 a second to one person or group).
        var sendRules: SendLimiter.Rules? {
            var rules = SendLimiter.Rules()
            rules.perChatPerSecond = 4
            rules.perChatBurst = 5
            rules.globalPerSecond = 40
            rules.globalBurst = 40
            rules.groupPerSecond = 4
            rules.groupBurst = 5
            return rules
        }

        func addRoutes(to router: Router<ListenerRequestContext>, context: TransportContext) {
            callback.addRoutes(to: router, context: context)
        }
    }
}
