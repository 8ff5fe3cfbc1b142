import BotRuntime
import CampaignCore
import Foundation
import Testing
import TestSupport
import WeComFake
import CampaignStorage

@Suite("WeCom against a fake WeCom API", .serialized)
struct WeComTests {
    @Test("URL verification: a signed echostr is answered with its plaintext; a wrong signature with 403")
    func urlVerification() async throws {
        try await WeComRig.with { rig in
            let bot = try await rig.boot()
            let echo = rig.cipher.encrypt("1616140317555161061")
            let signature = rig.cipher.signature(timestamp: "1409659589", nonce: "263014780", encrypted: echo)
            let good = try await WeComRig.get(
                bot.callbackURL,
                [
                    ("msg_signature", signature), ("timestamp", "1409659589"),
                    ("nonce", "263014780"), ("echostr", echo),
                ])
            #expect(good.0 == 200)
            #expect(good.1 == "1616140317555161061")
            let bad = try await WeComRig.get(
                bot.callbackURL,
                [
                    ("msg_signature", String(signature.reversed())), ("timestamp", "1409659589"),
                    ("nonce", "263014780"), ("echostr", echo),
                ])
            #expect(bad.0 == 403)
            try await bot.stop()
        }
    }

    @Test(
        "a conversation: commands in by callback, replies out by message/send to the member, a retried MsgId handled once"
    )
    func conversation() async throws {
        try await WeComRig.with { rig in
            let bot = try await rig.boot()
            let first = rig.callback(
                WeComRig.textXML(from: "T001", text: "承诺 教学之星 上好一堂精品课", msgID: "4561255354251345001"))
            let (status, body) = try await WeComRig.post(bot.callbackURL, first)
            #expect(status == 200)
            #expect(body.isEmpty)
            // WeCom retries when it thinks the answer was late: the same MsgId, newly encrypted and signed.
            let retry = rig.callback(
                WeComRig.textXML(from: "T001", text: "承诺 教学之星 上好一堂精品课", msgID: "4561255354251345001"))
            #expect(try await WeComRig.post(bot.callbackURL, retry).0 == 200)
            #expect(await bot.running.bot.store.state.pledges.count == 1)
            let second = rig.callback(
                WeComRig.textXML(from: "T001", text: "预约示范课 10月12日 第3节 高二3班 函数", msgID: "4561255354251345002"))
            #expect(try await WeComRig.post(bot.callbackURL, second).0 == 200)
            #expect(await eventually { await rig.fake.sent(to: "T001").count >= 2 })
            try await bot.stop()
            let replies = await rig.fake.sent(to: "T001")
            #expect(replies.count == 2)
            #expect(replies.first?.content.contains("P-0001") == true)
            #expect(replies.last?.content.contains("L-0001") == true)
            #expect(replies.allSatisfy { $0.agentID == WeComRig.agentID && $0.msgType == "text" })
            #expect(await rig.fake.tokensIssued == 1)
        }
    }

    @Test("tampered signature, wrong corp id, truncated or garbled ciphertext: refused, nothing stored")
    func refusals() async throws {
        try await WeComRig.with { rig in
            let bot = try await rig.boot()
            let before = await settledSequence(bot.running.bot.store)
            let xml = WeComRig.textXML(from: "T001", text: "我的进度", msgID: "7001")
            var tampered = rig.callback(xml)
            tampered.query[0].1 = String(repeating: "0", count: 40)
            #expect(try await WeComRig.post(bot.callbackURL, tampered).0 == 403)
            let otherCorp = try CallbackCipher(
                token: WeComRig.token, encodingAESKey: WeComRig.aesKey, receiveID: "wwanothercorp")
            #expect(try await WeComRig.post(bot.callbackURL, rig.callback(xml, cipher: otherCorp)).0 == 403)
            let whole = try #require(Data(base64Encoded: rig.cipher.encrypt(xml)))
            let truncated = whole.prefix(whole.count - 16).base64EncodedString()
            #expect(try await WeComRig.post(bot.callbackURL, rig.callback(xml, encrypted: truncated)).0 == 400)
            let ragged = whole.prefix(whole.count - 5).base64EncodedString()
            #expect(try await WeComRig.post(bot.callbackURL, rig.callback(xml, encrypted: ragged)).0 == 400)
            #expect(try await WeComRig.post(bot.callbackURL, rig.callback(xml, encrypted: "not*base64")).0 == 400)
            var unsigned = rig.callback(xml)
            unsigned.query.removeFirst()
            #expect(try await WeComRig.post(bot.callbackURL, unsigned).0 == 400)
            #expect(await bot.running.bot.store.lastSequence == before)
            try await bot.stop()
            #expect(await rig.fake.sent.isEmpty)
        }
    }

    @Test("an expired token is fetched again once; frequency errors are waited out; every reply arrives once")
    func tokenExpiryAndFrequency() async throws {
        try await WeComRig.with { rig in
            let bot = try await rig.boot()
            let users = ["T001", "T002", "T003", "S001", "zhoujg"]
            for (i, user) in users.enumerated() {
                let callback = rig.callback(WeComRig.textXML(from: user, text: "提交 论文 第\(i)篇", msgID: "81\(i)"))
                #expect(try await WeComRig.post(bot.callbackURL, callback).0 == 200)
            }
            #expect(await eventually { await rig.fake.sent.count >= 5 })
            await rig.fake.expireTokens()
            await rig.fake.inject(errcode: 45009, for: "message/send", times: 2)
            await rig.fake.inject(errcode: -1, for: "message/send")
            for (i, user) in users.enumerated() {
                let callback = rig.callback(WeComRig.textXML(from: user, text: "提交 论文 第\(i + 5)篇", msgID: "82\(i)"))
                #expect(try await WeComRig.post(bot.callbackURL, callback).0 == 200)
            }
            #expect(await eventually(30) { await rig.fake.sent.count >= 10 })
            try await bot.stop()
            let texts = await rig.fake.sent.map(\.content)
            #expect(texts.count == 10)
            for i in 0..<10 { #expect(texts.filter { $0.contains("第\(i)篇") }.count == 1, "paper \(i)") }
            #expect(await rig.fake.tokensIssued == 2)
            #expect(await rig.fake.errorsAnswered["message/send"]?.contains(42001) == true)
        }
    }

    @Test("opening the app greets with the menu once a day; pictures get a hint")
    func events() async throws {
        try await WeComRig.with { rig in
            let bot = try await rig.boot()
            for _ in 0..<3 {
                #expect(
                    try await WeComRig.post(
                        bot.callbackURL, rig.callback(WeComRig.eventXML(from: "T002", event: "enter_agent"))
                    ).0 == 200)
            }
            let image =
                "<xml><ToUserName>wwcxzytestcorp</ToUserName><FromUserName>T003</FromUserName><CreateTime>1</CreateTime>"
                + "<MsgType>image</MsgType><PicUrl>http://example.invalid/a.jpg</PicUrl><MsgId>9001</MsgId>"
                + "<AgentID>\(WeComRig.agentID)</AgentID></xml>"
            #expect(try await WeComRig.post(bot.callbackURL, rig.callback(image)).0 == 200)
            #expect(await eventually { await rig.fake.sent.count >= 2 })
            try await bot.stop()
            // The menu once, whole (WeCom's 2,048-byte limit may split it into pieces sent in order).
            let menu = await rig.fake.sent(to: "T002").map(\.content)
            #expect(menu.filter { $0.contains("可用命令") }.count == 1, "\(menu)")
            #expect(menu.first?.contains("可用命令") == true && menu.joined().contains("预约示范课"))
            #expect(menu.allSatisfy { $0.utf8.count <= 2048 })
            #expect(await rig.fake.sent(to: "T003").count == 1)
        }
    }

    @Test("a notice goes to every member and to the staff group's robot")
    func broadcastThroughRobot() async throws {
        try await WeComRig.with { rig in
            let bot = try await rig.boot(robot: true)
            let notice = rig.callback(WeComRig.textXML(from: "zhoujg", text: "通知 周五下午三点开会", msgID: "9101"))
            #expect(try await WeComRig.post(bot.callbackURL, notice).0 == 200)
            #expect(
                await eventually {
                    let robot = await rig.fake.robotSent.count
                    let members = await rig.fake.sent.count
                    return robot >= 1 && members >= 5
                })
            try await bot.stop()
            #expect(await rig.fake.robotSent.count == 1)
            #expect(await rig.fake.robotSent.first?.content.contains("周五下午三点开会") == true)
            #expect(await rig.fake.sent(to: "T001").first?.content.contains("周五下午三点开会") == true)
            #expect(await rig.fake.sent(to: "zhoujg").first?.content.contains("教职工群") == true)
        }
    }

    @Test("a wrong secret or corp id stops at start with a clear message that names the setting")
    func refusedCredentials() async throws {
        try await WeComRig.with { rig in
            do {
                _ = try await rig.boot(secret: "not-the-secret")
                Issue.record("the bot started with a wrong secret")
            } catch let error as BotService.StartupError {
                #expect(error.description.contains("CXZY_WECOM_SECRET"))
                #expect(!error.description.contains("not-the-secret"))
            }
            // The fake answers 40013 for a corp id it does not know, as WeCom does.
            await rig.fake.inject(errcode: 40013, for: "gettoken")
            do {
                _ = try await rig.boot()
                Issue.record("the bot started with a wrong corp id")
            } catch let error as BotService.StartupError {
                #expect(error.description.contains("CXZY_WECOM_CORP_ID"), "\(error.description)")
            }
            await rig.fake.inject(errcode: 60020, for: "gettoken")
            do {
                _ = try await rig.boot()
                Issue.record("the bot started from an untrusted IP")
            } catch let error as BotService.StartupError {
                #expect(error.description.contains("可信IP"))
            }
        }
    }

    @Test("configuration: missing settings are all named; a bad EncodingAESKey is caught before start")
    func configuration() throws {
        do {
            _ = try Configuration.load(
                file: nil, environment: ["CXZY_WECOM_CORP_ID": "ww1"], store: nil, httpListen: nil)
            Issue.record("loaded without the other settings")
        } catch let problem as Configuration.Problem {
            for name in ["CXZY_WECOM_AGENT_ID", "CXZY_WECOM_SECRET", "CXZY_WECOM_TOKEN", "CXZY_WECOM_AES_KEY"] {
                #expect(problem.description.contains(name))
            }
        }
        let env = [
            "CXZY_WECOM_CORP_ID": "ww1", "CXZY_WECOM_AGENT_ID": "1000002", "CXZY_WECOM_SECRET": "s",
            "CXZY_WECOM_TOKEN": "t", "CXZY_WECOM_AES_KEY": "short",
        ]
        #expect(throws: Configuration.Problem.self) {
            try Configuration.load(file: nil, environment: env, store: nil, httpListen: nil)
        }
        var good = env
        good["CXZY_WECOM_AES_KEY"] = WeComRig.aesKey
        let config = try Configuration.load(file: nil, environment: good, store: nil, httpListen: nil)
        let wecom = try #require(config.transport(WeComTransport.self))
        #expect(wecom.callbackPath == "/wecom/callback")
        #expect(wecom.apiBase.absoluteString == "https://qyapi.weixin.qq.com")
        #expect(config.httpListen == "127.0.0.1:8080")
    }
}
