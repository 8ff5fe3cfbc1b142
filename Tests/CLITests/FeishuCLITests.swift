import BotRuntime
import FeishuFake
import Foundation
import Testing
import TestSupport
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `cxzy run` on Feishu as a real process: events posted as Feishu posts them (encrypted, signed), SIGKILL in the
/// middle, a restart, Feishu's retries of everything not answered; every reply arrives once, because each carries its
/// outbox id as `uuid`.
@Suite("cxzy run on Feishu", .serialized)
struct FeishuCLITests {
    static let users = (1...30).map { String(format: "ou_t%030d", $0) }
    static let roster =
        "工号,姓名,角色,支部,党员,权限,feishu\n"
        + users.enumerated().map { "T\($0.offset),老师\($0.offset),一线,语文支部,是,教师,\($0.element)" }.joined(separator: "\n")
        + "\n"
    static let encryptKey = "cli-encrypt-key"
    static let token = "cli-verification-token"

    static func settings(_ fake: FakeFeishu, port: Int) async -> [String: String] {
        [
            "CXZY_FEISHU_APP_ID": fake.appID, "CXZY_FEISHU_APP_SECRET": fake.appSecret,
            "CXZY_FEISHU_ENCRYPT_KEY": encryptKey,
            "CXZY_FEISHU_VERIFICATION_TOKEN": token, "CXZY_FEISHU_API_BASE": await fake.baseURL.absoluteString,
            "CXZY_HTTP_LISTEN": "127.0.0.1:\(port)",
        ]
    }

    /// Posts event `i` (paper number `i` from one of the thirty); the HTTP status, or nil when nobody answered.
    static func post(_ i: Int, port: Int) async -> Int? {
        let plain = FeishuEvents.message(
            eventID: "ev\(i)", token: token, from: users[i % users.count], text: "提交 科研论文 编号\(i)",
            messageID: "om_ev\(i)")
        let callback = FeishuEvents.signed(
            FeishuEvents.encrypted(plain, encryptKey: encryptKey), encryptKey: encryptKey)
        guard let url = URL(string: "http://127.0.0.1:\(port)/feishu/events") else { return nil }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.timeoutInterval = 5
        request.httpBody = Data(callback.body.utf8)
        for (name, value) in callback.headers { request.setValue(value, forHTTPHeaderField: name) }
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }

    /// Posts event `i` until the bot answers (it may be starting up): Feishu's retries.
    static func deliver(_ i: Int, port: Int) async -> Int? {
        for _ in 0..<100 {
            if let status = await post(i, port: port) { return status }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    @Test(
        "SIGKILL in the middle of 300 events: after a restart and Feishu's retries, every message is handled once and every reply arrives once"
    )
    func killMidBurst() async throws {
        let fake = FakeFeishu()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let store = try await BotProcess.store(roster: Self.roster, label: "feishu-run")

        let total = 300
        let port = WeComCLITests.freePort()
        var process = try BotProcess.start(store, settings: await Self.settings(fake, port: port))
        var answered = Set<Int>()
        for i in 0..<total {
            if i == total / 3 {
                kill(process.processIdentifier, SIGKILL)
                await waitForExit(process, timeout: .seconds(30))
            }
            // Before the kill the bot may still be starting: wait for it. After, nobody answers.
            let status = i < total / 3 ? await Self.deliver(i, port: port) : await Self.post(i, port: port)
            if status == 200 { answered.insert(i) }
        }
        #expect(answered.count >= total / 3 - 1)
        #expect(answered.count < total, "the kill should land in the middle")

        process = try BotProcess.start(store, settings: await Self.settings(fake, port: port))
        // Feishu's retries: every event not answered, and (answers lost on the way) some that were.
        for i in 0..<total where !answered.contains(i) || i % 10 == 0 {
            #expect(await Self.deliver(i, port: port) == 200, "event \(i)")
        }
        #expect(await BotProcess.answered(total) { await fake.sent.map(\.text) })
        kill(process.processIdentifier, SIGTERM)
        await waitForExit(process, timeout: .seconds(60))  // killed at the deadline: the status below says so
        #expect(process.terminationStatus == 0)

        let titles = try await BotProcess.workTexts(store)
        #expect(titles.count == total)
        #expect(Set(titles).count == total)
        // Exactly once on the way out too: a reply resent after the kill carries the same uuid and is not sent again.
        let texts = await fake.sent.map(\.text)
        #expect(texts.count == total)
        #expect(Set(texts).count == total)
        #expect(try await CLI.run(["store", "check", "--store", store.path]).status == 0)
    }
}
