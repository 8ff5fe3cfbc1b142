import BotRuntime
import CampaignCore
import Foundation
import Testing
import TestSupport
import WeComFake

/// The back office through the production boot: `CXZY_WEB_BASE_URL` (or the config file's `web.baseURL`) read by
/// `Configuration.load`, the office made by `BotService.prepare` and handed to the rules and the listener, as
/// `cxzy run` boots.
@Suite("The web back office through the production boot", .serialized)
struct WebBootTests {
    @Test("后台 in 企业微信 gets a link to CXZY_WEB_BASE_URL; the same listener signs in with it, behind HTTPS")
    func productionBoot() async throws {
        try await WeComRig.with { rig in
            let bot = try await rig.boot(extra: ["CXZY_WEB_BASE_URL": "https://dangjian.school.example/cxzy/"])
            #expect(bot.running.web?.baseURL == "https://dangjian.school.example/cxzy")
            let port = try #require(bot.callbackURL.port)
            let xml = WeComRig.textXML(from: "zhoujg", text: "后台", msgID: "7100000000000000301")
            #expect(try await WeComRig.post(bot.callbackURL, rig.callback(xml)).0 == 200)
            #expect(await eventually { await rig.fake.sent(to: "zhoujg").contains { $0.content.contains("token=") } })
            let reply = try #require(await rig.fake.sent(to: "zhoujg").first { $0.content.contains("token=") })
            #expect(reply.content.contains("https://dangjian.school.example/cxzy/login?token="))
            let line = try #require(reply.content.split(separator: "\n").first { $0.contains("token=") })
            let token = try #require(line.components(separatedBy: "token=").last)
            let client = try RawHTTPClient(port: port)
            let form = "token=\(token)"
            client.send(
                "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n\r\n\(form)"
            )
            let answer = await client.readUntilClosed(timeout: .seconds(30)).data
            #expect(answer.hasPrefix("HTTP/1.1 303"))
            #expect(answer.contains("__Host-cxzy-session=") && answer.contains("; Secure"))
            #expect(answer.contains("/cxzy/overview"))
            try await bot.stop()
        }
    }

    @Test("without the setting there is no back office: 后台 says so, and the listener has no /login")
    func off() async throws {
        try await WeComRig.with { rig in
            let bot = try await rig.boot()
            #expect(bot.running.web == nil)
            let xml = WeComRig.textXML(from: "zhoujg", text: "后台", msgID: "7100000000000000302")
            #expect(try await WeComRig.post(bot.callbackURL, rig.callback(xml)).0 == 200)
            #expect(await eventually { await rig.fake.sent(to: "zhoujg").contains { $0.content.contains("尚未开启") } })
            let client = try RawHTTPClient(port: try #require(bot.callbackURL.port))
            client.send("GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            #expect(await client.readUntilClosed(timeout: .seconds(30)).data.hasPrefix("HTTP/1.1 404"))
            try await bot.stop()
        }
    }

    /// A config file with `json`, loaded with `environment` and the listen address `listen`.
    static func load(_ json: String, environment: [String: String] = [:], listen: String? = "127.0.0.1:8080")
        throws -> Configuration
    {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-web-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try Configuration.load(file: file, environment: environment, store: nil, httpListen: listen)
    }

    /// The problems `load` reports, one a line (empty when it loads).
    static func problems(_ json: String, environment: [String: String] = [:], listen: String? = "127.0.0.1:8080")
        throws -> String
    {
        do {
            _ = try load(json, environment: environment, listen: listen)
            return ""
        } catch let problem as Configuration.Problem {
            return problem.description
        }
    }

    @Test("web.baseURL in the config file sets the back office; CXZY_WEB_BASE_URL overrides it")
    func configFileKey() throws {
        let file = #"{"web": {"baseURL": "https://dangjian.school.example/cxzy/"}}"#
        #expect(try Self.load(file).webBaseURL == "https://dangjian.school.example/cxzy")
        let overridden = try Self.load(file, environment: ["CXZY_WEB_BASE_URL": "http://10.0.0.5:8080"])
        #expect(overridden.webBaseURL == "http://10.0.0.5:8080")
        #expect(try Self.load("{}").webBaseURL == nil)
        #expect(try Self.load("{}", environment: ["CXZY_WEB_BASE_URL": "https://a.example"]).webBaseURL != nil)
        #expect(
            Configuration.unknownVariables(["CXZY_WEB_BASE_URL": "https://a.example"], config: try Self.load("{}"))
                .isEmpty)
    }

    @Test("a wrong web setting stops the boot with a message naming it")
    func configProblems() throws {
        let typo = try Self.problems(#"{"web": {"baseUrl": "https://a.example"}}"#)
        #expect(typo.contains("unknown key “baseUrl”") && typo.contains("did you mean baseURL?"))
        #expect(
            try Self.problems(#"{"web": {"baseURL": 8080}}"#).contains(
                "web.baseURL in the config file must be a string"))
        #expect(
            try Self.problems(#"{"web": "https://a.example"}"#).contains("web in the config file must be an object"))
        for bad in ["dangjian.school.example/cxzy", "ftp://a.example", "https://a.example/cxzy?x=1", "https://"] {
            let said = try Self.problems(#"{"web": {"baseURL": "\#(bad)"}}"#)
            #expect(said.contains("web.baseURL") && said.contains("must be the back office's public address"), "\(bad)")
        }
        let env = try Self.problems("{}", environment: ["CXZY_WEB_BASE_URL": "not a url"])
        #expect(env.contains("CXZY_WEB_BASE_URL"))
        let unheard = try Self.problems(#"{"web": {"baseURL": "https://a.example"}}"#, listen: nil)
        #expect(unheard.contains("needs the HTTP listener") && unheard.contains("CXZY_HTTP_LISTEN"))
    }
}
