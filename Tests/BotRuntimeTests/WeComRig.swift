import BotRuntime
import CampaignCore
import Foundation
import Logging
import TestSupport
import WeComFake
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A bot booted by `BotService` (the production path) on WeCom, against a fake WeCom API on loopback, with callbacks
/// built and signed as WeCom builds them.
struct WeComRig {
    static let roster = """
        工号,姓名,角色,支部,党员,权限,wecom
        A001,周建国,行政,党总支,是,管理员,zhoujg
        S001,陈雅琴,一线、班主任,语文支部,是,书记,S001
        T001,李明,一线,语文支部,是,教师,T001
        T002,王芳,一线、班主任,语文支部,是,教师,T002
        T003,张伟,一线,数学支部,否,教师,T003

        """
    static let token = "QDG6eK"
    static let aesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
    static let agentID = 1000002

    let fake: FakeWeCom
    let serverTask: Task<Void, any Error>
    let store: String
    let cipher: CallbackCipher
    let bots = BootedBots()

    /// Runs `body` with a fake WeCom API and a store holding `roster`; afterwards, also when `body` throws, stops
    /// every bot still running and the fake, and removes the store.
    static func with(roster: String = WeComRig.roster, _ body: (WeComRig) async throws -> Void) async throws {
        let fake = FakeWeCom()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-wecom-\(UUID().uuidString)")
            .path
        let cipher = try CallbackCipher(token: token, encodingAESKey: aesKey, receiveID: fake.corpID)
        let rig = WeComRig(fake: fake, serverTask: Task { try await fake.serve() }, store: store, cipher: cipher)
        try await withRig(
            rig, store: store, roster: roster, server: rig.serverTask, bots: rig.bots, ready: { await fake.ready() },
            body)
    }

    func environment(secret: String? = nil, robot: Bool = false) async -> [String: String] {
        var env = [
            "CXZY_WECOM_CORP_ID": fake.corpID, "CXZY_WECOM_AGENT_ID": String(Self.agentID),
            "CXZY_WECOM_SECRET": secret ?? fake.secret, "CXZY_WECOM_TOKEN": Self.token,
            "CXZY_WECOM_AES_KEY": Self.aesKey, "CXZY_WECOM_API_BASE": await fake.baseURL.absoluteString,
        ]
        if robot { env["CXZY_WECOM_ROBOT_KEY"] = fake.robotKey }
        return env
    }

    /// Boots and runs the bot in the background on an HTTP port of its own; `now` is in the campaign (phase 2).
    /// `extra`: more settings in the environment (the back office's address).
    func boot(
        secret: String? = nil, robot: Bool = false, renderer: (any MediaRenderer)? = nil, extra: [String: String] = [:]
    ) async throws -> Booted {
        let config = try Configuration.load(
            file: nil, environment: await environment(secret: secret, robot: robot).merging(extra) { _, new in new },
            store: store, httpListen: "127.0.0.1:0")
        var logger = Logger(label: "bot")
        logger.logLevel = .error
        let clock = SystemClock(startingAt: CampaignTime.parse("2010-10-11T09:00:00+08:00"))
        let port = PortBox()
        let running = try await BotService.prepare(
            config: config, campaign: .builtInWithoutDigest, clock: clock, logger: logger, signals: [],
            renderer: renderer, onHTTP: { await port.set($0) })
        let task = Task { try await running.run() }
        _ = await eventually { await port.value != 0 }
        let url = URL(string: "http://127.0.0.1:\(await port.value)/wecom/callback")!
        await bots.add(running, task)
        return Booted(running: running, task: task, callbackURL: url)
    }

    struct Booted {
        let running: BotService.Running
        let task: Task<Void, any Error>
        let callbackURL: URL

        func stop() async throws {
            await running.shutdown()
            try await task.value
        }
    }

    /// The decrypted XML of a member's text message.
    static func textXML(from user: String, text: String, msgID: String, agentID: Int = agentID) -> String {
        "<xml><ToUserName><![CDATA[wwcxzytestcorp]]></ToUserName><FromUserName><![CDATA[\(user)]]></FromUserName>"
            + "<CreateTime>1286800000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[\(text)]]></Content>"
            + "<MsgId>\(msgID)</MsgId><AgentID>\(agentID)</AgentID></xml>"
    }

    static func eventXML(from user: String, event: String) -> String {
        "<xml><ToUserName><![CDATA[wwcxzytestcorp]]></ToUserName><FromUserName><![CDATA[\(user)]]></FromUserName>"
            + "<CreateTime>1286800001</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[\(event)]]></Event>"
            + "<AgentID>\(agentID)</AgentID></xml>"
    }

    /// A callback as WeCom posts it: query `msg_signature`, `timestamp`, `nonce`; body the envelope with `Encrypt`.
    struct Callback {
        var query: [(String, String)]
        var body: String
    }

    func callback(_ xml: String, cipher: CallbackCipher? = nil, encrypted: String? = nil, signature: String? = nil)
        -> Callback
    {
        let cipher = cipher ?? self.cipher
        let encrypted = encrypted ?? cipher.encrypt(xml)
        // This machine's clock: the bot refuses a timestamp more than five minutes away from it.
        let timestamp = String(Int(Date().timeIntervalSince1970)), nonce = String(UInt32.random(in: 1...UInt32.max))
        let signature = signature ?? self.cipher.signature(timestamp: timestamp, nonce: nonce, encrypted: encrypted)
        return Callback(
            query: [("msg_signature", signature), ("timestamp", timestamp), ("nonce", nonce)],
            body: WeComXML.envelope(toUser: fake.corpID, agentID: String(Self.agentID), encrypted: encrypted))
    }

    static func url(_ base: URL, _ query: [(String, String)]) -> URL {
        let allowed = CharacterSet.alphanumerics
        let text = query.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(
            separator: "&")
        return URL(string: base.absoluteString + "?" + text)!
    }

    /// Posts a callback; returns the status and the body.
    static func post(_ base: URL, _ callback: Callback) async throws -> (Int, String) {
        var request = URLRequest(url: url(base, callback.query))
        request.httpMethod = "POST"
        request.httpBody = Data(callback.body.utf8)
        request.setValue("text/xml", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    static func get(_ base: URL, _ query: [(String, String)]) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: url(base, query))
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
