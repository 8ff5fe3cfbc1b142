import Foundation

/// Everything `cxzy run` needs, read once at start from a JSON file, then `CXZY_…` environment variables, then flags
/// (each later source overrides the earlier). Secrets (tokens, passwords) come from the file or the environment only.
public struct Configuration: Sendable, Equatable {
    public struct Telegram: Sendable, Equatable {
        public var token: String
        public var apiBase: URL
        /// `polling` (getUpdates) or `webhook`.
        public var mode: String
        /// Public URL Telegram posts updates to (webhook mode, for `cxzy telegram set-webhook`).
        public var webhookURL: String?
        public var webhookSecret: String?
        public var webhookPath: String
        /// Send limits of the Bot API (about 1/s per chat, 30/s overall, 20/min per group); off only to measure.
        public var limits: Bool
        public var pollTimeout: Int
    }

    public struct Matrix: Sendable, Equatable {
        public var homeserver: URL
        public var user: String?
        public var password: String?
        public var token: String?
        public var deviceID: String
    }

    public var store: String
    public var campaign: String?
    /// `host:port` of the HTTP server (health check, Telegram webhook).
    public var httpListen: String?
    public var logLevel: String
    public var telegram: Telegram?
    public var matrix: Matrix?

    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// The JSON config file's shape (all optional; documented in docs/configuration.md).
    struct File: Decodable {
        struct TelegramFile: Decodable {
            var token: String?
            var apiBase: String?
            var mode: String?
            var webhookURL: String?
            var webhookSecret: String?
            var webhookPath: String?
            var limits: Bool?
            var pollTimeout: Int?
        }
        struct MatrixFile: Decodable {
            var homeserver: String?
            var user: String?
            var password: String?
            var token: String?
            var deviceID: String?
        }
        var store: String?
        var campaign: String?
        var httpListen: String?
        var logLevel: String?
        var telegram: TelegramFile?
        var matrix: MatrixFile?
    }

    /// Builds the configuration; every missing or malformed setting is reported at once, naming where it came from.
    public static func load(file: URL?, environment: [String: String], store storeFlag: String?, httpListen listenFlag: String?) throws -> Configuration {
        var parsed = File()
        if let file {
            let data: Data
            do {
                data = try Data(contentsOf: file)
            } catch {
                throw Problem("cannot read config file \(file.path): \(error.localizedDescription)")
            }
            do {
                parsed = try JSONDecoder().decode(File.self, from: data)
            } catch let error as DecodingError {
                throw Problem("config file \(file.path) is not valid: \(describe(error))")
            } catch {
                throw Problem("config file \(file.path) is not valid JSON: \(error.localizedDescription)")
            }
        }
        let env = environment.filter { !$0.value.isEmpty }
        var problems: [String] = []

        var config = Configuration(store: storeFlag ?? env["CXZY_STORE"] ?? parsed.store ?? "cxzy-data",
                                   campaign: env["CXZY_CAMPAIGN"] ?? parsed.campaign,
                                   httpListen: listenFlag ?? env["CXZY_HTTP_LISTEN"] ?? parsed.httpListen,
                                   logLevel: env["CXZY_LOG_LEVEL"] ?? parsed.logLevel ?? "info",
                                   telegram: nil, matrix: nil)

        let t = parsed.telegram
        let token = env["CXZY_TELEGRAM_TOKEN"] ?? t?.token
        let telegramMentioned = t != nil || env.keys.contains { $0.hasPrefix("CXZY_TELEGRAM_") }
        if telegramMentioned {
            let base = env["CXZY_TELEGRAM_API_BASE"] ?? t?.apiBase ?? "https://api.telegram.org"
            let mode = env["CXZY_TELEGRAM_MODE"] ?? t?.mode ?? "polling"
            let secret = env["CXZY_TELEGRAM_WEBHOOK_SECRET"] ?? t?.webhookSecret
            let limitsText = env["CXZY_TELEGRAM_LIMITS"]
            if token == nil { problems.append("Telegram is configured but the bot token is missing: set CXZY_TELEGRAM_TOKEN (or telegram.token in the config file)") }
            if let token, !isPlausibleToken(token) { problems.append("the Telegram bot token does not look like 123456:ABC… (check CXZY_TELEGRAM_TOKEN)") }
            let apiBase = URL(string: base)
            if apiBase?.scheme == nil { problems.append("CXZY_TELEGRAM_API_BASE / telegram.apiBase “\(base)” is not a URL") }
            if mode != "polling" && mode != "webhook" { problems.append("telegram mode must be polling or webhook, not “\(mode)”") }
            if mode == "webhook" {
                if secret == nil { problems.append("webhook mode needs a secret token: set CXZY_TELEGRAM_WEBHOOK_SECRET (1–256 of A-Z a-z 0-9 _ -)") }
                if config.httpListen == nil { config.httpListen = "127.0.0.1:8080" }
            }
            if let secret, !isValidSecret(secret) { problems.append("the webhook secret must be 1–256 characters of A-Z a-z 0-9 _ -") }
            var limits = t?.limits ?? true
            if let limitsText {
                switch limitsText.lowercased() {
                case "on", "true", "1", "yes": limits = true
                case "off", "false", "0", "no": limits = false
                default: problems.append("CXZY_TELEGRAM_LIMITS must be on or off, not “\(limitsText)”")
                }
            }
            if let token, let apiBase {
                config.telegram = Telegram(token: token, apiBase: apiBase, mode: mode,
                                           webhookURL: env["CXZY_TELEGRAM_WEBHOOK_URL"] ?? t?.webhookURL, webhookSecret: secret,
                                           webhookPath: env["CXZY_TELEGRAM_WEBHOOK_PATH"] ?? t?.webhookPath ?? "/telegram/webhook",
                                           limits: limits,
                                           pollTimeout: Int(env["CXZY_TELEGRAM_POLL_TIMEOUT"] ?? "") ?? t?.pollTimeout ?? 30)
            }
        }

        let m = parsed.matrix
        let matrixMentioned = m != nil || env.keys.contains { $0.hasPrefix("CXZY_MATRIX_") }
        if matrixMentioned {
            let homeserver = env["CXZY_MATRIX_HOMESERVER"] ?? m?.homeserver
            let user = env["CXZY_MATRIX_USER"] ?? m?.user
            let password = env["CXZY_MATRIX_PASSWORD"] ?? m?.password
            let token = env["CXZY_MATRIX_TOKEN"] ?? m?.token
            if homeserver == nil { problems.append("Matrix is configured but the homeserver is missing: set CXZY_MATRIX_HOMESERVER") }
            if token == nil && (user == nil || password == nil) {
                problems.append("Matrix needs CXZY_MATRIX_TOKEN, or CXZY_MATRIX_USER and CXZY_MATRIX_PASSWORD")
            }
            if let homeserver, let url = URL(string: homeserver), url.scheme != nil {
                config.matrix = Matrix(homeserver: url, user: user, password: password, token: token,
                                       deviceID: env["CXZY_MATRIX_DEVICE_ID"] ?? m?.deviceID ?? "CXZYBOT")
            } else if let homeserver {
                problems.append("CXZY_MATRIX_HOMESERVER “\(homeserver)” is not a URL")
            }
        }
        if let listen = config.httpListen, parseListen(listen) == nil {
            problems.append("the HTTP listen address “\(listen)” is not host:port")
        }
        if !problems.isEmpty { throw Problem(problems.joined(separator: "\n")) }
        return config
    }

    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        let host = String(text[..<colon])
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }

    static func isPlausibleToken(_ token: String) -> Bool {
        guard let colon = token.firstIndex(of: ":") else { return false }
        return !token[..<colon].isEmpty && token[..<colon].allSatisfy(\.isNumber) && token.count > colon.utf16Offset(in: token) + 1
            && !token.contains(where: { $0.isWhitespace || $0 == "/" })
    }

    static func isValidSecret(_ secret: String) -> Bool {
        (1...256).contains(secret.count) && secret.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let c): return "\(c.codingPath.map(\.stringValue).joined(separator: ".")): expected \(type)"
        case .keyNotFound(let key, _): return "missing \(key.stringValue)"
        case .valueNotFound(_, let c): return "\(c.codingPath.map(\.stringValue).joined(separator: ".")): missing value"
        case .dataCorrupted(let c): return c.debugDescription
        @unknown default: return "\(error)"
        }
    }
}
