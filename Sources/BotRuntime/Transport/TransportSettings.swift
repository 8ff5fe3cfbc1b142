package import Foundation
import Synchronization

/// The config-file keys and environment variables a platform looked at while configuring itself, so that the rest
/// can be reported as unknown (a typo such as `apiBAse` must not silently leave a default in place).
final class SettingsReads: Sendable {
    let keys = Mutex<Set<String>>([])
}

/// One platform's settings: its section of the config file (`"<platform>": {"corpID": …}`), overridden by its
/// `CXZY_<PLATFORM>_…` environment variables (`corpID` ↔ `CXZY_<PLATFORM>_CORP_ID`).
package struct TransportSettings: Sendable {
    package let platform: String
    let file: [String: FileValue]
    let environment: [String: String]
    /// Every missing or malformed setting, reported together at start.
    package var problems: [String] = []
    /// The keys looked at so far.
    let reads = SettingsReads()

    /// A value from the config file, as written there.
    enum FileValue: Sendable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
    }

    init(platform: String, file: [String: FileValue], environment: [String: String]) {
        self.platform = platform
        self.file = file
        self.environment = environment
    }

    /// True when the config file has the platform's section or the environment any of its variables.
    package var isMentioned: Bool {
        !file.isEmpty || environment.keys.contains { $0.hasPrefix(prefix) }
    }

    var prefix: String { "CXZY_" + platform.uppercased() + "_" }

    /// The environment variable of a config-file key: `webhookURL` → `CXZY_<PLATFORM>_WEBHOOK_URL`.
    package func variable(_ key: String) -> String {
        var name = ""
        var previous: Character?
        for c in key {
            if c.isUppercase, let previous, previous.isLowercase || previous.isNumber { name += "_" }
            name += c.uppercased()
            previous = c
        }
        return prefix + name
    }

    /// Where a key is set, for messages: `CXZY_<PLATFORM>_CORP_ID (or <platform>.corpID in the config file)`.
    package func origin(_ key: String) -> String { "\(variable(key)) (or \(platform).\(key) in the config file)" }

    package func string(_ key: String) -> String? {
        reads.keys.withLock { _ = $0.insert(key) }
        if let value = environment[variable(key)], !value.isEmpty { return value }
        switch file[key] {
        case .string(let value)?: return value
        case .number(let value)?: return value == value.rounded() ? String(Int(value)) : String(value)
        case .bool(let value)?: return String(value)
        case nil: return nil
        }
    }

    /// A required string; a problem naming where to set it when it is missing.
    package mutating func required(_ key: String, _ what: String) -> String? {
        guard let value = string(key) else {
            problems.append("\(platform) is configured but \(what) is missing: set \(origin(key))")
            return nil
        }
        return value
    }

    package mutating func url(_ key: String, default fallback: String) -> URL? {
        let text = string(key) ?? fallback
        guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
            problems.append("\(origin(key)) “\(text)” is not a URL")
            return nil
        }
        return url
    }

    package mutating func bool(_ key: String, default fallback: Bool) -> Bool {
        reads.keys.withLock { _ = $0.insert(key) }
        if let text = environment[variable(key)], !text.isEmpty {
            switch text.lowercased() {
            case "on", "true", "1", "yes": return true
            case "off", "false", "0", "no": return false
            default:
                problems.append("\(variable(key)) must be on or off, not “\(text)”")
                return fallback
            }
        }
        switch file[key] {
        case .bool(let value)?: return value
        case nil: return fallback
        case .string(let text)?:
            problems.append("\(platform).\(key) in the config file must be true or false, not “\(text)”")
            return fallback
        case .number(let value)?:
            problems.append("\(platform).\(key) in the config file must be true or false, not \(value)")
            return fallback
        }
    }

    /// The config-file keys of this section and the `CXZY_<PLATFORM>_…` variables that no setting looked at.
    var unread: (keys: [String], variables: [String]) {
        let read = reads.keys.withLock { $0 }
        let variables = Set(read.map(variable))
        return (
            file.keys.filter { !read.contains($0) }.sorted(),
            environment.keys.filter { $0.hasPrefix(prefix) && !variables.contains($0) }.sorted()
        )
    }

    /// The keys looked at, for messages that list what is known.
    var known: [String] { reads.keys.withLock { $0 }.sorted() }

    package mutating func int(_ key: String, default fallback: Int) -> Int {
        guard let text = string(key) else { return fallback }
        guard let value = Int(text) else {
            problems.append("\(origin(key)) must be a whole number, not “\(text)”")
            return fallback
        }
        return value
    }

    /// One of a fixed set of values (`polling`/`webhook`).
    package mutating func choice<E: RawRepresentable & CaseIterable>(_ key: String, default fallback: E) -> E
    where E.RawValue == String {
        guard let text = string(key) else { return fallback }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: " or ")
            problems.append("\(origin(key)) must be \(allowed), not “\(text)”")
            return fallback
        }
        return value
    }

    /// An HTTP path the bot serves (`/<platform>/callback`).
    package mutating func path(_ key: String, default fallback: String) -> String {
        let path = string(key) ?? fallback
        guard path.hasPrefix("/"), !path.contains(where: \.isWhitespace) else {
            problems.append("\(origin(key)) must be a path starting with /, not “\(path)”")
            return fallback
        }
        return path
    }
}
