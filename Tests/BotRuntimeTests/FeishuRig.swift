import BotRuntime
import CampaignCore
import FeishuFake
import Foundation
import TestSupport
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A bot booted by `BotService` (the production path) on Feishu, against a fake Feishu API on loopback, with event
/// callbacks built, encrypted and signed as Feishu builds them.
struct FeishuRig {
    static let t001 = "ou_t0010000000000000000000000000001"
    static let t002 = "ou_t0020000000000000000000000000002"
    static let t003 = "ou_t0030000000000000000000000000003"
    static let s001 = "ou_s0010000000000000000000000000001"
    static let a001 = "ou_a0010000000000000000000000000001"
    static let roster = """
        工号,姓名,角色,支部,党员,权限,feishu
        A001,周建国,行政,党总支,是,管理员,\(a001)
        S001,陈雅琴,一线、班主任,语文支部,是,书记,\(s001)
        T001,李明,一线,语文支部,是,教师,\(t001)
        T002,王芳,一线、班主任,语文支部,是,教师,\(t002)
        T003,张伟,一线,数学支部,否,教师,\(t003)

        """
    static let encryptKey = "kTr8cxzyEncryptKeyForTests"
    static let token = "vToken-cxzy-tests"

    let fake: FakeFeishu
    let serverTask: Task<Void, any Error>
    let store: String
    let bots = BootedBots()

    /// Runs `body` with a fake Feishu API and a store holding the roster; afterwards, also when `body` throws, stops
    /// every bot still running and the fake, and removes the store.
    static func with(_ body: (FeishuRig) async throws -> Void) async throws {
        let fake = FakeFeishu()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-feishu-\(UUID().uuidString)")
            .path
        let rig = FeishuRig(fake: fake, serverTask: Task { try await fake.serve() }, store: store)
        try await withRig(
            rig, store: store, roster: roster, server: rig.serverTask, bots: rig.bots, ready: { await fake.ready() },
            body)
    }

    func environment(secret: String? = nil, encrypted: Bool = true) async -> [String: String] {
        var env = [
            "CXZY_FEISHU_APP_ID": fake.appID, "CXZY_FEISHU_APP_SECRET": secret ?? fake.appSecret,
            "CXZY_FEISHU_VERIFICATION_TOKEN": Self.token, "CXZY_FEISHU_API_BASE": await fake.baseURL.absoluteString,
        ]
        if encrypted { env["CXZY_FEISHU_ENCRYPT_KEY"] = Self.encryptKey }
        return env
    }

    /// Boots and runs the bot in the background on an HTTP port of its own.
    func boot(secret: String? = nil, encrypted: Bool = true, renderer: (any MediaRenderer)? = nil) async throws
        -> PlatformRig.Booted
    {
        try await PlatformRig.boot(
            await environment(secret: secret, encrypted: encrypted), store: store, http: true, bots: bots,
            renderer: renderer)
    }

    /// A member's text message as Feishu posts it: encrypted and signed.
    func callback(
        _ user: String, _ text: String, eventID: String, messageID: String? = nil, chat: String? = nil,
        mentionBot: Bool = true, token: String = FeishuRig.token
    ) -> FeishuEvents.Callback {
        let plain = FeishuEvents.message(
            eventID: eventID, token: token, from: user, text: text, messageID: messageID ?? "om_\(eventID)",
            chat: chat, mention: chat != nil && mentionBot ? fake.botOpenID : nil)
        return FeishuEvents.signed(
            FeishuEvents.encrypted(plain, encryptKey: Self.encryptKey), encryptKey: Self.encryptKey)
    }

    /// Posts a callback; the status and the body.
    static func post(_ url: URL, _ callback: FeishuEvents.Callback) async throws -> (Int, String) {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(callback.body.utf8)
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        for (name, value) in callback.headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}

extension PlatformRig.Booted {
    /// The bot's event request URL.
    var events: URL { url("/feishu/events") }
}
