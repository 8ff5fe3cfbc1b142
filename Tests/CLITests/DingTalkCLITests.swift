import BotRuntime
import DingTalkFake
import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// `cxzy run` on DingTalk's Stream mode as a real process: a burst through the fake gateway whose ACKs are lost, so
/// every message the bot has committed is still unacknowledged when it is killed with SIGKILL; after the restart
/// DingTalk delivers them all again.
@Suite("cxzy run on DingTalk", .serialized)
struct DingTalkCLITests {
    static let users = (1...30).map { String(format: "T%03d", $0) }
    static let roster =
        "工号,姓名,角色,支部,党员,权限,dingtalk\n"
        + users.map { "\($0),老师\($0),一线,语文支部,是,教师,\($0)" }.joined(separator: "\n") + "\n"

    static func settings(_ fake: FakeDingTalk) async -> [String: String] {
        [
            "CXZY_DINGTALK_CLIENT_ID": fake.clientID, "CXZY_DINGTALK_CLIENT_SECRET": fake.clientSecret,
            "CXZY_DINGTALK_API_BASE": await fake.baseURL.absoluteString,
            "CXZY_HTTP_LISTEN": "127.0.0.1:\(WeComCLITests.freePort())",
        ]
    }

    @Test(
        "SIGKILL between commit and ACK in a burst of 300: after the restart every message is redelivered, handled once, and answered"
    )
    func killBetweenCommitAndAck() async throws {
        let fake = FakeDingTalk()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let store = try await BotProcess.store(roster: Self.roster, label: "dingtalk-run")

        let total = 300
        var process = try BotProcess.start(store, settings: await Self.settings(fake))
        #expect(await eventually(30) { await fake.liveConnections == 1 })
        // The ACKs are lost on the way: each message the bot commits stays unacknowledged at DingTalk.
        await fake.setLosesAcks(true)
        for i in 0..<total {
            let user = Self.users[i % Self.users.count]
            await fake.deliver(
                FakeDingTalk.textMessage(from: user, text: "提交 科研论文 编号\(i)", msgID: "k\(i)"), msgID: "k\(i)")
        }
        #expect(await eventually(60) { await fake.sent.count >= total / 3 })
        kill(process.processIdentifier, SIGKILL)
        await waitForExit(process, timeout: .seconds(30))
        let answeredBeforeKill = Set(await fake.sent.map(\.content)).count
        #expect(answeredBeforeKill < total, "the kill should land in the middle")
        #expect(await fake.unacknowledged.count == total)

        // The killed bot's last ACKs may still be on their way into the fake (sent before the kill, read after it):
        // ACKs count again only once the fake has seen that connection close, or a late one would acknowledge a
        // message that is then never delivered again.
        #expect(await eventually(30) { await fake.liveConnections == 0 }, "the fake saw the killed bot's socket close")
        await fake.setLosesAcks(false)
        process = try BotProcess.start(store, settings: await Self.settings(fake))
        #expect(await eventually(90) { await fake.unacknowledged.isEmpty })
        #expect(await BotProcess.answered(total) { await fake.sent.map(\.content) })
        kill(process.processIdentifier, SIGTERM)
        await waitForExit(process, timeout: .seconds(60))  // killed at the deadline: the status below says so
        #expect(process.terminationStatus == 0)
        #expect(await fake.pushes.values.filter { $0 > 1 }.count >= answeredBeforeKill, "the committed ones came again")

        // Exactly once in the records: one work per message, none lost, none twice.
        let titles = try await BotProcess.workTexts(store)
        #expect(titles.count == total)
        #expect(Set(titles).count == total)
        // The robot send APIs have no idempotency key: only replies in flight at the kill may have gone out twice —
        // those on the bot's connections and those whose sent mark was still being committed.
        let texts = await fake.sent.map(\.content)
        let repeated = Set(texts.filter { text in texts.filter { $0 == text }.count > 1 })
        #expect(repeated.count <= 2 * DingTalkAPI.connections, "replies sent twice: \(repeated.count)")
        #expect(try await CLI.run(["store", "check", "--store", store.path]).status == 0)
    }
}
