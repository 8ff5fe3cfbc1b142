import BotRuntime
import CampaignCore
import Foundation
import Logging
import Testing
import TelegramFake
import TestSupport
import WeComFake

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The production boot with a platform that cannot be reached at start: the bot serves the other, retries the one
/// that is down on its own clock (about 5 s, then twice as long), `/healthz` names it with 503, and once it answers it
/// is connected and `/healthz` is ok again.
@Suite("Health: a platform down at start", .serialized)
struct HealthTests {
    static func get(_ port: Int, _ path: String) async -> (Int, String) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)"),
            let (data, response) = try? await URLSession.shared.data(from: url)
        else { return (0, "") }
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The first deadline a task sleeps until on `clock` within `range` (the reconnector's wait), within 30 s.
    static func retryDeadline(_ clock: ManualClock, within range: ClosedRange<Date>) async -> Date? {
        _ = await eventually(30) { clock.sleeperDeadlines.contains { range.contains($0) } }
        return clock.sleeperDeadlines.first { range.contains($0) }
    }

    @Test("WeCom unreachable at start: Telegram serves, WeCom is retried with backoff on the clock, then connected")
    func reconnectsOnTheClock() async throws {
        try await TelegramRig.with { rig in
            let wecom = FakeWeCom()
            let wecomPort = CurlHTTPTests.portNobodyListensOn()
            let config = try Configuration.load(
                file: nil,
                environment: [
                    "CXZY_TELEGRAM_TOKEN": rig.fake.token,
                    "CXZY_TELEGRAM_API_BASE": await rig.fake.baseURL.absoluteString,
                    "CXZY_TELEGRAM_LIMITS": "off", "CXZY_TELEGRAM_POLL_TIMEOUT": "1",
                    "CXZY_WECOM_CORP_ID": wecom.corpID, "CXZY_WECOM_AGENT_ID": "1000002",
                    "CXZY_WECOM_SECRET": wecom.secret, "CXZY_WECOM_TOKEN": WeComRig.token,
                    "CXZY_WECOM_AES_KEY": WeComRig.aesKey, "CXZY_WECOM_API_BASE": "http://127.0.0.1:\(wecomPort)",
                ],
                store: rig.store, httpListen: "127.0.0.1:0")
            var logger = Logger(label: "bot")
            logger.logLevel = .error
            let start = try #require(CampaignTime.parse("2010-10-11T09:00:00+08:00"))
            let clock = ManualClock(start)
            let port = PortBox()
            let running = try await BotService.prepare(
                config: config, campaign: .builtInWithoutDigest, clock: clock, logger: logger, signals: [],
                onHTTP: { await port.set($0) })
            let task = Task { try await running.run() }
            await rig.bots.add(running, task)
            #expect(await eventually { await port.value != 0 })
            let http = await port.value

            #expect(await running.health.degraded == ["wecom"])
            let (status, body) = await Self.get(http, "/healthz")
            #expect(status == 503, "\(body)")
            #expect(body.hasPrefix(#"{"status":"degraded","degraded":["wecom"],"store":"open""#), "\(body)")

            // Telegram serves meanwhile.
            await rig.fake.message(from: 1001, text: "我的进度")
            #expect(await eventually(30) { await !rig.fake.sent(to: 1001).isEmpty })

            // The first try waits 2.5–5 s on the bot's clock; the next, still refused, 5–10 s.
            let first = try #require(
                await Self.retryDeadline(
                    clock, within: start.addingTimeInterval(2.5)...start.addingTimeInterval(5)),
                "\(clock.sleeperDeadlines)")
            clock.advance(to: first)
            let second = try #require(
                await Self.retryDeadline(clock, within: first.addingTimeInterval(5)...first.addingTimeInterval(10)),
                "\(clock.sleeperDeadlines)")
            #expect(await running.health.degraded == ["wecom"])

            // WeCom answers now: the next try connects it.
            let server = Task { try await wecom.serve(port: wecomPort) }
            defer { server.cancel() }
            await wecom.ready()
            clock.advance(to: second)
            #expect(await eventually(30) { await running.health.degraded.isEmpty })
            #expect(await wecom.tokensIssued >= 1)
            let (okStatus, okBody) = await Self.get(http, "/healthz")
            #expect(okStatus == 200 && okBody.hasPrefix(#"{"status":"ok","store":"open""#), "\(okBody)")
            await running.shutdown()
            try await task.value
        }
    }

    @Test("a connected platform whose polls fail three times in a row is named by /healthz until it answers again")
    func outageWhileRunning() async throws {
        try await TelegramRig.with { rig in
            let port = PortBox()
            let (running, task) = try await rig.boot(
                try await rig.configuration(listen: "127.0.0.1:0"), onHTTP: { await port.set($0) })
            #expect(await eventually { await port.value != 0 })
            let http = await port.value
            #expect(await eventually { await Self.get(http, "/healthz").0 == 200 })
            // Five 502s in a row from getUpdates: after the third, Telegram is named; the next answer clears it.
            await rig.fake.inject(.status(502, retryAfter: nil), for: "getUpdates", times: 5)
            let down = await eventually(30) {
                let (status, body) = await Self.get(http, "/healthz")
                return status == 503 && body.hasPrefix(#"{"status":"degraded","degraded":["telegram"]"#)
            }
            #expect(down)
            #expect(await eventually(30) { await Self.get(http, "/healthz").0 == 200 })
            await rig.fake.message(from: 1001, text: "我的进度")
            #expect(await eventually(30) { await !rig.fake.sent(to: 1001).isEmpty })
            try await rig.stop(running, task)
        }
    }
}
