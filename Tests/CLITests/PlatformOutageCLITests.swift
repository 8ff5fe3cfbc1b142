import BotRuntime
import Foundation
import TelegramFake
import Testing
import TestSupport
import WeComFake

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `cxzy run` with two platforms, one of which cannot be reached at start: the other serves, `/healthz` names the
/// one that is down (503), and once it answers it is connected and served, and `/healthz` is ok again.
@Suite("cxzy run with a platform down", .serialized)
struct PlatformOutageCLITests {
    static let roster = """
        工号,姓名,角色,支部,党员,权限,telegram,wecom
        A001,周建国,行政,党总支,是,管理员,9001,zhoujg
        T001,李明,一线,语文支部,是,教师,1001,T001

        """

    /// `GET path` on the bot: the status and the body (0 and "" when nobody answered).
    static func get(_ address: String, _ path: String) async -> (Int, String) {
        guard let url = URL(string: "http://\(address)\(path)"),
            let (data, response) = try? await URLSession.shared.data(from: url)
        else { return (0, "") }
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The address the bot's listener logged.
    static func address(_ log: URL) async throws -> String {
        let listening = await eventually(60) { RunExitCLITests.text(log).contains("HTTP listener listening") }
        try #require(listening, "\(RunExitCLITests.text(log))")
        let line = try #require(
            RunExitCLITests.text(log).split(separator: "\n").first { $0.contains("HTTP listener listening") })
        return String(try #require(line.firstMatch(of: /address=(127\.0\.0\.1:[0-9]+)/)?.output.1))
    }

    @Test(
        "WeCom unreachable at start: Telegram serves, /healthz names wecom (503); when WeCom answers it is connected, served and /healthz is ok"
    )
    func oneDownOneUp() async throws {
        let telegram = FakeTelegram()
        let telegramServer = Task { try await telegram.serve() }
        defer { telegramServer.cancel() }
        await telegram.ready()
        let wecom = FakeWeCom()
        // WeCom's API address: a port nothing listens on yet.
        let wecomPort = WeComCLITests.freePort()
        let store = try await BotProcess.store(roster: Self.roster, label: "outage")
        let dir = store.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("run.log")

        var settings = await RunExitCLITests.telegram(telegram)
        settings["CXZY_TELEGRAM_LIMITS"] = "off"
        settings["CXZY_HTTP_LISTEN"] = "127.0.0.1:0"
        settings["CXZY_METRICS"] = "1"
        settings["CXZY_WECOM_CORP_ID"] = wecom.corpID
        settings["CXZY_WECOM_AGENT_ID"] = "1000002"
        settings["CXZY_WECOM_SECRET"] = wecom.secret
        settings["CXZY_WECOM_TOKEN"] = WeComCLITests.token
        settings["CXZY_WECOM_AES_KEY"] = WeComCLITests.aesKey
        settings["CXZY_WECOM_API_BASE"] = "http://127.0.0.1:\(wecomPort)"
        let bot = try RunExitCLITests.start(store, settings: settings, log: log)
        defer { if bot.isRunning { kill(bot.processIdentifier, SIGKILL) } }
        let address = try await Self.address(log)

        // Degraded, naming WeCom and nothing else; the public answer has no figure and no account.
        let (status, body) = await Self.get(address, "/healthz")
        #expect(status == 503, "\(body)")
        #expect(body.hasPrefix(#"{"status":"degraded","degraded":["wecom"]"#), "\(body)")
        #expect(!body.contains(wecom.secret) && !body.contains(wecom.corpID), "\(body)")
        let metricsDown = await Self.get(address, "/metrics").1
        #expect(metricsDown.contains(#"cxzy_platform_up{platform="wecom"} 0.0"#), "\(metricsDown)")
        #expect(metricsDown.contains(#"cxzy_platform_up{platform="telegram"} 1.0"#), "\(metricsDown)")

        // Telegram serves meanwhile.
        await telegram.message(from: 1001, text: "我的进度")
        let answered = await eventually(60) { await !telegram.sent(to: 1001).isEmpty }
        #expect(answered, "\(RunExitCLITests.text(log))")

        // WeCom answers at last: within its backoff (5 s doubling) the bot connects, and /healthz is ok.
        let wecomServer = Task { try await wecom.serve(port: wecomPort) }
        defer { wecomServer.cancel() }
        await wecom.ready()
        let up = await eventually(90) { await Self.get(address, "/healthz").0 == 200 }
        let healthy = await Self.get(address, "/healthz")
        #expect(up && healthy.1.hasPrefix(#"{"status":"ok""#), "\(healthy.1)")
        #expect(!healthy.1.contains("degraded"), "\(healthy.1)")

        // Its callback route and its outbox run as if it had connected at start.
        let cipher = try CallbackCipher(
            token: WeComCLITests.token, encodingAESKey: WeComCLITests.aesKey, receiveID: wecom.corpID)
        let port = try #require(Int(address.split(separator: ":")[1]))
        let posted = await WeComCLITests.post(
            cipher, port: port, user: "T001", text: "我的进度", msgID: "7300000000000000001")
        #expect(posted == 200)
        let served = await eventually(60) { await !wecom.sent(to: "T001").isEmpty }
        #expect(served, "\(RunExitCLITests.text(log))")
        let metricsUp = await Self.get(address, "/metrics").1
        #expect(metricsUp.contains(#"cxzy_platform_up{platform="wecom"} 1.0"#), "\(metricsUp)")
        #expect(metricsUp.contains(#"cxzy_platform_errors_total{platform="wecom",kind="unreachable"}"#), "\(metricsUp)")
        #expect(metricsUp.contains(#"cxzy_token_refreshes_total{platform="wecom"}"#), "\(metricsUp)")
        try await MetricsCLITests.expectPromtoolClean(metricsUp, in: dir)

        kill(bot.processIdentifier, SIGTERM)
        #expect(await waitForExit(bot, timeout: .seconds(60)))
        #expect(bot.terminationStatus == 0, "\(RunExitCLITests.text(log))")

        // Down once and back once in the log, by name; never the secret.
        let text = RunExitCLITests.text(log)
        let down = text.split(separator: "\n").filter { $0.contains("platform unreachable at start") }
        let back = text.split(separator: "\n").filter { $0.contains("platform reachable again") }
        #expect(down.count == 1 && down.first?.contains("platform=wecom") == true, "\(text)")
        #expect(back.count == 1 && back.first?.contains("platform=wecom") == true, "\(text)")
        #expect(!text.contains(wecom.secret) && !text.contains(telegram.token), "\(text)")
    }
}
