package import CampaignCore
package import Foundation
package import Logging
package import ServiceLifecycle

/// Matrix as a transport (Client-Server API v3): `/sync` long polling in, the outbox out, on the school's own
/// homeserver. Room ids are opaque (room version 12 ids have no `:server` part) and are never parsed.
package struct MatrixTransport: Transport {
    package static let name = "matrix"

    package var homeserver: URL
    package var user: String?
    package var password: String?
    package var token: String?
    /// A fixed device, so resent transactions are deduplicated by the homeserver.
    package var deviceID: String

    package static var rosterColumn: ChatPlatformColumn {
        // A Matrix private chat is a room: the bot must open one first.
        ChatPlatformColumn(name: name, reachesUserByID: false) { id in
            id.hasPrefix("@") && id.contains(":") && !id.contains(" ") ? nil : " @用户名:服务器 形式"
        }
    }

    package static func configure(_ settings: inout TransportSettings) -> MatrixTransport? {
        guard settings.isMentioned else { return nil }
        let homeserver = settings.string("homeserver")
        let user = settings.string("user"), password = settings.string("password"), token = settings.string("token")
        if homeserver == nil {
            settings.problems.append("Matrix is configured but the homeserver is missing: set CXZY_MATRIX_HOMESERVER")
        }
        if token == nil && (user == nil || password == nil) {
            settings.problems.append("Matrix needs CXZY_MATRIX_TOKEN, or CXZY_MATRIX_USER and CXZY_MATRIX_PASSWORD")
        }
        guard let homeserver else { return nil }
        guard let url = URL(string: homeserver), url.scheme != nil else {
            settings.problems.append("CXZY_MATRIX_HOMESERVER “\(homeserver)” is not a URL")
            return nil
        }
        return MatrixTransport(
            homeserver: url, user: user, password: password, token: token,
            deviceID: settings.string("deviceID") ?? "CXZYBOT")
    }

    /// A logged-in bot account.
    package struct Connection: ConnectedTransport {
        package let api: MatrixAPI
        package let userID: String
        /// Made once, at connect: the outbox sender keeps it for the bot's life.
        package let delivery: any OutboxDelivery
        package var localpart: String {
            let trimmed = userID.hasPrefix("@") ? String(userID.dropFirst()) : userID
            return String(trimmed.prefix { $0 != ":" })
        }
        package var botNames: [String] { [localpart, userID] }

        package func services(_ context: TransportContext) -> [any Service] {
            [
                MatrixSyncer(
                    connection: self, bot: context.bot, health: context.health, clock: context.clock,
                    logger: context.logger)
            ]
        }
    }

    /// Logs in (password, always the same device) or checks the token; a refusal stops the bot at once.
    package func connect(logger: Logger) async throws -> any ConnectedTransport {
        let api: MatrixAPI
        if let token {
            api = MatrixAPI(base: homeserver, token: token)
        } else if let user, let password {
            let (homeserver, deviceID) = (self.homeserver, self.deviceID)
            let login = try await BotService.startupCall("Matrix login", logger: logger) {
                try await MatrixAPI.login(base: homeserver, user: user, password: password, deviceID: deviceID)
            }
            api = MatrixAPI(base: homeserver, token: login.access_token)
        } else {
            throw BotService.StartupError(
                "Matrix needs CXZY_MATRIX_TOKEN, or CXZY_MATRIX_USER and CXZY_MATRIX_PASSWORD")
        }
        let me = try await BotService.startupCall("Matrix whoami", logger: logger) { try await api.whoami() }
        logger.info("Matrix bot", metadata: ["user": "\(me.user_id)", "device": "\(me.device_id ?? "?")"])
        return Connection(api: api, userID: me.user_id, delivery: MatrixDelivery(api: api))
    }

    /// `whoami` with the token; with a password, a login as a device of its own (never the bot's, whose session a
    /// login could end), `whoami`, and a logout that removes that device again.
    package func check(logger: Logger) async throws -> String {
        if let token { return try await MatrixAPI(base: homeserver, token: token).whoami().user_id }
        guard let user, let password else {
            throw BotService.StartupError(
                "Matrix needs CXZY_MATRIX_TOKEN, or CXZY_MATRIX_USER and CXZY_MATRIX_PASSWORD")
        }
        let login = try await MatrixAPI.login(
            base: homeserver, user: user, password: password, deviceID: Self.checkDeviceID)
        let api = MatrixAPI(base: homeserver, token: login.access_token)
        let me: MatrixAPI.WhoAmI
        do {
            me = try await api.whoami()
        } catch {
            try? await api.logout()
            throw error
        }
        try? await api.logout()
        return me.user_id
    }

    /// The device `cxzy doctor` logs in as, and out of, to check a password.
    static let checkDeviceID = "CXZYDOCTOR"

    /// The text as the parser should read it: a mention of the bot at the start becomes `@localpart`.
    static func normalize(_ body: String, mentions: [String]?, connection: Connection) -> String {
        var text = body
        let lowered = text.lowercased()
        for prefix in [
            connection.userID.lowercased() + ":", connection.localpart.lowercased() + ":",
            connection.localpart.lowercased() + "：",
        ] {
            if lowered.hasPrefix(prefix) {
                text = "@" + connection.localpart + " " + text.dropFirst(prefix.count)
                return text
            }
        }
        if mentions?.contains(connection.userID) == true, !text.hasPrefix("@") {
            text = "@" + connection.localpart + " " + text
        }
        return text
    }
}
