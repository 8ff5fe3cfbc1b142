import Foundation
import Testing
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway Synapse started by `Tests/Matrix/synapse.sh` (installed by `.ci/run` into `.venv`).
enum Synapse {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = repo.appendingPathComponent("Tests/Matrix/synapse.sh")

    /// Runs the script (`start` waits for Synapse to answer, `register` makes a user) and returns what it printed,
    /// waiting without holding a thread of the cooperative pool; killed, and an error, after `timeout`.
    static func sh(_ args: [String], timeout: Duration = .seconds(300)) async throws -> String {
        let run = try Run(args)
        defer { run.remove() }
        let exited = await waitForExit(run.process, timeout: timeout)
        return try run.result(exited: exited, timeout: timeout)
    }

    /// `sh(["stop", dir])` for a `defer`, which cannot `await`: a bounded blocking wait (stopping takes a moment).
    static func stop(_ dir: String) {
        guard let run = try? Run(["stop", dir]) else { return }
        defer { run.remove() }
        waitForExitBlocking(run.process, timeout: .seconds(60))
    }

    /// One run of the script, its output in files, not pipes: Synapse and its watchdog outlive the script and would
    /// keep a pipe open forever.
    private struct Run {
        let args: [String]
        let process = Process()
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent(
            "synapse-sh-\(UUID().uuidString).out")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent(
            "synapse-sh-\(UUID().uuidString).err")

        init(_ args: [String]) throws {
            self.args = args
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            process.executableURL = script
            process.arguments = args
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            do { try Child.start(process) } catch {
                remove()
                throw error
            }
        }

        func result(exited: Bool, timeout: Duration) throws -> String {
            let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
            guard exited else { throw CLIError("synapse.sh \(args.first ?? "") did not finish within \(timeout)") }
            guard process.terminationStatus == 0 else {
                throw CLIError(
                    "synapse.sh \(args.first ?? "") failed: \((try? String(contentsOf: errURL, encoding: .utf8)) ?? "")"
                )
            }
            return output.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func remove() {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A person's Matrix client, speaking plain Client-Server API.
struct MatrixClient {
    let base: String
    let token: String
    let userID: String

    static func login(_ base: String, _ user: String, _ password: String) async throws -> MatrixClient {
        let body =
            ["type": "m.login.password", "identifier": ["type": "m.id.user", "user": user], "password": password]
            as [String: Any]
        let answer = try await call(base, "POST", "/_matrix/client/v3/login", token: nil, body: body)
        return MatrixClient(
            base: base, token: answer["access_token"] as? String ?? "", userID: answer["user_id"] as? String ?? "")
    }

    static func call(_ base: String, _ method: String, _ path: String, token: String?, body: [String: Any]? = nil)
        async throws -> [String: Any]
    {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body { request.httpBody = try JSONSerialization.data(withJSONObject: body) }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw CLIError("\(method) \(path): \(String(decoding: data, as: UTF8.self))")
        }
        return (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        try await Self.call(base, method, path, token: token, body: body)
    }

    static func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }

    func createRoom(invite: [String], direct: Bool) async throws -> String {
        let answer = try await call(
            "POST", "/_matrix/client/v3/createRoom",
            ["preset": direct ? "trusted_private_chat" : "private_chat", "is_direct": direct, "invite": invite])
        return answer["room_id"] as? String ?? ""
    }

    func join(_ room: String) async throws {
        _ = try await call("POST", "/_matrix/client/v3/rooms/\(Self.escape(room))/join", [:])
    }

    @discardableResult
    func send(_ room: String, _ text: String) async throws -> String {
        let answer = try await call(
            "PUT", "/_matrix/client/v3/rooms/\(Self.escape(room))/send/m.room.message/t\(UUID().uuidString)",
            ["msgtype": "m.text", "body": text])
        return answer["event_id"] as? String ?? ""
    }

    struct Message { let sender: String; let body: String; let inReplyTo: String? }

    /// The room's text messages, oldest first.
    func messages(_ room: String) async throws -> [Message] {
        let answer = try await call("GET", "/_matrix/client/v3/rooms/\(Self.escape(room))/messages?dir=b&limit=200")
        let chunk = answer["chunk"] as? [[String: Any]] ?? []
        return chunk.reversed().compactMap { e in
            guard e["type"] as? String == "m.room.message", let content = e["content"] as? [String: Any],
                let body = content["body"] as? String
            else { return nil }
            let relates = (content["m.relates_to"] as? [String: Any])?["m.in_reply_to"] as? [String: Any]
            return Message(sender: e["sender"] as? String ?? "", body: body, inReplyTo: relates?["event_id"] as? String)
        }
    }

    func members(_ room: String) async throws -> [String] {
        let answer = try await call("GET", "/_matrix/client/v3/rooms/\(Self.escape(room))/joined_members")
        return Array((answer["joined"] as? [String: Any] ?? [:]).keys)
    }

    func invitedRooms() async throws -> [String] {
        let answer = try await call("GET", "/_matrix/client/v3/sync?timeout=0")
        return Array(((answer["rooms"] as? [String: Any])?["invite"] as? [String: Any] ?? [:]).keys)
    }
}

@Suite(
    "Matrix against a real Synapse", .serialized,
    .enabled(
        if: try Prerequisite.available(.synapse),
        "Synapse is not installed here (run Tests/Matrix/synapse.sh install; .ci/run does): Matrix integration tests skipped"
    ))
struct MatrixSynapseTests {
    func startBot(_ base: String, store: URL, now: String) throws -> Process {
        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = ["run", "--store", store.path, "--now", now]
        var env = ProcessInfo.processInfo.environment
        env["CXZY_MATRIX_HOMESERVER"] = base
        env["CXZY_MATRIX_USER"] = "cxzy"
        env["CXZY_MATRIX_PASSWORD"] = "bot-password"
        env["CXZY_LOG_LEVEL"] = "warning"
        for key in env.keys where key.hasPrefix("CXZY_TELEGRAM") { env[key] = nil }
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try Child.start(p)
        return p
    }

    func reply(in client: MatrixClient, _ room: String, to event: String, _ seconds: Double = 20) async -> String? {
        let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
        while ContinuousClock.now < deadline {
            if let m = try? await client.messages(room).first(where: { $0.inReplyTo == event }) { return m.body }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    @Test("a teacher and an admin use the bot over Matrix; a SIGKILL loses and repeats nothing; reminders arrive")
    func endToEnd() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-matrix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let base = try await Synapse.sh(["start", dir.appendingPathComponent("synapse").path])
        defer { Synapse.stop(dir.appendingPathComponent("synapse").path) }
        for (user, password) in [
            ("cxzy", "bot-password"), ("li", "li-password"), ("zhou", "zhou-password"), ("stranger", "s-password"),
        ] {
            _ = try await Synapse.sh(["register", dir.appendingPathComponent("synapse").path, user, password])
        }
        let roster = dir.appendingPathComponent("roster.csv")
        try Data("工号,姓名,角色,支部,党员,权限,matrix\nA001,周建国,行政,党总支,是,管理员,@zhou:localhost\nT001,李明,一线,语文支部,是,教师,\n".utf8).write(
            to: roster)
        let store = dir.appendingPathComponent("store")
        let imported = try await CLI.run(["roster", "import", roster.path, "--store", store.path])
        let code = try #require(
            imported.lines.first { $0.contains("T001") }?.split(separator: "\t").last.map(String.init))

        // Just before 08:00 on 30 June 2010: the 七一 reminder (one day before) falls due about ten seconds in.
        var bot = try startBot(base, store: store, now: "2010-06-30T07:59:50+08:00")
        defer { if bot.isRunning { kill(bot.processIdentifier, SIGKILL) } }

        let li = try await MatrixClient.login(base, "li", "li-password")
        let room = try await li.createRoom(invite: ["@cxzy:localhost"], direct: true)
        let joined = await eventually(20) { (try? await li.members(room).contains("@cxzy:localhost")) == true }
        #expect(joined, "the bot accepts a direct chat from the school's server")

        var e = try await li.send(room, "绑定 T001 \(code)")
        #expect(await reply(in: li, room, to: e)?.contains("绑定成功") == true)
        e = try await li.send(room, "承诺 教学之星 上好一堂精品课")
        #expect(await reply(in: li, room, to: e)?.contains("P-0001") == true)
        e = try await li.send(room, "预约示范课 7月9日 第3节 高二3班 函数")  // the summer vacation starts on 7月10日
        #expect(await reply(in: li, room, to: e)?.contains("L-0001") == true)
        e = try await li.send(room, "家访 昨天 王同学 上门")
        #expect(await reply(in: li, room, to: e)?.contains("V-0001") == true)
        e = try await li.send(room, "我的进度")
        #expect(await reply(in: li, room, to: e)?.contains("教学之星（P-0001）") == true)

        // A burst, and SIGKILL in the middle of it; the restarted bot answers each message exactly once.
        var events: [String] = []
        for i in 0..<6 { events.append(try await li.send(room, "提交 论文 编号\(i)")) }
        _ = await eventually(10) {
            ((try? await li.messages(room))?.filter { $0.body.contains("已登记成果") }.count ?? 0) >= 2
        }
        kill(bot.processIdentifier, SIGKILL)
        await waitForExit(bot, timeout: .seconds(30))
        bot = try startBot(base, store: store, now: "2010-06-30T08:00:30+08:00")
        for (i, event) in events.enumerated() {
            let body = await reply(in: li, room, to: event, 30)
            #expect(body?.contains("编号\(i)") == true, "message \(i) answered")
        }
        let works = try await li.messages(room).filter { $0.body.contains("已登记成果") }
        #expect(works.count == 6, "no reply twice: \(works.map(\.body))")
        #expect(Set(works.map(\.body)).count == 6)

        // The admin: his direct room was opened by the bot, and the 七一 reminder is in it.
        let zhou = try await MatrixClient.login(base, "zhou", "zhou-password")
        let invited = try await zhou.invitedRooms()
        #expect(!invited.isEmpty, "the bot opened a direct room for the admin")
        for r in invited { try await zhou.join(r) }
        let reminded = await eventually(30) {
            for r in invited
            where (try? await zhou.messages(r).contains { $0.body.contains("七一") && $0.sender == "@cxzy:localhost" })
                == true
            {
                return true
            }
            return false
        }
        #expect(reminded, "the 七一 reminder arrives over Matrix")

        // Stats in a group room: only with a mention.
        let group = try await zhou.createRoom(invite: ["@cxzy:localhost", "@li:localhost"], direct: false)
        try await li.join(group)
        #expect(await eventually(20) { (try? await zhou.members(group).count) == 3 })
        try await zhou.send(group, "统计")
        let asked = try await zhou.send(group, "cxzy: 统计")
        let stats = await reply(in: zhou, group, to: asked)
        #expect(stats?.contains("统计") == true || stats?.contains("Statistics") == true)
        let botLines = try await zhou.messages(group).filter { $0.sender == "@cxzy:localhost" }
        #expect(botLines.count == 1, "a group message without a mention is not answered")

        // Someone from another server, or not on the roster, inviting to a group is declined.
        let stranger = try await MatrixClient.login(base, "stranger", "s-password")
        let strangerRoom = try await stranger.createRoom(invite: ["@cxzy:localhost"], direct: false)
        let declined = await eventually(20) {
            let answer = try? await stranger.call(
                "GET", "/_matrix/client/v3/rooms/\(MatrixClient.escape(strangerRoom))/members")
            let chunk = answer?["chunk"] as? [[String: Any]] ?? []
            return chunk.contains {
                ($0["state_key"] as? String) == "@cxzy:localhost"
                    && ($0["content"] as? [String: Any])?["membership"] as? String == "leave"
            }
        }
        #expect(declined)

        kill(bot.processIdentifier, SIGTERM)
        await waitForExit(bot, timeout: .seconds(60))  // killed at the deadline: the status below says so
        #expect(bot.terminationStatus == 0)
    }
}
