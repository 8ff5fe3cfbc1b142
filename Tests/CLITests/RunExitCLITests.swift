import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import TelegramFake
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `cxzy run`'s exit statuses tell a service manager what to do (docs/operations.md): 2 fix the configuration, 4 the
/// store is in use or damaged, 5 the HTTP address is taken; a platform that cannot be reached is no reason to stop (it
/// is retried while the bot runs). A SIGHUP is logged and survived; the listen address is logged at start.
@Suite("cxzy run's exit statuses and signals", .serialized)
struct RunExitCLITests {
    /// `cxzy run` on `store` with `settings` as its only CXZY_ variables, its stderr in `log`.
    static func start(_ store: URL, settings: [String: String], log: URL) throws -> Process {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["run", "--store", store.path, "--now", "2010-10-11T09:00:00+08:00"]
        let inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CXZY_") }
        process.environment = inherited.merging(settings) { $1 }
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try Child.start(process)
        try handle.close()
        return process
    }

    static func text(_ log: URL) -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// `cxzy run` to its end (at most `timeout`): its status and what it wrote to stderr.
    static func runToEnd(_ store: URL, settings: [String: String], log: URL, timeout: Duration = .seconds(90))
        async throws -> (status: Int32, stderr: String)
    {
        let process = try start(store, settings: settings, log: log)
        let ended = await waitForExit(process, timeout: timeout)
        #expect(ended, "cxzy run did not end within \(timeout)")
        return (process.terminationStatus, text(log))
    }

    static func telegram(_ fake: FakeTelegram) async -> [String: String] {
        [
            "CXZY_TELEGRAM_TOKEN": fake.token, "CXZY_TELEGRAM_API_BASE": await fake.baseURL.absoluteString,
            "CXZY_TELEGRAM_POLL_TIMEOUT": "1", "CXZY_LOG_LEVEL": "info",
        ]
    }

    @Test("a setting that is missing or wrong exits 2, saying what to fix")
    func configuration() async throws {
        let dir = temporaryStore()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        let none = try await Self.runToEnd(store, settings: [:], log: dir.appendingPathComponent("none.log"))
        #expect(none.status == 2, "\(none.stderr)")
        #expect(none.stderr.contains("no transport is configured"), "\(none.stderr)")
        let wrong = try await Self.runToEnd(
            store, settings: ["CXZY_TELEGRAM_TOKEN": "123:abc", "CXZY_TELEGRAM_MODE": "carrier-pigeon"],
            log: dir.appendingPathComponent("wrong.log"))
        #expect(wrong.status == 2, "\(wrong.stderr)")
        #expect(wrong.stderr.contains("CXZY_TELEGRAM_MODE") || wrong.stderr.contains("mode"), "\(wrong.stderr)")
    }

    @Test("a platform that cannot be reached at start does not stop the bot: it runs, retries, and /healthz says so")
    func unreachable() async throws {
        let dir = temporaryStore()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("run.log")
        // A port nothing listens on.
        let bot = try Self.start(
            dir.appendingPathComponent("store"),
            settings: [
                "CXZY_TELEGRAM_TOKEN": "123:abc", "CXZY_TELEGRAM_API_BASE": "http://127.0.0.1:9",
                "CXZY_HTTP_LISTEN": "127.0.0.1:0", "CXZY_LOG_LEVEL": "info",
            ],
            log: log)
        defer { if bot.isRunning { kill(bot.processIdentifier, SIGKILL) } }
        let address = try await PlatformOutageCLITests.address(log)
        let (status, body) = await PlatformOutageCLITests.get(address, "/healthz")
        #expect(status == 503 && body.hasPrefix(#"{"status":"degraded","degraded":["telegram"]"#), "\(body)")
        #expect(Self.text(log).contains("platform unreachable at start"), "\(Self.text(log))")
        #expect(bot.isRunning, "the bot stopped with status \(bot.terminationStatus): \(Self.text(log))")
        kill(bot.processIdentifier, SIGTERM)
        #expect(await waitForExit(bot, timeout: .seconds(60)))
        #expect(bot.terminationStatus == 0, "\(Self.text(log))")
        #expect(!Self.text(log).contains("123:abc"), "\(Self.text(log))")
    }

    @Test(
        "a running bot logs its address and survives SIGHUP; a second on its store exits 4, a third on its address 5")
    func running() async throws {
        let fake = FakeTelegram()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let dir = temporaryStore()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        let log = dir.appendingPathComponent("first.log")
        var settings = await Self.telegram(fake)
        settings["CXZY_HTTP_LISTEN"] = "127.0.0.1:0"
        let first = try Self.start(store, settings: settings, log: log)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }

        // The address is logged once the listener listens (port 0: the one it got).
        let listening = await eventually(60) { Self.text(log).contains("HTTP listener listening") }
        try #require(listening, "\(Self.text(log))")
        let line = try #require(Self.text(log).split(separator: "\n").first { $0.contains("HTTP listener listening") })
        let address = try #require(line.firstMatch(of: /address=(127\.0\.0\.1:[0-9]+)/)?.output.1)
        let port = try #require(Int(address.split(separator: ":")[1]))
        #expect(port > 0)

        // SIGHUP: one line in the log, and the bot still answers.
        kill(first.processIdentifier, SIGHUP)
        let logged = await eventually(20) { Self.text(log).contains("SIGHUP received and ignored") }
        #expect(logged, "\(Self.text(log))")
        try await Task.sleep(for: .milliseconds(500))
        #expect(first.isRunning, "SIGHUP ended the bot with status \(first.terminationStatus)")
        let health = try await URLSession.shared.data(from: try #require(URL(string: "http://\(address)/healthz")))
        #expect((health.1 as? HTTPURLResponse)?.statusCode == 200)

        // A second bot on the same store: in use, exit 4, the store's own words.
        var plain = await Self.telegram(fake)
        plain["CXZY_LOG_LEVEL"] = "error"
        let second = try await Self.runToEnd(store, settings: plain, log: dir.appendingPathComponent("second.log"))
        #expect(second.status == 4, "\(second.stderr)")
        #expect(second.stderr.contains("in use by"), "\(second.stderr)")

        // A third on its own store but the first's address: exit 5, naming the address and the setting.
        var taken = plain
        taken["CXZY_HTTP_LISTEN"] = String(address)
        let third = try await Self.runToEnd(
            dir.appendingPathComponent("other-store"), settings: taken, log: dir.appendingPathComponent("third.log"))
        #expect(third.status == 5, "\(third.stderr)")
        #expect(third.stderr.contains(String(address)) && third.stderr.contains("CXZY_HTTP_LISTEN"), "\(third.stderr)")
        #expect(third.stderr.contains("已被其他进程占用"), "\(third.stderr)")

        kill(first.processIdentifier, SIGTERM)
        #expect(await waitForExit(first, timeout: .seconds(60)))
        #expect(first.terminationStatus == 0, "\(Self.text(log))")
    }
}
