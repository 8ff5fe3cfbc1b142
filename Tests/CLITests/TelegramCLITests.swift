import Foundation
import TelegramFake
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `cxzy run` as a real process against the fake Bot API: SIGKILL in the middle, SIGTERM at the end.
@Suite("cxzy run on Telegram", .serialized)
struct TelegramCLITests {
    static let roster = """
        工号,姓名,角色,支部,党员,权限,telegram
        A001,周建国,行政,党总支,是,管理员,9001
        T001,李明,一线,语文支部,是,教师,1001
        T002,王芳,一线、班主任,语文支部,是,教师,1002
        T003,张伟,一线,数学支部,否,教师,1003

        """

    func start(_ store: URL, fake: FakeTelegram) async throws -> Process {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["run", "--store", store.path, "--now", "2010-10-11T09:00:00+08:00"]
        var env = ProcessInfo.processInfo.environment
        env["CXZY_TELEGRAM_TOKEN"] = fake.token
        env["CXZY_TELEGRAM_API_BASE"] = await fake.baseURL.absoluteString
        env["CXZY_TELEGRAM_LIMITS"] = "off"
        env["CXZY_TELEGRAM_POLL_TIMEOUT"] = "1"
        env["CXZY_LOG_LEVEL"] = "error"
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try Child.start(process)
        return process
    }

    @Test("SIGKILL in the middle: after a restart every update is processed exactly once; SIGTERM exits 0")
    func killAndRestart() async throws {
        let fake = FakeTelegram()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rosterFile = dir.appendingPathComponent("roster.csv")
        try Data(Self.roster.utf8).write(to: rosterFile)
        let store = dir.appendingPathComponent("store")
        #expect(try await CLI.run(["roster", "import", rosterFile.path, "--store", store.path]).status == 0)

        let users: [Int64] = [1001, 1002, 1003, 9001]
        let total = 300
        for i in 0..<total { await fake.message(from: users[i % users.count], text: "提交 论文 编号\(i)") }

        var process = try await start(store, fake: fake)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let sawSome = await eventually(20) { await fake.sent.count >= 40 }
        #expect(sawSome)
        kill(process.processIdentifier, SIGKILL)
        await waitForExit(process, timeout: .seconds(30))
        let afterKill = await fake.sent.count
        #expect(afterKill < total, "the kill should land in the middle")

        process = try await start(store, fake: fake)
        let allAnswered = await eventually(60) {
            let texts = Set(await fake.sent.map(\.text))
            return (0..<total).allSatisfy { i in texts.contains { $0.contains("编号\(i)》") } }
        }
        #expect(allAnswered)
        kill(process.processIdentifier, SIGTERM)
        await waitForExit(process, timeout: .seconds(60))  // killed at the deadline: the status below says so
        #expect(process.terminationStatus == 0)

        // Exactly once in the records: one work per update, none lost, none twice.
        let export = try await CLI.run(["export", "--format", "jsonl", "--what", "works", "--store", store.path])
        let titles = export.lines.compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            return object["text"] as? String
        }
        #expect(titles.count == total)
        #expect(Set(titles).count == total)
        #expect(try await CLI.run(["store", "check", "--store", store.path]).status == 0)
    }

    @Test("no transport configured, or a malformed setting, is a clear error at start")
    func misconfigured() async throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-none-\(UUID().uuidString)").path
        let none = try await CLI.run(
            ["run", "--store", store], environment: ["CXZY_TELEGRAM_TOKEN": "", "CXZY_MATRIX_HOMESERVER": ""])
        #expect(none.status != 0)
        #expect(none.stderr.contains("CXZY_TELEGRAM_TOKEN"))
        let bad = try await CLI.run(
            ["run", "--store", store],
            environment: ["CXZY_TELEGRAM_TOKEN": "not-a-token", "CXZY_TELEGRAM_LIMITS": "maybe"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("CXZY_TELEGRAM_LIMITS"))
        #expect(!bad.stderr.contains("not-a-token"))
    }
}
