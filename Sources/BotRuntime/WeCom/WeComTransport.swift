package import CampaignCore
package import Foundation
import Hummingbird
package import Logging

/// 企业微信 (WeCom) as a transport: a self-built app (自建应用) in callback mode. Members' messages arrive at the
/// callback URL; replies, reminders and notices go out as the app's messages (`message/send`), and broadcasts also to a
/// staff group through its group robot (群机器人) when one is configured.
package struct WeComTransport: Transport {
    package static let name = "wecom"
    /// The chat of the staff group's robot: broadcasts addressed here are posted to the group.
    package static let robotChat = "@robot"

    package var corpID: String
    package var agentID: Int
    package var secret: String
    package var token: String
    package var aesKey: String
    package var robotKey: String?
    package var apiBase: URL
    package var callbackPath: String

    package static var rosterColumn: ChatPlatformColumn {
        // A member's app chat is addressed by their userid, so the bot can write first.
        ChatPlatformColumn(name: name, reachesUserByID: true) { id in isUserID(id) ? nil : "企业微信账号（成员 UserID，常为工号）" }
    }

    /// WeCom's rule: 1–64 bytes of letters, digits and `_ - @ .`, starting with a letter or digit.
    static func isUserID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, (1...64).contains(id.utf8.count) else { return false }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_-@."))
        return id.unicodeScalars.allSatisfy { $0.isASCII && allowed.contains($0) }
            && first.isASCII && CharacterSet.alphanumerics.contains(first)
    }

    package static func configure(_ settings: inout TransportSettings) -> WeComTransport? {
        guard settings.isMentioned else { return nil }
        let corpID = settings.required("corpID", "the corp id (我的企业 → 企业ID)")
        let agentText = settings.required("agentID", "the app's AgentId")
        let agentID = agentText.flatMap { Int($0) }
        if let agentText, agentID == nil {
            settings.problems.append(
                "\(settings.origin("agentID")) must be the app's numeric AgentId, not “\(agentText)”")
        }
        let secret = settings.required("secret", "the app's Secret")
        let token = settings.required("token", "the callback Token (接收消息 → Token)")
        let aesKey = settings.required("aesKey", "the callback EncodingAESKey")
        if let aesKey, let token, let corpID {
            do {
                _ = try CallbackCipher(token: token, encodingAESKey: aesKey, receiveID: corpID)
            } catch {
                settings.problems.append("\(settings.origin("aesKey")): \(error)")
            }
        }
        let apiBase = settings.url("apiBase", default: "https://qyapi.weixin.qq.com")
        let callbackPath = settings.path("callbackPath", default: "/wecom/callback")
        let robotKey = settings.string("robotKey")
        guard let corpID, let agentID, let secret, let token, let aesKey, let apiBase else { return nil }
        return WeComTransport(
            corpID: corpID, agentID: agentID, secret: secret, token: token, aesKey: aesKey,
            robotKey: robotKey, apiBase: apiBase, callbackPath: callbackPath)
    }

    package var servesHTTP: Bool { true }

    /// Fetches an access token: a wrong corp id or secret, or a server IP not in the app's 可信IP, stops the bot here.
    package func connect(logger: Logger) async throws -> any ConnectedTransport {
        let api = WeComAPI(base: apiBase, corpID: corpID, secret: secret)
        _ = try await BotService.startupCall("WeCom gettoken", logger: logger) { try await api.accessToken() }
        let cipher = try CallbackCipher(token: token, encodingAESKey: aesKey, receiveID: corpID)
        logger.info(
            "WeCom app",
            metadata: [
                "corp": "\(corpID)", "agent": "\(agentID)", "callback": "\(callbackPath)",
                "robot": "\(robotKey == nil ? "none" : "configured")",
            ])
        return Connected(
            api: api, callback: WeComCallback(path: callbackPath, cipher: cipher, corpID: corpID, agentID: agentID),
            robotKey: robotKey, delivery: WeComDelivery(api: api, agentID: agentID, robotKey: robotKey))
    }

    /// `gettoken`: the corp id and the app's secret are accepted. (A new token does not end the running bot's.)
    package func check(logger: Logger) async throws -> String {
        _ = try await WeComAPI(base: apiBase, corpID: corpID, secret: secret).accessToken()
        return "corp \(corpID), agent \(agentID)"
    }

    struct Connected: ConnectedTransport {
        let api: WeComAPI
        let callback: WeComCallback
        let robotKey: String?
        /// Made once, at connect: the outbox sender keeps it for the bot's life.
        let delivery: any OutboxDelivery

        var botNames: [String] { [] }
        var broadcastChannels: [ChatAddress] {
            robotKey == nil ? [] : [ChatAddress(transport: WeComTransport.name, chat: WeComTransport.robotChat)]
        }

        var sendRules: SendLimiter.Rules? { WeComTransport.sendRules }

        func addRoutes(to router: Router<ListenerRequestContext>, context: TransportContext) {
            callback.addRoutes(to: router, context: context)
        }
    }

    /// WeCom's limits on the app's messages: 30 per member per minute and 1,000 per hour (13 at once, then one every
    /// 3.7 s stays under both); the group robot: 20 per minute.
    package static var sendRules: SendLimiter.Rules {
        var rules = SendLimiter.Rules()
        rules.perChatPerSecond = 0.27
        rules.perChatBurst = 13
        rules.globalPerSecond = 50
        rules.globalBurst = 50
        rules.groupPerSecond = 19.0 / 60
        rules.groupBurst = 1
        return rules
    }
}
