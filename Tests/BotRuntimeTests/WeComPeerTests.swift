import BotRuntime
import CampaignCore
import Foundation
import Testing
import TestSupport
import WeComFake
import CampaignStorage

/// The bot against callbacks made by WeCom's own Python SDK, wechatpy (Tests/WeCom/peer.py; CI installs it in .venv).
@Suite("WeCom callbacks made by wechatpy", .serialized)
struct WeComPeerTests {
    static func peer(corpID: String, _ cases: [[String: Any]]) async throws -> [[String: Any]] {
        try await CallbackCipherPeerTests.peer([
            "token": WeComRig.token, "aes_key": WeComRig.aesKey, "corp_id": corpID, "cases": cases,
        ])
    }

    static func callback(_ result: [String: Any], timestamp: String, nonce: String) throws -> WeComRig.Callback {
        let signature = try #require(result["msg_signature"] as? String)
        let body = try #require(result["body"] as? String)
        return WeComRig.Callback(
            query: [("msg_signature", signature), ("timestamp", timestamp), ("nonce", nonce)], body: body)
    }

    @Test(
        "wechatpy's echostr and messages are accepted; tampering, another corp, cut or re-padded ciphertexts and a replayed MsgId are answered right",
        .enabled(
            if: try Prerequisite.available(PythonPeer.wechatpy),
            "needs a Python with wechatpy (.ci/run installs it into .venv)")
    )
    func againstWechatpy() async throws {
        try await WeComRig.with { rig in
            let corp = rig.fake.corpID
            let progress = WeComRig.textXML(from: "T001", text: "承诺 教学之星 上好一堂精品课", msgID: "6100000000000000001")
            // Messages are signed at this machine's time: the bot refuses timestamps more than five minutes away.
            let now = Int(Date().timeIntervalSince1970)
            let (first, second, third) = (String(now), String(now + 7), String(now + 17))
            let results = try await Self.peer(
                corpID: corp,
                [
                    [
                        "kind": "echo", "echostr_plain": "1616140317555161061", "timestamp": "1409659589",
                        "nonce": "263014780",
                    ],
                    [
                        "kind": "message", "xml": progress, "timestamp": first, "nonce": "1372623149",
                        "agent_id": String(WeComRig.agentID),
                    ],
                    [
                        "kind": "message", "xml": progress, "timestamp": second, "nonce": "1372623150",
                        "agent_id": String(WeComRig.agentID),
                    ],
                ])
            let foreign = try await Self.peer(
                corpID: "wwanothercorp",
                [
                    [
                        "kind": "message", "xml": progress, "timestamp": third, "nonce": "77",
                        "agent_id": String(WeComRig.agentID),
                    ]
                ])
            let bot = try await rig.boot()

            let echostr = try #require(results[0]["echostr"] as? String)
            let echoSignature = try #require(results[0]["msg_signature"] as? String)
            let verified = try await WeComRig.get(
                bot.callbackURL,
                [
                    ("msg_signature", echoSignature), ("timestamp", "1409659589"),
                    ("nonce", "263014780"), ("echostr", echostr),
                ])
            #expect(verified.0 == 200 && verified.1 == "1616140317555161061")

            // Refused before anything is stored.
            var tampered = try Self.callback(results[1], timestamp: first, nonce: "1372623149")
            tampered.query[0].1 = String(tampered.query[0].1.reversed())
            #expect(try await WeComRig.post(bot.callbackURL, tampered).0 == 403)
            #expect(
                try await WeComRig.post(
                    bot.callbackURL, try Self.callback(foreign[0], timestamp: third, nonce: "77")
                ).0 == 403)
            let encrypt = try #require(results[1]["encrypt"] as? String)
            let bytes = try #require(Data(base64Encoded: encrypt))
            for damaged in [bytes.prefix(bytes.count - 32), bytes + bytes.prefix(16), bytes.prefix(bytes.count - 7)] {
                let sealed = damaged.base64EncodedString()
                let status = try await WeComRig.post(bot.callbackURL, rig.callback(progress, encrypted: sealed)).0
                #expect(status == 400 || status == 403)
            }
            #expect(await bot.running.bot.store.state.pledges.isEmpty)

            // Accepted once, though WeCom (here: wechatpy, encrypting afresh) delivers it twice.
            #expect(
                try await WeComRig.post(
                    bot.callbackURL, try Self.callback(results[1], timestamp: first, nonce: "1372623149")
                ).0 == 200)
            #expect(
                try await WeComRig.post(
                    bot.callbackURL, try Self.callback(results[2], timestamp: second, nonce: "1372623150")
                ).0 == 200)
            #expect(await eventually { await rig.fake.sent(to: "T001").count >= 1 })
            #expect(await bot.running.bot.store.state.pledges.count == 1)
            try await bot.stop()
            #expect(await rig.fake.sent(to: "T001").count == 1)
        }
    }
}
