import BotRuntime
import CampaignCore
import DingTalkFake
import Foundation
import TestSupport
import Testing
import CampaignStorage

@Suite("DingTalk against a fake DingTalk (open API and Stream gateway)", .serialized)
struct DingTalkTests {
    @Test(
        "a conversation over Stream: private and group messages in, replies by the robot send APIs, every message ACKed once after its commit, a redelivered msgId handled once"
    )
    func conversation() async throws {
        try await DingTalkRig.with { rig in
            let bot = try await rig.boot()
            #expect(await eventually { await rig.fake.liveConnections == 1 })
            #expect(await rig.fake.subscriptions == [["type": "CALLBACK", "topic": "/v1.0/im/bot/messages/get"]])
            await rig.say("T001", "承诺 教学之星 上好一堂精品课", msgID: "msgA1")
            #expect(await eventually { await rig.fake.acknowledged == ["msgA1"] })
            #expect(await bot.running.bot.store.state.pledges.count == 1)
            // DingTalk delivers the same message again (its ACK was lost on the way): handled once, ACKed again.
            await rig.say("T001", "承诺 教学之星 上好一堂精品课", msgID: "msgA1")
            await rig.say("T001", "预约示范课 10月12日 第3节 高二3班 函数", msgID: "msgA2")
            // In a group only a message that @s the robot is answered; DingTalk takes the @ out of the text.
            await rig.say("T002", " 我的进度", msgID: "msgG1", group: "cidGroupChinese")
            await rig.say("T002", "大家好", msgID: "msgG2", group: "cidGroupChinese", atRobot: false)
            #expect(await eventually { await rig.fake.unacknowledged.isEmpty })
            #expect(await eventually { await rig.fake.acknowledged.count == 5 })
            #expect(await eventually { await rig.fake.sent.count >= 3 })
            try await bot.stop()
            #expect(await bot.running.bot.store.state.pledges.count == 1)
            let replies = await rig.fake.sent(to: "T001")
            #expect(replies.count == 2)
            #expect(replies.first?.content.contains("P-0001") == true)
            #expect(replies.last?.content.contains("L-0001") == true)
            let group = await rig.fake.sent(toGroup: "cidGroupChinese")
            #expect(group.count == 1)
            #expect(await rig.fake.sent.count == 3)
            #expect(await rig.fake.tokensIssued == 1)
        }
    }

    @Test(
        "SYSTEM ping answered with its opaque; disconnect: a new connection with a new ticket, and messages keep flowing"
    )
    func systemFrames() async throws {
        try await DingTalkRig.with { rig in
            let bot = try await rig.boot()
            #expect(await eventually { await rig.fake.liveConnections == 1 })
            let ping = await rig.fake.system("ping", data: #"{"opaque":"5c1a-opaque"}"#)
            #expect(await eventually { await !rig.fake.acks(of: ping).isEmpty })
            let ack = try #require(await rig.fake.acks(of: ping).first)
            #expect(ack.code == 200)
            #expect(ack.message == "OK")
            #expect(ack.contentType == "application/json")
            #expect(ack.dataObject == ["opaque": "5c1a-opaque"])

            await rig.fake.system("disconnect", data: #"{"reason":"gateway moving"}"#)
            #expect(await eventually { await rig.fake.connectionsOpened == 2 })
            #expect(await rig.fake.ticketsIssued == 2)
            await rig.say("T003", "我的进度", msgID: "msgD1")
            #expect(await eventually { await rig.fake.sent(to: "T003").count == 1 })
            try await bot.stop()
            #expect(await rig.fake.acknowledged == ["msgD1"])
        }
    }

    @Test("a failing connections/open is retried with backoff until the gateway answers")
    func openRetried() async throws {
        try await DingTalkRig.with { rig in
            await rig.fake.inject(status: 503, code: "ServiceUnavailable", for: "connections/open", times: 2)
            let bot = try await rig.boot()
            #expect(await eventually(20) { await rig.fake.liveConnections == 1 })
            #expect(await rig.fake.errorsAnswered["connections/open"] == [503, 503])
            await rig.say("T001", "我的进度", msgID: "after-retry")
            #expect(await eventually { await rig.fake.sent(to: "T001").count == 1 })
            try await bot.stop()
        }
    }

    @Test(
        "a dropped socket mid-burst, with ACKs lost on the way: the bot reconnects, DingTalk redelivers, nothing is lost and nothing handled twice"
    )
    func droppedSocket() async throws {
        try await DingTalkRig.with { rig in
            let bot = try await rig.boot()
            #expect(await eventually { await rig.fake.liveConnections == 1 })
            let users = ["T001", "T002", "T003", "S001", "zhoujg"]
            // The first ten are committed but their ACKs never arrive: DingTalk will push them again.
            await rig.fake.setLosesAcks(true)
            for i in 0..<10 { await rig.say(users[i % users.count], "提交 科研论文 第\(i)篇", msgID: "burst\(i)") }
            #expect(await eventually { await bot.running.bot.store.state.works.count == 10 })
            await rig.fake.setLosesAcks(false)
            for i in 10..<20 { await rig.say(users[i % users.count], "提交 科研论文 第\(i)篇", msgID: "burst\(i)") }
            await rig.fake.dropConnections()
            for i in 20..<30 { await rig.say(users[i % users.count], "提交 科研论文 第\(i)篇", msgID: "burst\(i)") }
            #expect(await eventually(30) { await rig.fake.unacknowledged.isEmpty })
            #expect(await eventually(30) { await rig.fake.sent.count >= 30 })
            try await bot.stop()
            #expect(await rig.fake.connectionsOpened >= 2)
            #expect(await rig.fake.pushes.values.contains { $0 > 1 }, "some messages were pushed again")
            let works = await bot.running.bot.store.state.works
            #expect(works.count == 30)
            let texts = await rig.fake.sent.map(\.content)
            #expect(texts.count == 30)
            for i in 0..<30 { #expect(texts.filter { $0.contains("第\(i)篇") }.count == 1, "paper \(i)") }
        }
    }

    @Test("an expired token is fetched again once; a 429 is waited out; every reply arrives once")
    func tokenExpiryAndThrottling() async throws {
        try await DingTalkRig.with { rig in
            let bot = try await rig.boot()
            #expect(await eventually { await rig.fake.liveConnections == 1 })
            await rig.say("T001", "我的进度", msgID: "t1")
            #expect(await eventually { await rig.fake.sent.count == 1 })
            await rig.fake.expireTokens()
            await rig.fake.inject(status: 429, code: "Forbidden.AccessDenied.QpsLimitForApi", for: "batchSend")
            await rig.fake.inject(status: 503, code: "ServiceUnavailable", for: "batchSend")
            for (i, user) in ["T002", "T003", "S001"].enumerated() { await rig.say(user, "我的进度", msgID: "t\(i + 2)") }
            #expect(await eventually(30) { await rig.fake.sent.count >= 4 })
            try await bot.stop()
            #expect(await rig.fake.sent.count == 4)
            #expect(await rig.fake.tokensIssued == 2)
            #expect(await rig.fake.errorsAnswered["batchSend"]?.contains(401) == true)
        }
    }

    @Test(
        "HTTP mode: a signed callback is answered after its commit; a wrong or stale sign is refused with 403 and nothing stored; a replayed msgId is handled once"
    )
    func httpMode() async throws {
        try await DingTalkRig.with { rig in
            let bot = try await rig.boot(mode: "http")
            let url = bot.url("/dingtalk/callback")
            let secret = rig.fake.clientSecret
            let before = await settledSequence(bot.running.bot.store)
            let body = FakeDingTalk.textMessage(from: "T001", text: "承诺 教学之星 上好一堂精品课", msgID: "h1")
            #expect(try await DingTalkRig.post(url, body, secret: "not-the-secret") == 403)
            let stale = String(Int(Date().timeIntervalSince1970 * 1000) - 2 * 3_600_000)
            #expect(try await DingTalkRig.post(url, body, secret: secret, timestamp: stale) == 403)
            #expect(try await DingTalkRig.post(url, body, secret: secret, sign: "") == 403)
            #expect(await bot.running.bot.store.lastSequence == before)
            #expect(try await DingTalkRig.post(url, body, secret: secret) == 200)
            #expect(try await DingTalkRig.post(url, body, secret: secret) == 200)
            #expect(try await DingTalkRig.post(url, "not json", secret: secret) == 400)
            #expect(await eventually { await rig.fake.sent(to: "T001").count == 1 })
            #expect(await bot.running.bot.store.state.pledges.count == 1)
            try await bot.stop()
            #expect(await rig.fake.sent.count == 1)
            #expect(await rig.fake.ticketsIssued == 0, "HTTP mode opens no Stream connection")
        }
    }

    @Test("a wrong client secret stops at start with a message that names the setting and not the secret")
    func refusedCredentials() async throws {
        try await DingTalkRig.with { rig in
            do {
                _ = try await rig.boot(secret: "not-the-secret")
                Issue.record("the bot started with a wrong secret")
            } catch let error as BotService.StartupError {
                #expect(error.description.contains("CXZY_DINGTALK_CLIENT_SECRET"))
                #expect(!error.description.contains("not-the-secret"))
            }
        }
    }

    @Test("configuration: missing settings are named; defaults; a bad mode is refused")
    func configuration() throws {
        do {
            _ = try Configuration.load(
                file: nil, environment: ["CXZY_DINGTALK_MODE": "stream"], store: nil, httpListen: nil)
            Issue.record("loaded without credentials")
        } catch let problem as Configuration.Problem {
            #expect(problem.description.contains("CXZY_DINGTALK_CLIENT_ID"))
            #expect(problem.description.contains("CXZY_DINGTALK_CLIENT_SECRET"))
        }
        let env = ["CXZY_DINGTALK_CLIENT_ID": "dingabc", "CXZY_DINGTALK_CLIENT_SECRET": "s"]
        let config = try Configuration.load(file: nil, environment: env, store: nil, httpListen: nil)
        let dingtalk = try #require(config.transport(DingTalkTransport.self))
        #expect(dingtalk.mode == .stream)
        #expect(dingtalk.robotCode == "dingabc")
        #expect(dingtalk.callbackPath == "/dingtalk/callback")
        #expect(dingtalk.apiBase.absoluteString == "https://api.dingtalk.com")
        #expect(!dingtalk.servesHTTP)
        var http = env
        http["CXZY_DINGTALK_MODE"] = "http"
        http["CXZY_DINGTALK_ROBOT_CODE"] = "dingrobot"
        let httpConfig = try #require(
            try Configuration.load(file: nil, environment: http, store: nil, httpListen: nil).transport(
                DingTalkTransport.self))
        #expect(httpConfig.servesHTTP && httpConfig.robotCode == "dingrobot")
        var bad = env
        bad["CXZY_DINGTALK_MODE"] = "webhook"
        #expect(throws: Configuration.Problem.self) {
            try Configuration.load(file: nil, environment: bad, store: nil, httpListen: nil)
        }
        #expect(DingTalkTransport.rosterColumn.check("manager4220") == nil)
        #expect(DingTalkTransport.rosterColumn.check("group:cid1") != nil)
    }
}
