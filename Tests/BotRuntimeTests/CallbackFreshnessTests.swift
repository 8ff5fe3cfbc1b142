import BotRuntime
import CampaignCore
import CampaignStorage
import FeishuFake
import Foundation
import Testing
import TestSupport
import WeComFake

/// Signed callbacks are fresh and single-use: a timestamp more than five minutes from this machine's clock is refused
/// even with a right signature, and a signature is accepted once, so a captured callback is not handled again after
/// the store's dedupe memory has moved on (the window refuses it by then).
@Suite("Signed WeCom and Feishu callbacks are fresh and used once", .serialized)
struct CallbackFreshnessTests {
    static func now(_ offset: Int = 0) -> String { String(Int(Date().timeIntervalSince1970) + offset) }

    /// A WeCom callback signed with `timestamp`.
    static func wecom(_ rig: WeComRig, _ xml: String, timestamp: String) -> WeComRig.Callback {
        let encrypted = rig.cipher.encrypt(xml)
        let nonce = String(UInt32.random(in: 1...UInt32.max))
        return WeComRig.Callback(
            query: [
                ("msg_signature", rig.cipher.signature(timestamp: timestamp, nonce: nonce, encrypted: encrypted)),
                ("timestamp", timestamp), ("nonce", nonce),
            ],
            body: WeComXML.envelope(toUser: rig.fake.corpID, agentID: String(WeComRig.agentID), encrypted: encrypted))
    }

    @Test("WeCom: timestamp=1 and six minutes off refused though signed; a captured callback posted again is refused")
    func wecom() async throws {
        try await WeComRig.with { rig in
            let bot = try await rig.boot()
            let before = await settledSequence(bot.running.bot.store)
            for (i, timestamp) in ["1", Self.now(-360), Self.now(360), "", "1e3", "nan"].enumerated() {
                let xml = WeComRig.textXML(from: "T001", text: "我的进度", msgID: "81000000000000000\(i)")
                #expect(try await WeComRig.post(bot.callbackURL, Self.wecom(rig, xml, timestamp: timestamp)).0 == 403)
            }
            #expect(await bot.running.bot.store.lastSequence == before)

            let xml = WeComRig.textXML(from: "T001", text: "承诺 教学之星 上好一堂精品课", msgID: "8100000000000000100")
            let captured = Self.wecom(rig, xml, timestamp: Self.now(-200))
            #expect(try await WeComRig.post(bot.callbackURL, captured).0 == 200)
            #expect(await eventually { await rig.fake.sent(to: "T001").count == 1 })
            // The same request again: refused by its signature, not merely skipped by the MsgId it carries.
            #expect(try await WeComRig.post(bot.callbackURL, captured).0 == 403)
            #expect(await bot.running.bot.store.state.pledges.count == 1)
            try await bot.stop()
            #expect(await rig.fake.sent(to: "T001").count == 1)
        }
    }

    @Test("Feishu: X-Lark-Request-Timestamp 1 refused though signed; a captured event posted again is refused")
    func feishu() async throws {
        try await FeishuRig.with { rig in
            let bot = try await rig.boot()
            let before = await settledSequence(bot.running.bot.store)
            for (i, timestamp) in ["1", Self.now(-360), Self.now(360), ""].enumerated() {
                let plain = FeishuEvents.message(
                    eventID: "stale-\(i)", token: FeishuRig.token, from: FeishuRig.t001, text: "我的进度",
                    messageID: "om_stale_\(i)")
                let callback = FeishuEvents.signed(
                    FeishuEvents.encrypted(plain, encryptKey: FeishuRig.encryptKey), encryptKey: FeishuRig.encryptKey,
                    timestamp: timestamp)
                #expect(try await FeishuRig.post(bot.events, callback).0 == 403)
            }
            #expect(await bot.running.bot.store.lastSequence == before)

            let captured = rig.callback(FeishuRig.t001, "我的进度", eventID: "fresh-1")
            #expect(try await FeishuRig.post(bot.events, captured).0 == 200)
            #expect(await eventually { await rig.fake.sent.count == 1 })
            // The same request again: refused by its signature, not merely skipped by the event_id it carries.
            #expect(try await FeishuRig.post(bot.events, captured).0 == 403)
            try await bot.stop()
            #expect(await rig.fake.sent.count == 1)
        }
    }

    @Test("the ledger: five minutes either way, once per signature, bounded, and a forgotten signature stays refused")
    func ledger() async throws {
        let now = Date()
        let seconds = Int(now.timeIntervalSince1970)
        let ledger = SignedCallbackLedger(capacity: 8)
        await #expect(throws: SignedCallbackLedger.Refusal.stale) {
            try await ledger.admit(signature: "a", timestamp: String(seconds - 301), now: now)
        }
        await #expect(throws: SignedCallbackLedger.Refusal.stale) {
            try await ledger.admit(signature: "a", timestamp: String(seconds + 301), now: now)
        }
        try await ledger.admit(signature: "first", timestamp: String(seconds - 299), now: now)
        await #expect(throws: SignedCallbackLedger.Refusal.replayed) {
            try await ledger.admit(signature: "first", timestamp: String(seconds - 299), now: now)
        }
        var last: SignedCallbackLedger.Use?
        for i in 0..<40 {
            last = try await ledger.admit(signature: "s\(i)", timestamp: String(seconds - 200 + i), now: now)
        }
        #expect(await ledger.count <= 8)
        await #expect(throws: SignedCallbackLedger.Refusal.replayed) {
            try await ledger.admit(signature: "first", timestamp: String(seconds - 299), now: now)
        }
        // A signature given back (its request could not be stored) is accepted again: the platform's retry.
        await ledger.release(try #require(last))
        try await ledger.admit(signature: "s39", timestamp: String(seconds - 161), now: now)
    }
}
