import Foundation
import TelegramFake
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `cxzy store backup --to DIR` while a real `cxzy run` holds the store and writes to it.
@Suite("cxzy store backup", .serialized)
struct StoreBackupCLITests {
    static let roster = """
        工号,姓名,角色,支部,党员,权限,telegram
        A001,周建国,行政,党总支,是,管理员,9001
        T001,李明,一线,语文支部,是,教师,1001
        T002,王芳,一线、班主任,语文支部,是,教师,1002

        """
    static let now = "2010-10-11T09:00:00+08:00"

    /// A fresh store with the roster imported by `cxzy roster import`.
    static func store(label: String) async throws -> URL {
        try await BotProcess.store(roster: roster, label: label)
    }

    func export(_ store: URL) async throws -> CLI.Result {
        try await CLI.run(["export", "--format", "jsonl", "--what", "all", "--store", store.path, "--now", Self.now])
    }

    @Test(
        "copies taken while the bot runs and writes are clean, the bot keeps its lock, and the last copy exports as the original"
    )
    func backupWhileRunning() async throws {
        let fake = FakeTelegram()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let store = try await Self.store(label: "backup")
        let work = store.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: work) }
        let users: [Int64] = [1001, 1002, 9001]
        let total = 240
        for i in 0..<total { await fake.message(from: users[i % users.count], text: "提交 论文 编号\(i)") }

        let bot = try BotProcess.start(
            store,
            settings: [
                "CXZY_TELEGRAM_TOKEN": fake.token, "CXZY_TELEGRAM_API_BASE": await fake.baseURL.absoluteString,
                "CXZY_TELEGRAM_LIMITS": "off", "CXZY_TELEGRAM_POLL_TIMEOUT": "1",
            ])
        defer { if bot.isRunning { kill(bot.processIdentifier, SIGKILL) } }
        #expect(await eventually(30) { await fake.sent.count >= 10 })

        // While the bot answers: copies, each checked.
        var midway: [URL] = []
        for index in 0..<3 {
            let copy = work.appendingPathComponent("copy-\(index)")
            let result = try await CLI.run(["store", "backup", "--store", store.path, "--to", copy.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("已写入数据副本") && result.stdout.contains("Wrote a copy of the store"))
            let english = try #require(result.stdout.range(of: "Wrote")?.lowerBound)
            let chinese = try #require(result.stdout.range(of: "已写入")?.lowerBound)
            #expect(chinese < english, "Chinese first")
            for name in ["BACKUP.txt", "snapshot.json", "journal.jsonl", "."] {
                let attributes = try FileManager.default.attributesOfItem(
                    atPath: copy.appendingPathComponent(name).path)
                let mode = (attributes[.posixPermissions] as? Int ?? 0) & 0o777
                #expect(mode == (name == "." ? 0o700 : 0o600), "\(name)")
            }
            midway.append(copy)
        }
        #expect(bot.isRunning, "the bot keeps running beside the copies")
        #expect(await BotProcess.answered(total) { await fake.sent.map(\.text) })

        let last = work.appendingPathComponent("copy-last")
        let backup = try await CLI.run(["store", "backup", "--store", store.path, "--to", last.path])
        #expect(backup.status == 0, "\(backup.stderr)")
        // A target that is not empty is refused, as an operator error.
        let again = try await CLI.run(["store", "backup", "--store", store.path, "--to", last.path])
        #expect(again.status == 2 && again.stderr.contains("不是空目录"), "\(again.stderr)")

        kill(bot.processIdentifier, SIGTERM)
        await waitForExit(bot, timeout: .seconds(60))
        #expect(bot.terminationStatus == 0, "the bot ran to a clean stop: its store was never taken from it")

        let original = try await export(store)
        #expect(original.status == 0)
        #expect(original.lines.count == total, "\(original.stderr)")
        for copy in midway + [last] {
            let check = try await CLI.run(["store", "check", "--store", copy.path])
            #expect(check.status == 0, "\(check.stdout)")
        }
        let copied = try await export(last)
        #expect(copied.status == 0)
        #expect(copied.stdout == original.stdout)
        // A copy taken earlier holds the records of that moment: each of them, as the original has it.
        for copy in midway {
            let lines = try await export(copy).lines
            #expect(Set(lines).isSubset(of: Set(original.lines)))
        }
    }

    @Test("a store that does not exist is an operator error (status 2), and nothing is written")
    func noStore() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let target = work.appendingPathComponent("copy")
        let result = try await CLI.run([
            "store", "backup", "--store", work.appendingPathComponent("none").path, "--to", target.path,
        ])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }
}
