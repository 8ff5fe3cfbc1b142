import BotRuntime
import Foundation
import Testing
import TestSupport
import WeComFake
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `cxzy run` on WeCom as a real process: callbacks posted as WeCom posts them, SIGKILL in the middle, a restart,
/// WeCom's retries of everything not acknowledged.
@Suite("cxzy run on WeCom", .serialized)
struct WeComCLITests {
    /// Thirty teachers, ten messages each: within WeCom's limit of messages to one member, so the test measures the
    /// bot and not the limiter.
    static let users = (1...30).map { String(format: "T%03d", $0) }
    static let roster =
        "工号,姓名,角色,支部,党员,权限,wecom\n"
        + users.map { "\($0),老师\($0),一线,语文支部,是,教师,\($0)" }.joined(separator: "\n") + "\n"
    static let token = "QDG6eK"
    static let aesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"

    /// A free loopback port (the kernel's choice, released for the bot to take).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func start(_ store: URL, fake: FakeWeCom, port: Int) async throws -> Process {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["run", "--store", store.path, "--now", "2010-10-11T09:00:00+08:00"]
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("CXZY_") { env[key] = nil }
        env["CXZY_WECOM_CORP_ID"] = fake.corpID
        env["CXZY_WECOM_AGENT_ID"] = "1000002"
        env["CXZY_WECOM_SECRET"] = fake.secret
        env["CXZY_WECOM_TOKEN"] = Self.token
        env["CXZY_WECOM_AES_KEY"] = Self.aesKey
        env["CXZY_WECOM_API_BASE"] = await fake.baseURL.absoluteString
        env["CXZY_HTTP_LISTEN"] = "127.0.0.1:\(port)"
        env["CXZY_LOG_LEVEL"] = "error"
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try Child.start(process)
        return process
    }

    /// Posts one callback; the HTTP status, or nil when nobody answered (the bot is down).
    static func post(_ cipher: CallbackCipher, port: Int, user: String, text: String, msgID: String) async -> Int? {
        let xml =
            "<xml><ToUserName><![CDATA[wwcxzytestcorp]]></ToUserName><FromUserName><![CDATA[\(user)]]></FromUserName>"
            + "<CreateTime>1286800000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[\(text)]]></Content>"
            + "<MsgId>\(msgID)</MsgId><AgentID>1000002</AgentID></xml>"
        let encrypted = cipher.encrypt(xml)
        let nonce = String(UInt32.random(in: 1...UInt32.max))
        // This machine's clock: the bot refuses a timestamp more than five minutes away from it.
        let timestamp = String(Int(Date().timeIntervalSince1970))
        let signature = cipher.signature(timestamp: timestamp, nonce: nonce, encrypted: encrypted)
        let escaped = signature.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? signature
        guard
            let url = URL(
                string:
                    "http://127.0.0.1:\(port)/wecom/callback?msg_signature=\(escaped)&timestamp=\(timestamp)&nonce=\(nonce)"
            )
        else { return nil }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.timeoutInterval = 5
        request.httpBody = Data(
            WeComXML.envelope(toUser: "wwcxzytestcorp", agentID: "1000002", encrypted: encrypted).utf8)
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }

    @Test("SIGKILL in the middle of 300 callbacks: after a restart and WeCom's retries, every message is handled once")
    func killAndRestart() async throws {
        let fake = FakeWeCom()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-wecom-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rosterFile = dir.appendingPathComponent("roster.csv")
        try Data(Self.roster.utf8).write(to: rosterFile)
        let store = dir.appendingPathComponent("store")
        #expect(try await CLI.run(["roster", "import", rosterFile.path, "--store", store.path]).status == 0)
        let cipher = try CallbackCipher(token: Self.token, encodingAESKey: Self.aesKey, receiveID: fake.corpID)

        let users = Self.users
        let total = 300
        let port = Self.freePort()
        var process = try await start(store, fake: fake, port: port)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var acknowledged = Set<Int>()
        // WeCom posts each message until it is acknowledged; the bot is killed after a third of them. Before the kill
        // a post nobody answers means the bot is still starting: it is posted again, until a minute without answers.
        var answerBy = ContinuousClock.now.advanced(by: .seconds(60))
        var i = 0
        while i < total {
            if i == total / 3 {
                kill(process.processIdentifier, SIGKILL)
                await waitForExit(process, timeout: .seconds(30))
            }
            let status = await Self.post(
                cipher, port: port, user: users[i % users.count], text: "提交 论文 编号\(i)", msgID: "5\(i)")
            if status == 200 { acknowledged.insert(i) }
            if status != nil { answerBy = ContinuousClock.now.advanced(by: .seconds(60)) }
            if status == nil && i < total / 3 {
                try #require(ContinuousClock.now < answerBy, "cxzy run answered no callback for 60 s (at \(i))")
                try await Task.sleep(for: .milliseconds(50))  // still starting
                continue
            }
            i += 1
        }
        #expect(acknowledged.count >= total / 3 - 1)
        #expect(acknowledged.count < total, "the kill should land in the middle")
        let sentBeforeRestart = await fake.sent.count

        process = try await start(store, fake: fake, port: port)
        // WeCom's retries: everything not acknowledged, and (answers lost on the way) some that were.
        for i in 0..<total where !acknowledged.contains(i) || i % 10 == 0 {
            var status: Int?
            for _ in 0..<100 {
                status = await Self.post(
                    cipher, port: port, user: users[i % users.count], text: "提交 论文 编号\(i)", msgID: "5\(i)")
                if status != nil { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(status == 200, "message \(i)")
        }
        let allAnswered = await eventually(60) {
            let texts = Set(await fake.sent.map(\.content))
            return (0..<total).allSatisfy { i in texts.contains { $0.contains("编号\(i)》") } }
        }
        #expect(allAnswered)
        kill(process.processIdentifier, SIGTERM)
        await waitForExit(process, timeout: .seconds(60))  // killed at the deadline: the status below says so
        #expect(process.terminationStatus == 0)

        // Exactly once in the records: one work per message, none lost, none twice.
        let export = try await CLI.run(["export", "--format", "jsonl", "--what", "works", "--store", store.path])
        let titles = export.lines.compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            return object["text"] as? String
        }
        #expect(titles.count == total)
        #expect(Set(titles).count == total)
        // WeCom has no idempotency key: only a reply in flight at the kill may have gone out twice.
        let texts = await fake.sent.map(\.content)
        let repeated = Set(texts.filter { text in texts.filter { $0 == text }.count > 1 })
        #expect(
            repeated.count <= 4, "replies sent twice: \(repeated.count) (sent before the restart: \(sentBeforeRestart))"
        )
        #expect(try await CLI.run(["store", "check", "--store", store.path]).status == 0)
    }
}
