import BotRuntime
import Foundation
import TelegramFake
import Testing
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `GET /metrics` with `CXZY_METRICS=1`: messages in and out per platform, commands by intent and outcome, the
/// outbox, commit latency, the store's size and each platform's connection, in Prometheus's text format as promtool
/// reads it, with no person in a label; without it, no `/metrics` at all.
@Suite("cxzy run's /metrics", .serialized)
struct MetricsCLITests {
    static let promtool = Prerequisite.program("promtool", package: "prometheus")

    static let roster = """
        工号,姓名,角色,支部,党员,权限,telegram
        A001,周建国,行政,党总支,是,管理员,9001
        T001,李明,一线,语文支部,是,教师,1001

        """

    /// Starts the bot on the fake, waits for its listener and returns its address.
    static func start(_ store: URL, fake: FakeTelegram, metrics: Bool, log: URL) async throws -> (Process, String) {
        var settings = await RunExitCLITests.telegram(fake)
        settings["CXZY_HTTP_LISTEN"] = "127.0.0.1:0"
        settings["CXZY_TELEGRAM_LIMITS"] = "off"
        if metrics { settings["CXZY_METRICS"] = "1" }
        let process = try RunExitCLITests.start(store, settings: settings, log: log)
        let listening = await eventually(60) { RunExitCLITests.text(log).contains("HTTP listener listening") }
        try #require(listening, "\(RunExitCLITests.text(log))")
        let line = try #require(
            RunExitCLITests.text(log).split(separator: "\n").first { $0.contains("HTTP listener listening") })
        let address = try #require(line.firstMatch(of: /address=(127\.0\.0\.1:[0-9]+)/)?.output.1)
        return (process, String(address))
    }

    static func get(_ address: String, _ path: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(
            from: try #require(URL(string: "http://\(address)\(path)")))
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// `promtool check metrics` on `text` says nothing and exits 0 (when promtool is here; a warning otherwise).
    static func expectPromtoolClean(_ text: String, in dir: URL) async throws {
        guard try Prerequisite.available(promtool) else {
            Issue.record("promtool check metrics not run: needs promtool (Debian prometheus)", severity: .warning)
            return
        }
        let file = dir.appendingPathComponent("metrics-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: file)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/sh")
        check.arguments = ["-c", "promtool check metrics < \"$1\" > \"$1.out\" 2>&1", "sh", file.path]
        try Child.start(check)
        #expect(await waitForExit(check, timeout: .seconds(60)))
        let said = (try? String(contentsOf: URL(fileURLWithPath: file.path + ".out"), encoding: .utf8)) ?? ""
        #expect(check.terminationStatus == 0 && said.isEmpty, "promtool check metrics: \(said)")
    }

    @Test(
        "CXZY_METRICS=1: /metrics counts messages, commands, commits, the outbox and the store, and promtool check metrics finds nothing",
        .enabled(if: try Prerequisite.available(promtool), "needs promtool (Debian prometheus)"))
    func metrics() async throws {
        let fake = FakeTelegram()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let store = try await BotProcess.store(roster: Self.roster, label: "metrics")
        let dir = store.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: dir) }

        // Off by default: no /metrics.
        let (plain, plainAddress) = try await Self.start(
            store, fake: fake, metrics: false, log: dir.appendingPathComponent("plain.log"))
        defer { if plain.isRunning { kill(plain.processIdentifier, SIGKILL) } }
        #expect(try await Self.get(plainAddress, "/metrics").0 == 404)
        kill(plain.processIdentifier, SIGTERM)
        #expect(await waitForExit(plain, timeout: .seconds(60)))

        let (bot, address) = try await Self.start(
            store, fake: fake, metrics: true, log: dir.appendingPathComponent("metrics.log"))
        defer { if bot.isRunning { kill(bot.processIdentifier, SIGKILL) } }
        await fake.message(from: 1001, text: "帮助")
        await fake.message(from: 9001, text: "帮助")
        #expect(await eventually(60) { await fake.sent.count >= 2 })
        // The count is made as the send is confirmed: wait for it to show.
        let counted = await eventually(30) {
            let text = (try? await Self.get(address, "/metrics").1) ?? ""
            return text.contains("cxzy_messages_out_total{platform=\"telegram\"} 2")
        }
        let text = try await Self.get(address, "/metrics").1
        #expect(counted, "\(text)")
        #expect(text.contains("cxzy_messages_in_total{platform=\"telegram\"} 2"), "\(text)")
        #expect(!text.contains("1001") && !text.contains("李明"), "no person in the figures: \(text)")
        // Two 帮助: the intent and its outcome, never who asked.
        #expect(text.contains(#"cxzy_commands_total{intent="help",outcome="ok"} 2"#), "\(text)")
        #expect(text.contains(#"cxzy_platform_up{platform="telegram"} 1.0"#), "\(text)")
        // The outbox is read at the scrape: empty once both replies are marked sent.
        let emptied = await eventually(30) {
            let text = (try? await Self.get(address, "/metrics").1) ?? ""
            return text.contains(#"cxzy_outbox_messages{platform="telegram"} 0.0"#)
                && text.contains(#"cxzy_outbox_oldest_age_seconds{platform="telegram"} 0.0"#)
        }
        let afterwards = try await Self.get(address, "/metrics").1
        #expect(emptied, "\(afterwards)")
        #expect(text.contains("cxzy_commit_duration_seconds_bucket{le="), "\(text)")
        #expect(text.contains("cxzy_commit_duration_seconds_count "), "\(text)")
        let records = try #require(
            text.firstMatch(of: /cxzy_store_bytes\{part="records"\} ([0-9.e+]+)/).flatMap { Double($0.output.1) })
        #expect(records > 0, "\(text)")
        #expect(text.contains(#"cxzy_store_bytes{part="files"}"#), "\(text)")
        // Every metric named has a help line.
        for metric in BotMetrics.all where text.contains("\n\(metric.name)") || text.hasPrefix(metric.name) {
            #expect(text.contains("# HELP \(metric.name) "), "\(metric.name)")
        }
        try await Self.expectPromtoolClean(text, in: dir)

        kill(bot.processIdentifier, SIGTERM)
        #expect(await waitForExit(bot, timeout: .seconds(60)))
        #expect(bot.terminationStatus == 0)
    }
}
