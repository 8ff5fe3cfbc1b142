import Foundation
import Testing
import TestSupport

/// `cxzy privacy purge` and `cxzy privacy erase` on a store that a school used: visits reported, corrected (so the
/// old name is in the history and the journal), exported by the admin in the console, across several starts (so the
/// backups hold copies). Afterwards no file under the store holds a student's name or a note.
@Suite("cxzy privacy: retention and erasure", .serialized)
struct PrivacyCLITests {
    static let now = "2010-10-11T09:00:00+08:00"
    static let names = ["欧阳小雨", "司马子涵", "诸葛小华"]
    static let notes = ["父母离异需关注心理", "家长说孩子沉迷游戏"]

    /// A store with three visits by two teachers, one corrected, an admin's export saved by the console, and
    /// backups from three starts.
    static func usedStore() async throws -> URL {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-privacy-\(UUID().uuidString)")
        let t001 =
            "家访 10月9日 \(names[0]) 上门 备注：\(notes[0])\n家访 10月10日 司马小涵 电话\n修改 V-0002 学生:\(names[1]) 备注:\(notes[1])\n"
        try #require(try await console("T001", t001, store).status == 0)
        try #require(try await console("T002", "家访 10月2日 \(names[2]) 来校\n", store).status == 0)
        let admin = try await console("A001", "导出\n", store)
        try #require(admin.stdout.contains("导出完成"), "\(admin.stdout)")
        return store
    }

    static func console(_ who: String, _ input: String, _ store: URL) async throws -> CLI.Result {
        try await CLI.run(
            ["console", "--as", who, "--now", now, "--store", store.path], stdin: Data(input.utf8))
    }

    /// Every file under the store that holds `word` (snapshot, journal, backups, files/, exports/).
    static func filesHolding(_ word: String, in store: URL) -> [String] {
        let walker = FileManager.default.enumerator(atPath: store.path)
        var holding: [String] = []
        while let relative = walker?.nextObject() as? String {
            let path = store.path + "/" + relative
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            if data.range(of: Data(word.utf8)) != nil { holding.append(relative) }
        }
        return holding
    }

    static func visitLines(_ store: URL) async throws -> [String] {
        try await CLI.run([
            "export", "--format", "jsonl", "--what", "visits", "--now", now, "--store", store.path,
        ]).lines
    }

    @Test("purge past the retention date: no name or note in any file; the bot starts and every count is the same")
    func purge() async throws {
        let store = try await Self.usedStore()
        defer { try? FileManager.default.removeItem(at: store) }
        for word in Self.names + Self.notes + ["司马小涵"] {
            #expect(!Self.filesHolding(word, in: store).isEmpty, "\(word) should be on disk before the purge")
        }
        #expect(Self.filesHolding(Self.names[0], in: store).contains { $0.hasPrefix("backups/") })
        #expect(Self.filesHolding(Self.names[0], in: store).contains { $0.hasPrefix("exports/") })
        let before = try await Self.visitLines(store)
        let stats = try await Self.console("A001", "统计\n", store).stdout

        let early = try await CLI.run([
            "privacy", "purge", "--store", store.path, "--now", "2013-05-01T00:00:00+08:00",
        ])
        #expect(early.status == 0 && early.stdout.contains("还未到期"), "\(early.stdout)\(early.stderr)")
        let dry = try await CLI.run(
            ["privacy", "purge", "--dry-run", "--store", store.path, "--now", "2013-06-01T00:00:00+08:00"])
        #expect(dry.status == 0 && dry.stdout.contains("将清除 3 条家访"), "\(dry.stdout)\(dry.stderr)")
        #expect(!Self.filesHolding(Self.names[0], in: store).isEmpty, "a dry run changed the store")

        let purge = try await CLI.run([
            "privacy", "purge", "--store", store.path, "--now", "2013-06-01T00:00:00+08:00",
        ])
        #expect(purge.status == 0, "\(purge.stderr)")
        #expect(purge.stdout.contains("已清除 3 条家访") && purge.stdout.contains("V-0001、V-0002、V-0003"), "\(purge.stdout)")
        for word in Self.names + Self.notes + ["司马小涵"] {
            #expect(
                Self.filesHolding(word, in: store).isEmpty, "\(word) still in \(Self.filesHolding(word, in: store))")
        }
        let after = try await Self.visitLines(store)
        #expect(after.count == before.count && after.allSatisfy { $0.contains("某同学") })
        #expect(try await Self.console("A001", "统计\n", store).stdout == stats)
        #expect(try await CLI.run(["store", "check", "--store", store.path]).status == 0)
        let again = try await CLI.run([
            "privacy", "purge", "--store", store.path, "--now", "2013-06-01T00:00:00+08:00",
        ])
        #expect(again.stdout.contains("没有需要清除的学生信息"), "\(again.stdout)")
    }

    @Test("erase one student on a family's request, or a leaver's visits: at once, the others kept")
    func erase() async throws {
        let store = try await Self.usedStore()
        defer { try? FileManager.default.removeItem(at: store) }
        let dry = try await CLI.run([
            "privacy", "erase", "--dry-run", "--student", Self.names[0], "--store", store.path,
        ])
        #expect(dry.stdout.contains("将清除 1 条家访") && dry.stdout.contains("V-0001"), "\(dry.stdout)")
        let one = try await CLI.run(["privacy", "erase", "--student", Self.names[0], "--store", store.path])
        #expect(one.status == 0 && one.stdout.contains("已清除 1 条家访"), "\(one.stdout)\(one.stderr)")
        for word in [Self.names[0], Self.notes[0]] { #expect(Self.filesHolding(word, in: store).isEmpty, "\(word)") }
        #expect(!Self.filesHolding(Self.names[2], in: store).isEmpty)

        let leaver = try await CLI.run(["privacy", "erase", "--staff", "T002", "--store", store.path])
        #expect(leaver.status == 0 && leaver.stdout.contains("V-0003"), "\(leaver.stdout)")
        #expect(Self.filesHolding(Self.names[2], in: store).isEmpty)
        #expect(!Self.filesHolding(Self.names[1], in: store).isEmpty, "T001's other visit is kept")

        let neither = try await CLI.run(["privacy", "erase", "--store", store.path])
        #expect(neither.status != 0 && neither.stderr.contains("--student"))
        let missing = try await CLI.run([
            "privacy", "erase", "--student", "某某", "--store", store.path + "-nowhere",
        ])
        #expect(missing.status != 0)
        #expect(!FileManager.default.fileExists(atPath: store.path + "-nowhere"), "a missing store was created")
    }

    @Test("the bot itself erases at start once the retention date has passed")
    func atStart() async throws {
        let store = try await Self.usedStore()
        defer { try? FileManager.default.removeItem(at: store) }
        let export = try await CLI.run(
            [
                "export", "--format", "jsonl", "--what", "visits", "--now", "2013-05-08T09:00:00+08:00", "--store",
                store.path,
            ])
        #expect(export.status == 0 && export.lines.count == 3 && export.lines.allSatisfy { $0.contains("某同学") })
        for word in Self.names + Self.notes { #expect(Self.filesHolding(word, in: store).isEmpty, "\(word)") }
    }

    @Test("refuses while the bot runs on the store")
    func refusesWhileRunning() async throws {
        let store = try await Self.usedStore()
        defer { try? FileManager.default.removeItem(at: store) }
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["console", "--as", "A001", "--now", Self.now, "--store", store.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let input = try Child.start(process) {
            let input = Pipe()
            process.standardInput = input
            return input
        }
        defer { try? input.fileHandleForWriting.close() }
        let locked = await eventually(20) {
            let lock = (try? String(contentsOfFile: store.path + "/lock", encoding: .utf8)) ?? ""
            return lock.contains(String(process.processIdentifier))
        }
        #expect(locked)
        let refused = try await CLI.run(["privacy", "erase", "--student", Self.names[0], "--store", store.path])
        #expect(refused.status != 0, "\(refused.stdout)")
        #expect(!Self.filesHolding(Self.names[0], in: store).isEmpty)
        try input.fileHandleForWriting.close()
        let exited = await eventually(20) { !process.isRunning }
        #expect(exited)
    }
}
