package import CampaignCore
package import Foundation
import Hummingbird
package import Logging
import ServiceLifecycle

/// 钉钉 (DingTalk) as a transport: an enterprise-internal app's robot (企业内部应用机器人). Messages arrive over a Stream
/// connection (the default: no public URL needed) or at the robot's HTTP callback; replies, reminders and notices go
/// out through the robot send APIs with the app's access token.
package struct DingTalkTransport: Transport {
    package static let name = "dingtalk"

    package enum Mode: String, Sendable, CaseIterable {
        case stream, http
    }

    package var clientID: String
    package var clientSecret: String
    /// The robot's code (机器人 RobotCode); for an enterprise-internal app's robot it is the app's Client ID.
    package var robotCode: String
    package var mode: Mode
    package var callbackPath: String
    package var apiBase: URL

    package static var rosterColumn: ChatPlatformColumn {
        // The robot's private chat with a member is addressed by their userid, so the bot can write first.
        ChatPlatformColumn(name: name, reachesUserByID: true) { id in isUserID(id) ? nil : "钉钉账号（成员 userid，常为工号）" }
    }

    /// A staff userid: 1–64 of letters, digits and `_ - @ .` (no `:`, which marks a group address).
    static func isUserID(_ id: String) -> Bool {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_-@."))
        return (1...64).contains(id.utf8.count) && id.unicodeScalars.allSatisfy { $0.isASCII && allowed.contains($0) }
    }

    package static func configure(_ settings: inout TransportSettings) -> DingTalkTransport? {
        guard settings.isMentioned else { return nil }
        let clientID = settings.required("clientID", "the app's Client ID (AppKey)")
        let clientSecret = settings.required("clientSecret", "the app's Client Secret (AppSecret)")
        let mode = settings.choice("mode", default: Mode.stream)
        let callbackPath = settings.path("callbackPath", default: "/dingtalk/callback")
        let apiBase = settings.url("apiBase", default: "https://api.dingtalk.com")
        guard let clientID, let clientSecret, let apiBase else { return nil }
        return DingTalkTransport(
            clientID: clientID, clientSecret: clientSecret, robotCode: settings.string("robotCode") ?? clientID,
            mode: mode, callbackPath: callbackPath, apiBase: apiBase)
    }

    package var servesHTTP: Bool { mode == .http }

    /// Fetches an access token: a wrong client id or secret stops the bot here.
    package func connect(logger: Logger) async throws -> any ConnectedTransport {
        let api = DingTalkAPI(base: apiBase, clientID: clientID, clientSecret: clientSecret, robotCode: robotCode)
        _ = try await BotService.startupCall("DingTalk oauth2/accessToken", logger: logger) {
            try await api.accessToken()
        }
        logger.info(
            "DingTalk robot", metadata: ["client": "\(clientID)", "robot": "\(robotCode)", "mode": "\(mode.rawValue)"])
        return Connected(
            api: api, mode: mode, callbackPath: callbackPath, secret: clientSecret, delivery: DingTalkDelivery(api: api)
        )
    }

    /// `oauth2/accessToken`: the app's client id and secret are accepted.
    package func check(logger: Logger) async throws -> String {
        _ = try await DingTalkAPI(
            base: apiBase, clientID: clientID, clientSecret: clientSecret, robotCode: robotCode
        ).accessToken()
        return "robot \(robotCode)"
    }

    struct Connected: ConnectedTransport {
        let api: DingTalkAPI
        let mode: Mode
        let callbackPath: String
        let secret: String
        /// Made once, at connect: the outbox sender keeps it for the bot's life.
        let delivery: any OutboxDelivery

        /// DingTalk removes the robot's @ from a group message's text; the bot puts back this name for the parser.
        var mention: String { api.robotCode }
        var botNames: [String] { [mention] }

        /// The robot send APIs allow about 20 messages a second per app; a group robot 20 a minute.
        var sendRules: SendLimiter.Rules? {
            var rules = SendLimiter.Rules()
            rules.perChatPerSecond = 1
            rules.perChatBurst = 10
            rules.globalPerSecond = 15
            rules.globalBurst = 15
            rules.groupPerSecond = 19.0 / 60
            rules.groupBurst = 3
            return rules
        }

        func services(_ context: TransportContext) -> [any Service] {
            mode == .stream ? [DingTalkStream(api: api, mention: mention, context: context)] : []
        }

        func addRoutes(to router: Router<ListenerRequestContext>, context: TransportContext) {
            guard mode == .http else { return }
            DingTalkCallback(path: callbackPath, secret: secret, mention: mention).addRoutes(
                to: router, context: context)
        }
    }
}
