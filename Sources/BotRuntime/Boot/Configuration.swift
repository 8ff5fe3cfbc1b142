import CampaignStorage
package import Foundation
package import Logging

/// Everything `cxzy run` needs, read once at start from a JSON file, then `CXZY_…` environment variables, then flags
/// (each later source overrides the earlier). Secrets (tokens, passwords, keys) come from the file or the environment
/// only. Each platform reads its own section (`Transport.configure`).
package struct Configuration: Sendable {
    package var store: String
    package var campaign: String?
    /// `host:port` of the HTTP server (health check, webhooks and callbacks).
    package var httpListen: String?
    package var logLevel: Logger.Level
    /// The configured platforms, in `Transports.all` order.
    package var transports: [any Transport]
    /// 评议 results are shown for a subject only from this many raters on (`evaluation.minRaters`).
    package var evaluationMinRaters = Configuration.defaultEvaluationMinRaters
    /// The back office's public address behind the school's HTTPS proxy (`web.baseURL`, `CXZY_WEB_BASE_URL`), checked
    /// at load; nil: no back office.
    package var webBaseURL: String?

    package struct Problem: Error, CustomStringConvertible, Equatable {
        package var description: String
        package init(_ description: String) { self.description = description }
    }

    /// The configured platform of type `T`, if any.
    package func transport<T: Transport>(_ type: T.Type) -> T? {
        transports.lazy.compactMap { $0 as? T }.first
    }

    static let generalKeys: Set<String> = ["store", "campaign", "httpListen", "logLevel", "evaluation", "web"]

    /// Builds the configuration; every missing or malformed setting is reported at once, naming where it came from.
    package static func load(
        file: URL?, environment: [String: String], store storeFlag: String?,
        httpListen listenFlag: String?
    ) throws -> Configuration {
        let parsed = try file.map(readFile) ?? [:]
        let env = environment.filter { !$0.value.isEmpty }
        var problems: [String] = []
        if let file, let exposed = secretsExposed(file, parsed) { problems.append(exposed) }

        func general(_ key: String, _ variable: String) -> String? {
            if let value = env[variable] { return value }
            guard let value = parsed[key] else { return nil }
            guard case .string(let text) = value else {
                problems.append("\(key) in the config file must be a string")
                return nil
            }
            return text
        }
        let levelText = general("logLevel", "CXZY_LOG_LEVEL") ?? "info"
        let level = Logger.Level(rawValue: levelText.lowercased())
        if level == nil {
            problems.append(
                "CXZY_LOG_LEVEL / logLevel must be one of trace, debug, info, notice, warning, error, critical, not “\(levelText)”"
            )
        }
        var config = Configuration(
            store: storeFlag ?? general("store", "CXZY_STORE") ?? "cxzy-data",
            campaign: general("campaign", "CXZY_CAMPAIGN"),
            httpListen: listenFlag ?? general("httpListen", "CXZY_HTTP_LISTEN"),
            logLevel: level ?? .info, transports: [])
        config.evaluationMinRaters = evaluationMinRaters(
            file: parsed["evaluation"], environment: env, problems: &problems)
        config.webBaseURL = webAddress(file: parsed["web"], environment: env, problems: &problems)

        let platforms = Set(Transports.all.map { $0.name })
        for key in parsed.keys.sorted() where !generalKeys.contains(key) && !platforms.contains(key) {
            problems.append(
                "the config file has an unknown section “\(key)” (known: \((generalKeys.sorted() + platforms.sorted()).joined(separator: ", ")))"
            )
        }
        for platform in Transports.all {
            var section: [String: TransportSettings.FileValue] = [:]
            switch parsed[platform.name] {
            case .object(let fields)?:
                for (key, value) in fields {
                    switch value {
                    case .string(let s): section[key] = .string(s)
                    case .integer(let n): section[key] = .number(Double(n))
                    case .double(let d): section[key] = .number(d)
                    case .bool(let b): section[key] = .bool(b)
                    default:
                        problems.append(
                            "\(platform.name).\(key) in the config file must be a string, number or true/false")
                    }
                }
            case nil: break
            default: problems.append("\(platform.name) in the config file must be an object")
            }
            let prefix = "CXZY_" + platform.name.uppercased() + "_"
            var settings = TransportSettings(
                platform: platform.name, file: section,
                environment: env.filter { $0.key.hasPrefix(prefix) })
            if let transport = platform.configure(&settings) {
                config.transports.append(transport)
                // Every setting of a configured platform has been looked at: what is left is a typo or a stray.
                let unread = settings.unread
                for key in unread.keys {
                    problems.append(
                        "\(platform.name).\(key) in the config file is not a setting of \(platform.name)"
                            + Self.suggestion(key, among: settings.known) + " (known: "
                            + settings.known.joined(separator: ", ") + ")")
                }
                for variable in unread.variables {
                    problems.append(
                        "\(variable) is not a setting of \(platform.name)"
                            + Self.suggestion(variable, among: settings.known.map(settings.variable)))
                }
            }
            problems += settings.problems
        }
        if config.httpListen == nil && config.transports.contains(where: \.servesHTTP) {
            config.httpListen = "127.0.0.1:8080"
        }
        if let listen = config.httpListen, parseListen(listen) == nil {
            problems.append("the HTTP listen address “\(listen)” is not host:port")
        }
        if config.webBaseURL != nil, config.httpListen == nil {
            problems.append(
                "the back office (CXZY_WEB_BASE_URL / web.baseURL) needs the HTTP listener: set CXZY_HTTP_LISTEN "
                    + "(e.g. 127.0.0.1:8080) and put the school's HTTPS proxy in front of it")
        }
        if !problems.isEmpty { throw Problem(problems.joined(separator: "\n")) }
        return config
    }

    /// The general settings of a config file (`store`, `campaign`, `logLevel`), for the subcommands other than `run`.
    package static func generalSettings(file: URL) throws -> [String: String] {
        var settings: [String: String] = [:]
        for (key, value) in try readFile(file) where ["store", "campaign", "logLevel"].contains(key) {
            guard case .string(let text) = value else { throw Problem("\(key) in the config file must be a string") }
            settings[key] = text
        }
        return settings
    }

    /// “; did you mean apiBase?” when `word` is one slip away from a known name (case, or up to two letters).
    static func suggestion(_ word: String, among known: [String]) -> String {
        let lower = word.lowercased()
        let close = known.first { $0.lowercased() == lower } ?? known.first { distance($0.lowercased(), lower) <= 2 }
        return close.map { "; did you mean \($0)?" } ?? ""
    }

    /// Levenshtein distance, for suggestions.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }

    /// `CXZY_…` variables that no part of the bot reads: a typo (`CXZY_STOER`) would otherwise go unseen.
    /// Reported as a warning, since other tools may share the prefix.
    package static func unknownVariables(_ environment: [String: String], config: Configuration) -> [String] {
        let general: Set<String> = [
            "CXZY_STORE", "CXZY_CAMPAIGN", "CXZY_HTTP_LISTEN", "CXZY_LOG_LEVEL", "CXZY_CONFIG",
            "CXZY_EVALUATION_MIN_RATERS", "CXZY_METRICS", BallotKey.variable, "CXZY_WEB_BASE_URL",
        ]
        let platformPrefixes = Transports.all.map { "CXZY_" + $0.name.uppercased() + "_" }
        return environment.keys.filter { name in
            name.hasPrefix("CXZY_") && !general.contains(name) && !name.hasPrefix("CXZY_TEST_")
                && !platformPrefixes.contains { name.hasPrefix($0) }
        }.sorted()
    }

    /// A config file that holds a secret must be readable by its owner only.
    static func secretsExposed(_ file: URL, _ fields: [String: JSONValue]) -> String? {
        let secretWords = ["token", "secret", "password", "key"]
        let holdsSecret = fields.values.contains { value in
            guard case .object(let section) = value else { return false }
            return section.keys.contains { key in secretWords.contains { key.lowercased().contains($0) } }
        }
        guard holdsSecret,
            let mode = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.posixPermissions] as? Int,
            mode & 0o077 != 0
        else { return nil }
        return "config file \(file.path) holds secrets and can be read by other users (mode "
            + String(mode & 0o777, radix: 8) + "): chmod 600 \(file.path)"
    }

    static func readFile(_ file: URL) throws -> [String: JSONValue] {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw Problem("cannot read config file \(file.path): \(error.localizedDescription)")
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw Problem("config file \(file.path) is not valid JSON: \(error.localizedDescription)")
        }
        guard case .object(let fields) = value else {
            throw Problem("config file \(file.path) must hold a JSON object")
        }
        return fields
    }

    package static func parseListen(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        let host = String(text[..<colon])
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }
}

extension Configuration {
    /// A bot on `store` with no platform configured: what the console and the tests boot, with their own transport
    /// passed to `BotService.prepare` as an edge.
    package static func local(
        store: String, logLevel: Logger.Level = .info, evaluationMinRaters: Int = defaultEvaluationMinRaters
    ) -> Configuration {
        var config = Configuration(store: store, campaign: nil, httpListen: nil, logLevel: logLevel, transports: [])
        config.evaluationMinRaters = evaluationMinRaters
        return config
    }
}
