import BotRuntime
import CampaignCore
import FeishuFake
import Foundation
import TestSupport
import Testing
import CampaignStorage

@Suite("Feishu against a fake Feishu API", .serialized)
struct FeishuTests {
    @Test("URL verification: the challenge is answered when the token is right, 403 when it is not")
    func urlVerification() async throws {
        try await FeishuRig.with { rig in
            let bot = try await rig.boot()
            let key = FeishuRig.encryptKey
            let good = FeishuEvents.encrypted(
                FeishuEvents.urlVerification(challenge: "ajls384kdjx98XX", token: FeishuRig.token), encryptKey: key)
            let answer = try await FeishuRig.post(bot.events, FeishuEvents.Callback(body: good, headers: [:]))
            #expect(answer.0 == 200)
            #expect(
                try JSONSerialization.jsonObject(with: Data(answer.1.utf8)) as? [String: String] == [
                    "challenge": "ajls384kdjx98XX"
                ])
            let wrong = FeishuEvents.encrypted(
                FeishuEvents.urlVerification(challenge: "x", token: "not-the-token"), encryptKey: key)
            #expect(try await FeishuRig.post(bot.events, FeishuEvents.Callback(body: wrong, headers: [:])).0 == 403)
            try await bot.stop()
        }
    }

    @Test(
        "a conversation: p2p messages answered by reply with uuid, a group message that mentions the bot answered in the group, one that does not ignored, a retried event_id handled once"
    )
    func conversation() async throws {
        try await FeishuRig.with { rig in
            let bot = try await rig.boot()
            let first = rig.callback(FeishuRig.t001, "承诺 教学之星 上好一堂精品课", eventID: "ev-1")
            let (status, _) = try await FeishuRig.post(bot.events, first)
            #expect(status == 200)
            #expect(await bot.running.bot.store.state.pledges.count == 1)
            // Feishu retries an event: the same event_id, encrypted and signed afresh.
            #expect(
                try await FeishuRig.post(bot.events, rig.callback(FeishuRig.t001, "承诺 教学之星 上好一堂精品课", eventID: "ev-1")).0
                    == 200)
            #expect(
                try await FeishuRig.post(
                    bot.events, rig.callback(FeishuRig.t001, "预约示范课 10月12日 第3节 高二3班 函数", eventID: "ev-2")
                ).0 == 200)
            #expect(
                try await FeishuRig.post(
                    bot.events, rig.callback(FeishuRig.t002, "我的进度", eventID: "ev-3", chat: "oc_group1")
                ).0 == 200)
            #expect(
                try await FeishuRig.post(
                    bot.events,
                    rig.callback(FeishuRig.t002, "我的进度", eventID: "ev-4", chat: "oc_group1", mentionBot: false)
                ).0 == 200)
            #expect(await eventually { await rig.fake.sent.count >= 3 })
            try await bot.stop()
            #expect(await bot.running.bot.store.state.pledges.count == 1)
            let sent = await rig.fake.sent
            #expect(sent.count == 3)
            #expect(sent.allSatisfy { $0.uuid?.hasPrefix("cxzy-") == true })
            #expect(sent.first { $0.replyTo == "om_ev-1" }?.text.contains("P-0001") == true)
            #expect(sent.first { $0.replyTo == "om_ev-2" }?.text.contains("L-0001") == true)
            #expect(sent.first { $0.replyTo == "om_ev-3" } != nil)
            #expect(await rig.fake.tokensIssued == 1)
        }
    }

    @Test(
        "tampered signature, wrong token, plaintext body, garbled ciphertext, unsigned event: refused, nothing stored")
    func refusals() async throws {
        try await FeishuRig.with { rig in
            let bot = try await rig.boot()
            let before = await settledSequence(bot.running.bot.store)
            var tampered = rig.callback(FeishuRig.t001, "我的进度", eventID: "bad-1")
            tampered.headers["X-Lark-Signature"] = String(repeating: "0", count: 64)
            #expect(try await FeishuRig.post(bot.events, tampered).0 == 403)
            var otherBody = rig.callback(FeishuRig.t001, "我的进度", eventID: "bad-2")
            otherBody.body = rig.callback(FeishuRig.t001, "通知 全体", eventID: "bad-2").body
            #expect(try await FeishuRig.post(bot.events, otherBody).0 == 403)
            #expect(
                try await FeishuRig.post(
                    bot.events, rig.callback(FeishuRig.t001, "我的进度", eventID: "bad-3", token: "wrong")
                ).0 == 403)
            let plain = FeishuEvents.message(
                eventID: "bad-4", token: FeishuRig.token, from: FeishuRig.t001, text: "我的进度", messageID: "om_4")
            #expect(
                try await FeishuRig.post(bot.events, FeishuEvents.signed(plain, encryptKey: FeishuRig.encryptKey)).0
                    == 403)
            let garbled = FeishuEvents.signed(
                #"{"encrypt":"bm90IGEgY2lwaGVydGV4dCBhdCBhbGwhISE="}"#, encryptKey: FeishuRig.encryptKey)
            #expect(try await FeishuRig.post(bot.events, garbled).0 == 400)
            var unsigned = rig.callback(FeishuRig.t001, "我的进度", eventID: "bad-5")
            unsigned.headers = [:]
            #expect(try await FeishuRig.post(bot.events, unsigned).0 == 403)
            #expect(await bot.running.bot.store.lastSequence == before)
            try await bot.stop()
            #expect(await rig.fake.sent.isEmpty)
        }
    }

    @Test(
        "an expired token is fetched again once; a frequency limit is waited out; a withdrawn message is answered in the chat; every reply arrives once"
    )
    func tokenExpiryAndLimits() async throws {
        try await FeishuRig.with { rig in
            let bot = try await rig.boot()
            #expect(try await FeishuRig.post(bot.events, rig.callback(FeishuRig.t001, "我的进度", eventID: "x1")).0 == 200)
            #expect(await eventually { await rig.fake.sent.count == 1 })
            await rig.fake.expireTokens()
            await rig.fake.inject(code: 99991400, for: "reply")
            await rig.fake.inject(code: 230011, for: "reply")
            for (i, user) in [FeishuRig.t002, FeishuRig.t003, FeishuRig.s001].enumerated() {
                #expect(try await FeishuRig.post(bot.events, rig.callback(user, "我的进度", eventID: "x\(i + 2)")).0 == 200)
            }
            #expect(await eventually(30) { await rig.fake.sent.count >= 4 })
            try await bot.stop()
            let sent = await rig.fake.sent
            #expect(sent.count == 4)
            #expect(Set(sent.compactMap(\.uuid)).count == 4)
            #expect(sent.contains { $0.receiveIDType == "open_id" }, "the withdrawn message's answer went to the chat")
            #expect(await rig.fake.tokensIssued == 2)
        }
    }

    @Test("without an Encrypt Key: plaintext events with the right token are accepted")
    func plaintext() async throws {
        try await FeishuRig.with { rig in
            let bot = try await rig.boot(encrypted: false)
            let plain = FeishuEvents.message(
                eventID: "p1", token: FeishuRig.token, from: FeishuRig.t003, text: "我的进度", messageID: "om_p1")
            #expect(try await FeishuRig.post(bot.events, FeishuEvents.Callback(body: plain, headers: [:])).0 == 200)
            let wrong = FeishuEvents.message(
                eventID: "p2", token: "wrong", from: FeishuRig.t003, text: "我的进度", messageID: "om_p2")
            #expect(try await FeishuRig.post(bot.events, FeishuEvents.Callback(body: wrong, headers: [:])).0 == 403)
            #expect(await eventually { await rig.fake.sent.count == 1 })
            try await bot.stop()
        }
    }

    @Test("a wrong app secret stops at start with a message that names the setting and not the secret")
    func refusedCredentials() async throws {
        try await FeishuRig.with { rig in
            do {
                _ = try await rig.boot(secret: "not-the-secret")
                Issue.record("the bot started with a wrong secret")
            } catch let error as BotService.StartupError {
                #expect(error.description.contains("CXZY_FEISHU_APP_SECRET"))
                #expect(!error.description.contains("not-the-secret"))
            }
        }
    }

    @Test("configuration: missing settings are named; defaults; the roster column takes open_ids")
    func configuration() throws {
        do {
            _ = try Configuration.load(
                file: nil, environment: ["CXZY_FEISHU_APP_ID": "cli_1"], store: nil, httpListen: nil)
            Issue.record("loaded without the other settings")
        } catch let problem as Configuration.Problem {
            #expect(problem.description.contains("CXZY_FEISHU_APP_SECRET"))
            #expect(problem.description.contains("CXZY_FEISHU_VERIFICATION_TOKEN"))
        }
        let env = [
            "CXZY_FEISHU_APP_ID": "cli_1", "CXZY_FEISHU_APP_SECRET": "s", "CXZY_FEISHU_VERIFICATION_TOKEN": "t",
            "CXZY_FEISHU_ENCRYPT_KEY": "k",
        ]
        let feishu = try #require(
            try Configuration.load(file: nil, environment: env, store: nil, httpListen: nil).transport(
                FeishuTransport.self))
        #expect(feishu.callbackPath == "/feishu/events")
        #expect(feishu.apiBase.absoluteString == "https://open.feishu.cn")
        #expect(feishu.encryptKey == "k")
        #expect(FeishuTransport.rosterColumn.check(FeishuRig.t001) == nil)
        #expect(FeishuTransport.rosterColumn.check("zhangsan") != nil)
    }
}
