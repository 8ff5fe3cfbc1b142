import BotRuntime
import CampaignCore
import DingTalkFake
import Foundation
import Synchronization
import TestSupport
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A bot booted by `BotService` (the production path) on DingTalk, against a fake DingTalk (open API and Stream
/// gateway) on loopback.
struct DingTalkRig {
    static let roster = """
        工号,姓名,角色,支部,党员,权限,dingtalk
        A001,周建国,行政,党总支,是,管理员,zhoujg
        S001,陈雅琴,一线、班主任,语文支部,是,书记,S001
        T001,李明,一线,语文支部,是,教师,T001
        T002,王芳,一线、班主任,语文支部,是,教师,T002
        T003,张伟,一线,数学支部,否,教师,T003

        """

    let fake: FakeDingTalk
    let serverTask: Task<Void, any Error>
    let store: String
    let bots = BootedBots()

    /// Runs `body` with a fake DingTalk and a store holding `roster`; afterwards, also when `body` throws, stops every
    /// bot still running and the fake, and removes the store.
    static func with(roster: String = DingTalkRig.roster, _ body: (DingTalkRig) async throws -> Void) async throws {
        let fake = FakeDingTalk()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-dingtalk-\(UUID().uuidString)")
            .path
        let rig = DingTalkRig(fake: fake, serverTask: Task { try await fake.serve() }, store: store)
        try await withRig(
            rig, store: store, roster: roster, server: rig.serverTask, bots: rig.bots, ready: { await fake.ready() },
            body)
    }

    func environment(secret: String? = nil, mode: String? = nil) async -> [String: String] {
        var env = [
            "CXZY_DINGTALK_CLIENT_ID": fake.clientID, "CXZY_DINGTALK_CLIENT_SECRET": secret ?? fake.clientSecret,
            "CXZY_DINGTALK_API_BASE": await fake.baseURL.absoluteString,
        ]
        if let mode { env["CXZY_DINGTALK_MODE"] = mode }
        return env
    }

    /// Boots and runs the bot in the background (with an HTTP port in HTTP mode).
    func boot(secret: String? = nil, mode: String? = nil) async throws -> PlatformRig.Booted {
        try await PlatformRig.boot(
            await environment(secret: secret, mode: mode), store: store, http: mode == "http", bots: bots)
    }

    /// Sends a member's text to the bot through the gateway.
    func say(_ user: String, _ text: String, msgID: String, group: String? = nil, atRobot: Bool = true) async {
        await fake.deliver(
            FakeDingTalk.textMessage(from: user, text: text, msgID: msgID, group: group, atRobot: atRobot), msgID: msgID
        )
    }

    private static let lastTimestamp = Mutex(0)

    /// Now in milliseconds, later than every timestamp this gave before: the bot accepts a (timestamp, sign) pair once,
    /// and two requests can be made within one millisecond.
    static func freshTimestamp() -> String {
        let now = Int(Date().timeIntervalSince1970 * 1000)
        return String(
            lastTimestamp.withLock { last in
                last = max(last + 1, now)
                return last
            })
    }

    /// Posts a robot message to the HTTP callback, signed with `secret` at `timestamp` (milliseconds).
    static func post(
        _ url: URL, _ body: String, secret: String,
        timestamp: String = DingTalkRig.freshTimestamp(),
        sign: String? = nil
    ) async throws -> Int {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(timestamp, forHTTPHeaderField: "timestamp")
        request.setValue(sign ?? FakeDingTalk.sign(timestamp: timestamp, secret: secret), forHTTPHeaderField: "sign")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
