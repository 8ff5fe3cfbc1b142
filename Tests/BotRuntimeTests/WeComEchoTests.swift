import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import Testing
import TestSupport
import WeComFake

/// URL verification echoes the decrypted echostr. A message's `Encrypt` is signed like an echostr, so a captured
/// message replayed as echostr must not come back in plaintext: only WeCom's short random string is echoed.
@Suite("WeCom URL verification echoes only a verification string", .serialized)
struct WeComEchoTests {
    /// Runs `body` with the rig's bot booted for `corpID` (the official vectors are sealed for their own corp id).
    static func withBot(corpID: String, _ body: (WeComRig, WeComRig.Booted) async throws -> Void) async throws {
        let fake = FakeWeCom(corpID: corpID)
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-wecom-\(UUID().uuidString)")
            .path
        let cipher = try CallbackCipher(token: WeComRig.token, encodingAESKey: WeComRig.aesKey, receiveID: corpID)
        let rig = WeComRig(fake: fake, serverTask: Task { try await fake.serve() }, store: store, cipher: cipher)
        try await withRig(
            rig, store: store, roster: WeComRig.roster, server: rig.serverTask, bots: rig.bots,
            ready: { await fake.ready() }
        ) { rig in
            let bot = try await rig.boot()
            try await body(rig, bot)
            try await bot.stop()
        }
    }

    static func verify(_ bot: WeComRig.Booted, signature: String, timestamp: String, nonce: String, echostr: String)
        async throws -> (Int, String)
    {
        try await WeComRig.get(
            bot.callbackURL,
            [("msg_signature", signature), ("timestamp", timestamp), ("nonce", nonce), ("echostr", echostr)])
    }

    @Test(
        "official vectors: the verification echoes its string; the sample message replayed as echostr gets 400 without any of it"
    )
    func officialVectors() async throws {
        let vectors = try PlatformVectors.load()
        let w = vectors.wecom
        #expect(w.token == WeComRig.token && w.encodingAesKey == WeComRig.aesKey)
        try await Self.withBot(corpID: w.receiveId) { _, bot in
            let before = await settledSequence(bot.running.bot.store)
            let genuine = try await Self.verify(
                bot, signature: w.urlVerification.msgSignature, timestamp: w.urlVerification.timestamp,
                nonce: w.urlVerification.nonce, echostr: w.urlVerification.echostr)
            #expect(genuine.0 == 200)
            #expect(genuine.1 == w.urlVerification.plaintext)

            // The captured POST's own signature, timestamp and nonce, its Encrypt as the echostr.
            let replay = try await Self.verify(
                bot, signature: w.message.msgSignature, timestamp: w.message.timestamp, nonce: w.message.nonce,
                echostr: w.message.encrypt)
            #expect(replay.0 == 400)
            #expect(replay.1.utf8.count <= 64)
            for secret in ["mycreate", "hello", "xml", "4561255354251345929", "CDATA", w.receiveId] {
                #expect(!replay.1.contains(secret), "the answer leaks \(secret)")
            }
            #expect(await bot.running.bot.store.lastSequence == before)
        }
    }

    @Test("a member's message sealed by the bot's corp replayed as echostr: 400; short non-XML strings still echo")
    func replayedMessageAndEdges() async throws {
        try await WeComRig.with { rig in
            let bot = try await rig.boot()
            let xml = WeComRig.textXML(from: "T001", text: "承诺 教学之星 上好一堂精品课", msgID: "4561255354251345101")
            let captured = rig.callback(xml)
            let query = Dictionary(uniqueKeysWithValues: captured.query)
            let encrypt = try #require(WeComXML.fields(captured.body)["Encrypt"])
            let replay = try await Self.verify(
                bot, signature: try #require(query["msg_signature"]), timestamp: try #require(query["timestamp"]),
                nonce: try #require(query["nonce"]), echostr: encrypt)
            #expect(replay.0 == 400)
            for secret in ["T001", "教学之星", "承诺", "4561255354251345101", "xml"] {
                #expect(!replay.1.contains(secret), "the answer leaks \(secret)")
            }

            func echo(_ plain: String) async throws -> (Int, String) {
                let sealed = rig.cipher.encrypt(plain)
                let signature = rig.cipher.signature(timestamp: "1409659589", nonce: "263014780", encrypted: sealed)
                return try await Self.verify(
                    bot, signature: signature, timestamp: "1409659589", nonce: "263014780", echostr: sealed)
            }
            let longest = String(repeating: "7", count: 128)
            #expect(try await echo(longest) == (200, longest))
            #expect(try await echo("Ab3dE9xYz") == (200, "Ab3dE9xYz"))
            #expect(try await echo(longest + "7").0 == 400)
            #expect(try await echo("<a/>").0 == 400)
            #expect(try await echo("  <b>1</b>").0 == 400)
            #expect(try await echo("1<XML>2").0 == 400)
            // The message itself still goes through its own route, once.
            #expect(try await WeComRig.post(bot.callbackURL, captured).0 == 200)
            #expect(await bot.running.bot.store.state.pledges.count == 1)
            try await bot.stop()
        }
    }

    @Test(
        "wechatpy: its URL verification echoes; its message's Encrypt replayed as echostr gets 400 without any of it",
        .enabled(if: CallbackCipherPeerTests.available, "needs a Python with wechatpy (.ci/run installs it into .venv)")
    )
    func againstWechatpy() async throws {
        try await WeComRig.with { rig in
            let xml = WeComRig.textXML(from: "T002", text: "预约示范课 10月12日 第3节 高二3班 函数", msgID: "6100000000000000777")
            let results = try await WeComPeerTests.peer(
                corpID: rig.fake.corpID,
                [
                    [
                        "kind": "echo", "echostr_plain": "5927430881562193117", "timestamp": "1409659589",
                        "nonce": "263014780",
                    ],
                    [
                        "kind": "message", "xml": xml, "timestamp": "1409659813", "nonce": "1372623149",
                        "agent_id": String(WeComRig.agentID),
                    ],
                ])
            let bot = try await rig.boot()
            let before = await settledSequence(bot.running.bot.store)
            let genuine = try await Self.verify(
                bot, signature: try #require(results[0]["msg_signature"] as? String), timestamp: "1409659589",
                nonce: "263014780", echostr: try #require(results[0]["echostr"] as? String))
            #expect(genuine.0 == 200 && genuine.1 == "5927430881562193117")
            let replay = try await Self.verify(
                bot, signature: try #require(results[1]["msg_signature"] as? String), timestamp: "1409659813",
                nonce: "1372623149", echostr: try #require(results[1]["encrypt"] as? String))
            #expect(replay.0 == 400)
            for secret in ["T002", "预约示范课", "高二3班", "6100000000000000777", "xml"] {
                #expect(!replay.1.contains(secret), "the answer leaks \(secret)")
            }
            #expect(await bot.running.bot.store.lastSequence == before)
            try await bot.stop()
        }
    }
}
