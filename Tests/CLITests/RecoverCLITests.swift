import Foundation
import Testing
import TestSupport

/// A damaged store as the school's admin meets it: the bot refuses to start and says where and what to do,
/// `cxzy store check` says the same in Chinese and English, and `cxzy store recover` writes a new store that
/// starts, listing what it could not keep, without touching the damaged one.
@Suite("cxzy store recover")
struct RecoverCLITests {
    static let now = "2010-10-11T09:00:00+08:00"

    /// A campaign store and the directory its recovery goes to (the one the messages suggest).
    struct Stores {
        let store: URL
        var out: URL {
            store.deletingLastPathComponent().appendingPathComponent(store.lastPathComponent + "-recovered")
        }

        func remove() {
            try? FileManager.default.removeItem(at: store)
            try? FileManager.default.removeItem(at: out)
        }
    }

    /// A store whose journal has 339 lines: the demo roster, the binding, then 168 messages of two entries each
    /// (the reply queued, then marked sent).
    func campaignStore() async throws -> Stores {
        let store = temporaryStore()
        let messages = Array(repeating: ["我的进度", "帮助"], count: 84).flatMap { $0 }
        let r = try await CLI.run(
            ["console", "--as", "T001", "--now", Self.now, "--store", store.path],
            stdin: Data((messages.joined(separator: "\n") + "\n").utf8))
        #expect(r.status == 0, "\(r.stderr)")
        return Stores(store: store)
    }

    func journalLines(_ store: URL) throws -> [Data] {
        try Data(contentsOf: store.appendingPathComponent("journal.jsonl")).split(
            separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    }

    /// Flips one bit in the middle of journal line `line`, as a bad sector would.
    func flipByte(inLine line: Int, of store: URL) throws {
        let url = store.appendingPathComponent("journal.jsonl")
        var data = try Data(contentsOf: url)
        let lines = try journalLines(store)
        let start = lines.prefix(line - 1).reduce(0) { $0 + $1.count + 1 }
        data[start + lines[line - 1].count / 2] ^= 0x01
        try data.write(to: url)
    }

    /// Every file under `directory` with its bytes.
    func files(_ directory: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for relative in try FileManager.default.subpathsOfDirectory(atPath: directory.path) {
            let url = directory.appendingPathComponent(relative)
            if (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory != true {
                result[relative] = try Data(contentsOf: url)
            }
        }
        return result
    }

    @Test(
        "a flipped byte at the start, in the middle or at the end of the journal: refused, checked, recovered",
        arguments: [1, 100, 338])
    func damagedJournal(line: Int) async throws {
        let stores = try await campaignStore()
        defer { stores.remove() }
        let (store, out) = (stores.store, stores.out)
        #expect(try journalLines(store).count == 340, "339 lines and the empty piece after the last newline")
        let healthy = try await CLI.run(["store", "check", "--store", store.path])
        #expect(healthy.status == 0)
        #expect(
            healthy.stdout.contains("备份 backups/：快照 1 份") && healthy.stdout.contains("backups: 1 snapshots"),
            "backups from the first run on")

        try flipByte(inLine: line, of: store)
        let before = try files(store)

        let check = try await CLI.run(["store", "check", "--store", store.path])
        #expect(check.status == 1)
        #expect(
            firstMissing(
                check.stdout,
                inOrder: [
                    "已损坏", "journal.jsonl 第 \(line) 行", "处理办法",
                    "cxzy store recover --store \(store.path) --out \(out.path)",
                    "status: DAMAGED", "journal.jsonl at line \(line)", "cxzy store recover --store",
                ]) == nil, "\(check.stdout)")

        let console = try await CLI.run(
            ["console", "--as", "T001", "--now", Self.now, "--store", store.path], stdin: Data("我的进度\n".utf8))
        #expect(console.status != 0)
        #expect(
            firstMissing(
                console.stderr,
                inOrder: [
                    "journal.jsonl at line \(line)", "Nothing was written",
                    "cxzy store recover --store \(store.path) --out \(out.path)",
                    "第 \(line) 行", "没有写入任何内容",
                ]) == nil, "\(console.stderr)")

        let recover = try await CLI.run(["store", "recover", "--store", store.path, "--out", out.path])
        #expect(recover.status == 0, "\(recover.stderr)")
        #expect(
            firstMissing(
                recover.stdout,
                inOrder: [
                    "原目录没有任何改动", "无法恢复", "第 \(line) 号，journal.jsonl 第 \(line) 行", "RECOVERY.txt",
                    "nothing in \(store.path) was changed", "Could not keep", "seq \(line), journal.jsonl line \(line)",
                    "checksum mismatch",
                ]) == nil, "\(recover.stdout)")
        // Line 1 is the roster import; without it, the binding on line 2 no longer applies and is listed too.
        #expect(recover.stdout.contains(line == 1 ? "无法恢复 2 条" : "无法恢复 1 条"), "\(recover.stdout)")
        #expect(try files(store) == before, "the damaged store is byte for byte as it was")

        let recheck = try await CLI.run(["store", "check", "--store", out.path])
        #expect(
            recheck.status == 0 && recheck.stdout.contains("status: healthy")
                && recheck.stdout.contains("last sequence: 339"),
            "\(recheck.stdout)")
        let again = try await CLI.run(
            ["console", "--as", "T001", "--now", Self.now, "--store", out.path], stdin: Data("我的进度\n".utf8))
        #expect(again.status == 0 && again.stdout.contains("李明老师的进度"), "\(again.stdout)\(again.stderr)")
    }

    @Test("a journal cut short in its last line: check passes (the next start drops it), recover lists it")
    func truncatedJournal() async throws {
        let stores = try await campaignStore()
        defer { stores.remove() }
        let (store, out) = (stores.store, stores.out)
        let url = store.appendingPathComponent("journal.jsonl")
        let data = try Data(contentsOf: url)
        try data.prefix(data.count - 20).write(to: url)

        let check = try await CLI.run(["store", "check", "--store", store.path])
        #expect(check.status == 0)
        #expect(
            check.stdout.contains("第 339 行") && check.stdout.contains("torn last entry at line 339"), "\(check.stdout)")
        let recover = try await CLI.run(["store", "recover", "--store", store.path, "--out", out.path])
        #expect(recover.status == 0)
        #expect(
            recover.stdout.contains("第 339 号，journal.jsonl 第 339 行") && recover.stdout.contains("never confirmed"),
            "\(recover.stdout)")
    }

    @Test("recover refuses a non-empty --out and a store the bot is using, and writes nothing")
    func refusals() async throws {
        let stores = try await campaignStore()
        defer { stores.remove() }
        let (store, out) = (stores.store, stores.out)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let full = try await CLI.run(["store", "recover", "--store", store.path, "--out", out.path])
        #expect(full.status == 2)
        #expect(full.stderr.contains("is not empty") && full.stderr.contains("不是空目录"), "\(full.stderr)")
        #expect(try files(out).keys.sorted() == ["notes.txt"])
        try FileManager.default.removeItem(at: out)

        let running = Process()
        running.executableURL = CLI.executable
        running.arguments = ["console", "--as", "T001", "--now", Self.now, "--store", store.path]
        running.standardOutput = FileHandle.nullDevice
        running.standardError = FileHandle.nullDevice
        let input = try Child.start(running) {
            let input = Pipe()
            running.standardInput = input
            return input
        }
        defer { if running.isRunning { running.terminate() } }
        // Once it has finished opening, the lock file names it.
        let lock = store.appendingPathComponent("lock")
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while (try? Data(contentsOf: lock))?.isEmpty != false, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }

        let busy = try await CLI.run(["store", "recover", "--store", store.path, "--out", out.path])
        #expect(busy.status == 2)
        #expect(
            busy.stderr.contains("in use by pid \(running.processIdentifier)") && busy.stderr.contains("正被另一个进程使用"),
            "\(busy.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        try input.fileHandleForWriting.close()
        await waitForExit(running, timeout: .seconds(60))  // killed at the deadline: the status below says so
        #expect(running.terminationStatus == 0)
    }

    @Test("recover carries the attached files over, each checked against its name; a damaged one is listed")
    func attachedFiles() async throws {
        let store = temporaryStore()
        let out = store.deletingLastPathComponent().appendingPathComponent(store.lastPathComponent + "-recovered")
        defer {
            try? FileManager.default.removeItem(at: store)
            try? FileManager.default.removeItem(at: out)
        }
        // Two photos (PNG by their first bytes) on two works.
        var photos: [URL] = []
        for i in 0..<2 {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-photo-\(UUID()).png")
            try (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: UInt8(i), count: 2048)).write(
                to: url)
            photos.append(url)
        }
        defer { for url in photos { try? FileManager.default.removeItem(at: url) } }
        let lines = [
            "提交 科研论文 《古诗词教学研究》", "附件 W-0001 \(photos[0].path)",
            "提交 教学案例 《荷塘月色》教学案例", "附件 W-0002 \(photos[1].path)",
        ]
        let r = try await CLI.run(
            ["console", "--as", "T001", "--now", Self.now, "--store", store.path],
            stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let kept = try files(store.appendingPathComponent("files")).keys.sorted()
        #expect(kept.count == 2, "\(kept)\n\(r.stdout)")
        // A bad sector in the second one.
        let damaged = store.appendingPathComponent("files").appendingPathComponent(try #require(kept.last))
        var bytes = try Data(contentsOf: damaged)
        bytes[100] ^= 0x01
        try bytes.write(to: damaged)

        let recovered = try await CLI.run(["store", "recover", "--store", store.path, "--out", out.path])
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(
            recovered.stdout.contains("附件文件：已复制 1 个，1 个无法保留") && recovered.stdout.contains("内容已损坏"),
            "\(recovered.stdout)")
        #expect(try files(out.appendingPathComponent("files")).keys.sorted() == [try #require(kept.first)])
        let copied = try Data(
            contentsOf: out.appendingPathComponent("files").appendingPathComponent(try #require(kept.first)))
        #expect(try photos.map { try Data(contentsOf: $0) }.contains(copied), "the intact photo, byte for byte")
    }
}
