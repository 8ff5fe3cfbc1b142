import Foundation
import Synchronization
import Testing
import TestSupport

func temporaryStore() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-cli-\(UUID().uuidString)", isDirectory: true)
}

/// `needles` appear in `text` in this order; returns the first one that does not.
func firstMissing(_ text: String, inOrder needles: [String]) -> String? {
    var rest = text[...]
    for needle in needles {
        guard let range = rest.range(of: needle) else { return needle }
        rest = rest[range.upperBound...]
    }
    return nil
}

@Suite("cxzy console, export, calendar, store check")
struct ConsoleCLITests {
    static let now = "2010-10-11T09:00:00+08:00"

    /// The README's example session, word for word.
    static let session = [
        "帮助",
        "承诺 教学之星 上好一堂精品课，写一篇教学案例",
        "预约示范课 10月12日 第3节 高二(3)班 函数的单调性",
        "我的进度",
        "家访 昨天 王同学 上门 了解学习情况",
        "提交 精品课 函数复习",
        "我的进度",
    ]

    func runSession(store: URL) async throws -> CLI.Result {
        try await CLI.run(
            ["console", "--as", "T001", "--now", Self.now, "--store", store.path],
            stdin: Data((Self.session.joined(separator: "\n") + "\n").utf8))
    }

    @Test("the README's example session, piped in")
    func readmeSession() async throws {
        let store = temporaryStore()
        defer { try? FileManager.default.removeItem(at: store) }
        let r = try await runSession(store: store)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("演示名单"))
        let expected = [
            // 帮助
            "可用命令", "承诺", "预约示范课", "我的进度",
            // 承诺
            "已登记承诺 P-0001：教学之星——上好一堂精品课，写一篇教学案例", "完成教学之星需要：精品课、优秀教学案例", "记为逾期申报",
            // 预约示范课
            "已预约示范课 L-0001：2010年10月12日（周二）第3节，高二(3)班，课题《函数的单调性》，组内。", "取消示范课 L-0001",
            // 我的进度
            "李明老师的进度（2010年10月11日）", "教学之星（P-0001）", "✗ 精品课 待完成", "✗ 优秀教学案例 待完成",
            "示范课：L-0001 2010年10月12日", "（已预约）", "下一个截止：您的示范课 L-0001 2010年10月12日（就在明天）",
            // 家访
            "已登记家访 V-0001：2010年10月10日（周日，节假日），王同学，上门，备注：了解学习情况。", "只有您本人和管理员能看到",
            // 提交
            "已登记成果 W-0001：精品课《函数复习》。", "教学之星：精品课 ✓，优秀教学案例 ✗",
            // 我的进度
            "李明老师的进度（2010年10月11日）", "✓ 精品课（W-0001）", "✗ 优秀教学案例 待完成", "家访：1 次（其中节假日 1 次）",
            "成果：W-0001 精品课", "下一个截止：您的示范课 L-0001 2010年10月12日",
        ]
        #expect(firstMissing(r.stdout, inOrder: expected) == nil, "stdout:\n\(r.stdout)")
        // Piped: no prompts, one blank line between replies, and nothing about the visit's non-holiday note.
        #expect(!r.stdout.contains("> "))
        #expect(!r.stdout.contains("不是节假日"))
        #expect(r.stdout.components(separatedBy: "\n\n").count == Self.session.count + 1)

        // The same store, opened again: the records are there and the next id continues.
        let again = try await CLI.run(
            ["console", "--as", "T001", "--now", "2010-10-11T10:00:00+08:00", "--store", store.path],
            stdin: Data("提交 教学案例 函数的单调性\n".utf8))
        #expect(again.stdout.contains("已登记成果 W-0002") && again.stdout.contains("已全部完成"), "\(again.stdout)")
    }

    @Test("cxzy export --format jsonl prints one JSON record a line, with ids and owners")
    func exportJSONL() async throws {
        let store = temporaryStore()
        defer { try? FileManager.default.removeItem(at: store) }
        #expect(try await runSession(store: store).status == 0)
        // On the campaign's clock: today, long after the retention date, the students would be erased at start.
        let r = try await CLI.run(["export", "--format", "jsonl", "--now", Self.now, "--store", store.path])
        #expect(r.status == 0, "\(r.stderr)")
        let objects = try r.lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        #expect(objects.compactMap { $0["id"] as? String } == ["P-0001", "L-0001", "V-0001", "W-0001"])
        #expect(objects.compactMap { $0["type"] as? String } == ["pledge", "lesson", "visit", "work"])
        #expect(objects.allSatisfy { $0["staff_id"] as? String == "T001" && $0["name"] as? String == "李明" })
        #expect(objects[1]["period"] as? Int == 3 && objects[1]["class"] as? String == "高二(3)班")
        #expect(objects[2]["student"] as? String == "王同学" && objects[2]["holiday"] as? Bool == true)
        #expect(objects[0]["late"] as? Bool == true)

        let lessons = try await CLI.run(["export", "--format", "jsonl", "--what", "lessons", "--store", store.path])
        #expect(lessons.lines.count == 1 && lessons.stdout.contains("\"L-0001\""))

        let csv = try await CLI.run(["export", "--store", store.path])
        #expect(csv.stdout.unicodeScalars.first == "\u{FEFF}")
        for id in ["P-0001", "L-0001", "V-0001", "W-0001"] { #expect(csv.stdout.contains(id)) }
        #expect(csv.stdout.contains("\r\n"))

        let check = try await CLI.run(["store", "check", "--store", store.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test("cxzy export CSV speaks Chinese for people; --codes keeps the contract's ids for programs")
    func exportCSV() async throws {
        let store = temporaryStore()
        defer { try? FileManager.default.removeItem(at: store) }
        #expect(try await runSession(store: store).status == 0)
        let people = try await CLI.run(["export", "--store", store.path])
        #expect(people.status == 0 && people.stdout.contains("类型,编号,工号") && people.stdout.contains("示范课,L-0001"))
        #expect(people.stdout.contains("上门") && !people.stdout.contains(",home,"))
        let machines = try await CLI.run(["export", "--codes", "--store", store.path])
        #expect(
            machines.status == 0 && machines.stdout.contains("类型 type") && machines.stdout.contains("lesson,L-0001"))
    }

    @Test("the console's export is saved as a CSV file with BOM")
    func consoleExport() async throws {
        let store = temporaryStore()
        defer { try? FileManager.default.removeItem(at: store) }
        #expect(try await runSession(store: store).status == 0)
        let r = try await CLI.run(
            ["console", "--as", "A001", "--now", Self.now, "--store", store.path], stdin: Data("导出\n".utf8))
        #expect(r.stdout.contains("导出完成：承诺 1 条，示范课 1 条，家访 1 条，成果 1 条"), "\(r.stdout)")
        let exports = try FileManager.default.contentsOfDirectory(
            at: store.appendingPathComponent("exports"),
            includingPropertiesForKeys: nil)
        let file = try #require(exports.first { $0.pathExtension == "csv" })
        let bytes = try Data(contentsOf: file)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes, as: UTF8.self).contains("V-0001"))
    }

    @Test("cxzy calendar prints the four phases")
    func calendar() async throws {
        let r = try await CLI.run(["calendar", "--now", Self.now, "--store", temporaryStore().path])
        #expect(r.status == 0)
        #expect(
            firstMissing(
                r.stdout,
                inOrder: [
                    "第1阶段  2010-06-11 — 2010-06-30  广泛发动，安排部署",
                    "第2阶段  2010-07-01 — 2011-06-30  全面争创，扎实推进  ← 当前",
                    "第3阶段  2011-07-01 — 2012-06-30  对标定位，晋档升级",
                    "第4阶段  2012-07-01 — 2012-11-07  系统总结，完善机制",
                    "2010-09-10", "教师节", "承诺申报截止：2010-07-31",
                ]) == nil, "\(r.stdout)")
    }

    @Test("a campaign file with a mistake is refused with the field and the line")
    func badCampaignFile() async throws {
        let dir = temporaryStore()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = try await CLI.run(["calendar", "--json"])
        #expect(json.status == 0)
        var lines = json.stdout.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("\"pledgeDeadline\"") })
        lines[index] = lines[index].replacingOccurrences(of: "2010-07-31", with: "2010-13-01")
        let file = dir.appendingPathComponent("campaign.json")
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let r = try await CLI.run(["calendar", "--campaign", file.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("pledgeDeadline") && r.stderr.contains("line \(index + 1)"), "\(r.stderr)")
    }

    @Test("cxzy store check exits 0 on a healthy store")
    func storeCheck() async throws {
        let store = temporaryStore()
        defer { try? FileManager.default.removeItem(at: store) }
        #expect(
            try await CLI.run(["console", "--as", "T001", "--store", store.path], stdin: Data("帮助\n".utf8)).status == 0)
        let r = try await CLI.run(["store", "check", "--store", store.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }

    @Test("a second console on a store in use fails with a clear error")
    func lockedStore() async throws {
        let store = temporaryStore()
        defer { try? FileManager.default.removeItem(at: store) }
        let first = Process()
        first.executableURL = CLI.executable
        first.arguments = ["console", "--as", "T001", "--now", Self.now, "--store", store.path]
        first.standardError = FileHandle.nullDevice
        let (input, output) = try Child.start(first) {
            let pipes = (Pipe(), Pipe())
            first.standardInput = pipes.0
            first.standardOutput = pipes.1
            return pipes
        }
        defer { if first.isRunning { first.terminate() } }
        let collected = OutputBox()
        collected.collect(output.fileHandleForReading)
        // Once it has answered, it holds the store.
        input.fileHandleForWriting.write(Data("我的进度\n".utf8))
        let answered = await eventually(60) { collected.text.contains("李明老师的进度") }
        #expect(answered)
        let answeredSoFar = collected.text.count

        let second = try await CLI.run(
            ["console", "--as", "T002", "--now", Self.now, "--store", store.path], stdin: Data("我的进度\n".utf8))
        #expect(second.status != 0)
        #expect(
            second.stderr.contains("store") && second.stderr.contains("pid \(first.processIdentifier)"),
            "\(second.stderr)")
        #expect(!second.stdout.contains("王芳老师的进度"))

        // The first one carries on, and ends cleanly at end of input.
        input.fileHandleForWriting.write(Data("提醒 关\n".utf8))
        try input.fileHandleForWriting.close()
        await waitForExit(first, timeout: .seconds(60))  // killed at the deadline: the status below says so
        _ = await eventually(10) { collected.isEnded }  // what it printed last, up to the end of its output
        let rest = String(collected.text.dropFirst(answeredSoFar))
        #expect(first.terminationStatus == 0)
        #expect(rest.contains("已关闭个人提醒"))
    }
}

@Suite("cxzy console reminders")
struct ConsoleReminderTests {
    @Test("a reminder that falls due while the console is open appears in the conversation")
    func reminderFallsDue() async throws {
        let store = temporaryStore()
        defer { try? FileManager.default.removeItem(at: store) }
        let process = Process()
        process.executableURL = CLI.executable
        // Two seconds before 08:00 on 30 June 2010: the 七一 reminder (one day before) falls due during the session.
        process.arguments = ["console", "--as", "T001", "--now", "2010-06-30T07:59:58+08:00", "--store", store.path]
        process.standardError = FileHandle.nullDevice
        let (input, output) = try Child.start(process) {
            let pipes = (Pipe(), Pipe())
            process.standardInput = pipes.0
            process.standardOutput = pipes.1
            return pipes
        }
        defer { if process.isRunning { process.terminate() } }
        let collected = OutputBox()
        collected.collect(output.fileHandleForReading)
        @Sendable func count(_ needle: String) -> Int { collected.text.components(separatedBy: needle).count - 1 }
        @Sendable func qiyi() -> Int { count("【提醒】李明老师，七一") }
        input.fileHandleForWriting.write(Data("我的进度\n".utf8))
        // The console's clock starts at 07:59:58 when it opens, before it answers: 08:00, when the 1-day slot falls
        // due (and would say it again after a caught-up 3-day reminder), is at most 2 s after the answer is seen.
        _ = await eventually(20) { count("李明老师的进度") >= 1 }
        let pastEight = ContinuousClock.now.advanced(by: .seconds(3))
        _ = await eventually(20) { qiyi() >= 1 && ContinuousClock.now >= pastEight }
        // Past 08:00 the console still answers: a reminder said again at 08:00 would be out before this reply.
        input.fileHandleForWriting.write(Data("我的进度\n".utf8))
        #expect(await eventually(20) { count("李明老师的进度") >= 2 }, "a message after 08:00 is answered")
        try input.fileHandleForWriting.close()
        await waitForExit(process, timeout: .seconds(60))  // killed at the deadline: the status below says so
        _ = await eventually(10) { collected.isEnded }
        let text = collected.text
        #expect(text.contains("李明老师的进度"))
        // Once a day per occasion: the 3-day reminder of 28 June, missed, is not caught up at
        // 07:59:58 when the 1-day slot comes at 08:00 the same day; that one arrives while the console is open.
        #expect(qiyi() == 1, "\(text)")
        #expect(text.contains("七一就在明天"))
        #expect(process.terminationStatus == 0)
    }
}

/// Bytes read on another thread, collected safely.
final class OutputBox: Sendable {
    private let data = Mutex(Data())
    private let ended = Mutex(false)
    func append(_ chunk: Data) { data.withLock { $0.append(chunk) } }
    var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }
    /// True once the handle given to `collect` reached its end (its writer closed it or exited).
    var isEnded: Bool { ended.withLock { $0 } }

    /// Collects what `handle` gives from now on, read by FileHandle on a thread of its own, until its end.
    func collect(_ handle: FileHandle) {
        handle.readabilityHandler = { h in
            let chunk = h.availableData
            if chunk.isEmpty {
                h.readabilityHandler = nil
                self.ended.withLock { $0 = true }
            } else {
                self.append(chunk)
            }
        }
    }
}
