@testable import BotRuntime
import CampaignCore
import FeishuFake
import Foundation
import TestSupport
import Testing
import CampaignStorage

/// The event callbacks the tests build, read by Feishu's own SDK, lark-oapi (Tests/Feishu/peer.py; CI installs it in
/// .venv), and by the bot: both must decrypt them alike and give the same verdicts.
@Suite("Feishu callbacks cross-checked with lark-oapi", .serialized)
struct FeishuPeerTests {
    static func peer(_ cases: [FeishuEvents.Callback]) async throws -> [[String: Any]] {
        try await PythonPeer.run(
            script: "Tests/Feishu/peer.py",
            request: [
                "encrypt_key": FeishuRig.encryptKey, "verification_token": FeishuRig.token,
                "cases": cases.map { ["body": $0.body, "headers": $0.headers] },
            ])
    }

    @Test(
        "lark-oapi accepts the good callbacks and refuses a tampered signature and a wrong token, as the bot does; a replayed event_id is handled once",
        .enabled(
            if: try Prerequisite.available(PythonPeer.larkOapi),
            "needs a Python with lark-oapi (.ci/run installs it into .venv)"))
    func againstLarkOapi() async throws {
        try await FeishuRig.with { rig in
            let challenge = FeishuEvents.Callback(
                body: FeishuEvents.encrypted(
                    FeishuEvents.urlVerification(challenge: "c-123", token: FeishuRig.token),
                    encryptKey: FeishuRig.encryptKey), headers: [:])
            let good = rig.callback(FeishuRig.t001, "承诺 教学之星 上好一堂精品课", eventID: "peer-1")
            let group = rig.callback(FeishuRig.t002, "我的进度", eventID: "peer-2", chat: "oc_peergroup")
            var tampered = rig.callback(FeishuRig.t003, "我的进度", eventID: "peer-3")
            tampered.headers["X-Lark-Signature"] = String((tampered.headers["X-Lark-Signature"] ?? "").reversed())
            let wrongToken = rig.callback(FeishuRig.t003, "我的进度", eventID: "peer-4", token: "wrong-token")
            let replay = rig.callback(FeishuRig.t001, "承诺 教学之星 上好一堂精品课", eventID: "peer-1")
            let cases = [challenge, good, group, tampered, wrongToken, replay]
            let results = try await Self.peer(cases)
            try #require(results.count == cases.count)

            // lark-oapi's verdicts: 200 for the good ones (the message reaches its handler), 500 for the refused ones.
            #expect(results[0]["status"] as? Int == 200)
            #expect((results[0]["body"] as? String)?.contains("c-123") == true)
            for index in [1, 2, 5] {
                #expect(results[index]["status"] as? Int == 200, "case \(index)")
                #expect(results[index]["message"] is [String: Any], "case \(index)")
            }
            let message = try #require(results[1]["message"] as? [String: Any])
            #expect(message["open_id"] as? String == FeishuRig.t001)
            #expect(message["event_id"] as? String == "peer-1")
            #expect(message["text"] as? String == "承诺 教学之星 上好一堂精品课")
            #expect((results[2]["message"] as? [String: Any])?["chat_type"] as? String == "group")
            #expect(results[3]["status"] as? Int == 500)
            #expect(results[4]["status"] as? Int == 500)

            // The bot decrypts every body to lark-oapi's plaintext and gives the same verdicts.
            let cipher = FeishuCipher(encryptKey: FeishuRig.encryptKey)
            for (index, callback) in cases.enumerated() {
                let envelope = try JSONSerialization.jsonObject(with: Data(callback.body.utf8)) as? [String: String]
                let encrypt = try #require(envelope?["encrypt"])
                #expect(try cipher.decrypt(encrypt) == results[index]["plaintext"] as? String, "case \(index)")
            }
            let bot = try await rig.boot()
            var statuses: [Int] = []
            for callback in cases { statuses.append(try await FeishuRig.post(bot.events, callback).0) }
            #expect(statuses == [200, 200, 200, 403, 403, 200])
            #expect(await eventually { await rig.fake.sent.count >= 2 })
            #expect(await bot.running.bot.store.state.pledges.count == 1)
            try await bot.stop()
            #expect(await rig.fake.sent.count == 2)
        }
    }
}
