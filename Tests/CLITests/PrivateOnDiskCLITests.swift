import Foundation
import TelegramFake
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A whole run of `cxzy run` at the most talkative log level, with a home visit reported and corrected in private and
/// in a group: the log holds no message text, no student, no note and no token; the store is the bot's alone.
@Suite("What the server keeps: logs and file modes", .serialized)
struct PrivateOnDiskCLITests {
    static let roster = """
        工号,姓名,角色,支部,党员,权限,telegram
        A001,周建国,行政,党总支,是,管理员,9001
        T002,王芳,一线、班主任,语文支部,是,教师,1002

        """
    static let student = "张小华"
    static let note = "父母离异需关注心理"

    @Test(
        "a trace-level log of a run holds one line per message with ids, intent, outcome and latency, never texts, names, students, notes or the token"
    )
    func traceLogAndModes() async throws {
        let fake = FakeTelegram()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let store = try await BotProcess.store(roster: Self.roster, label: "private")
        let log = store.deletingLastPathComponent().appendingPathComponent("run.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)

        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["run", "--store", store.path, "--now", "2010-10-11T09:00:00+08:00"]
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CXZY_") }
        env["CXZY_TELEGRAM_TOKEN"] = fake.token
        env["CXZY_TELEGRAM_API_BASE"] = await fake.baseURL.absoluteString
        env["CXZY_TELEGRAM_LIMITS"] = "off"
        env["CXZY_TELEGRAM_POLL_TIMEOUT"] = "1"
        env["CXZY_LOG_LEVEL"] = "trace"
        process.environment = env
        process.standardOutput = logHandle
        process.standardError = logHandle
        try Child.start(process)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        _ = await fake.message(from: 1002, text: "家访 10月9日 \(Self.student) 上门 备注：\(Self.note)")
        _ = await fake.message(from: 1002, chat: -100777, text: "/edit@cxzy_bot V-0001 电话", chatType: "supergroup")
        _ = await fake.message(from: 9001, text: "我的家访")
        let answered = await eventually(30) { await fake.sent.count >= 4 }
        let replies = await fake.sent.map(\.text)
        #expect(answered, "replies: \(replies)")
        let group = await fake.sent(to: -100777).map(\.text).joined()
        #expect(group.contains("V-0001") && !group.contains(Self.student), "\(group)")
        kill(process.processIdentifier, SIGTERM)
        #expect(await waitForExit(process, timeout: .seconds(60)), "cxzy run ends on SIGTERM")
        try logHandle.close()

        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("trace") || text.contains("debug"), "the log was not at trace level")
        for secret in [fake.token, Self.student, Self.note, "家访 10月9日", "我的家访", "/edit"] {
            #expect(!text.contains(secret), "the log holds “\(secret)”")
        }
        // One line per message: ids, the intent, the outcome and the latency; no name either.
        let handled = text.split(separator: "\n").filter { $0.contains("message handled") }
        #expect(handled.count == 3, "\(handled)")
        let visit = handled.first { $0.contains("intent=report_visit") }
        #expect(visit?.contains("staff=T002") == true && visit?.contains("outcome=ok") == true, "\(handled)")
        #expect(visit?.contains("platform=telegram") == true && visit?.contains("chat=private") == true, "\(handled)")
        #expect(visit?.contains(/latency_ms=[0-9]+/) == true && visit?.contains("message_id=") == true, "\(handled)")
        #expect(handled.contains { $0.contains("intent=edit") && $0.contains("chat=group") }, "\(handled)")
        #expect(handled.contains { $0.contains("intent=my_visits") && $0.contains("staff=A001") }, "\(handled)")
        for name in ["王芳", "周建国"] { #expect(!text.contains(name), "the log holds “\(name)”") }

        // Directories 0700 and files 0600, whatever the umask the bot was started with.
        var modes: [String: mode_t] = [:]
        let walker = FileManager.default.enumerator(atPath: store.path)
        var paths = [store.path]
        while let relative = walker?.nextObject() as? String { paths.append(store.path + "/" + relative) }
        for path in paths {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            modes[path] = info.st_mode
        }
        #expect(paths.count > 3)
        for (path, mode) in modes {
            let kind = mode & S_IFMT
            if kind == S_IFDIR { #expect(mode & 0o777 == 0o700, "\(path): \(String(mode & 0o777, radix: 8))") }
            if kind == S_IFREG { #expect(mode & 0o777 == 0o600, "\(path): \(String(mode & 0o777, radix: 8))") }
        }
    }
}
