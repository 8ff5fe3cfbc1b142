import BotRuntime
import Foundation
import Testing

/// Mistakes in the settings are reported at start, all at once, instead of leaving a default silently in place.
@Suite("Configuration mistakes are reported")
struct ConfigurationProblemsTests {
    static func file(_ json: String, mode: Int = 0o600) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-config-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url
    }

    static func problem(_ json: String, mode: Int = 0o600, environment: [String: String] = [:]) throws -> String? {
        let url = try file(json, mode: mode)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try Configuration.load(file: url, environment: environment, store: nil, httpListen: nil)
            return nil
        } catch let problem as Configuration.Problem {
            return problem.description
        }
    }

    static let token = "123456:ABCdefGhIJKlmNoPQRstuVWXyz012345678"

    @Test("an unknown key in a platform's section is named, with the key it was probably meant to be")
    func unknownKey() throws {
        let problem = try Self.problem(#"{"telegram": {"token": "\#(Self.token)", "apiBAse": "http://127.0.0.1:9"}}"#)
        #expect(
            problem?.contains("telegram.apiBAse") == true && problem?.contains("did you mean apiBase") == true,
            "\(problem ?? "loaded")")
        #expect(try Self.problem(#"{"telegram": {"token": "\#(Self.token)", "apiBase": "http://127.0.0.1:9"}}"#) == nil)
    }

    @Test("a platform variable that no setting reads is named, with the one it was probably meant to be")
    func unknownVariable() throws {
        let problem = try Self.problem(
            "{}", environment: ["CXZY_TELEGRAM_TOKEN": Self.token, "CXZY_TELEGRAM_APIBASE": "http://127.0.0.1:9"])
        #expect(problem?.contains("CXZY_TELEGRAM_APIBASE") == true, "\(problem ?? "loaded")")
        #expect(problem?.contains("CXZY_TELEGRAM_API_BASE") == true)
        let config = try Configuration.load(
            file: nil, environment: ["CXZY_TELEGRAM_TOKEN": Self.token], store: nil, httpListen: nil)
        let stray = Configuration.unknownVariables(
            ["CXZY_STOER": "x", "CXZY_STORE": "y", "CXZY_TEST_STRICT": "1", "CXZY_TELEGRAM_TOKEN": "t"], config: config)
        #expect(stray == ["CXZY_STOER"])
    }

    @Test("a wrong type in the file is refused, not taken for the default")
    func wrongType() throws {
        let problem = try Self.problem(#"{"telegram": {"token": "\#(Self.token)", "limits": "maybe"}}"#)
        #expect(
            problem?.contains("telegram.limits") == true && problem?.contains("maybe") == true,
            "\(problem ?? "loaded")")
    }

    @Test("a config file holding a token that other users can read is refused, saying how to fix it")
    func readableSecrets() throws {
        let problem = try Self.problem(#"{"telegram": {"token": "\#(Self.token)"}}"#, mode: 0o644)
        #expect(problem?.contains("chmod 600") == true && problem?.contains("644") == true, "\(problem ?? "loaded")")
        #expect(!(problem ?? "").contains(Self.token), "the message must not repeat the secret")
        #expect(try Self.problem(#"{"telegram": {"token": "\#(Self.token)"}}"#, mode: 0o600) == nil)
        #expect(try Self.problem(#"{"store": "/var/lib/cxzy"}"#, mode: 0o644) == nil, "no secret, no problem")
    }
}
