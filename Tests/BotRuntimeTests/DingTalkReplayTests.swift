import BotRuntime
import CampaignCore
import CampaignStorage
import DingTalkFake
import Foundation
import Testing
import TestSupport

/// DingTalk's HTTP `sign` covers the timestamp and the secret, not the body: a captured (timestamp, sign) pair must not
/// carry a second message. Each pair is accepted once; timestamps more than an hour from the machine's clock are refused.
@Suite("DingTalk HTTP callbacks: a signature is used once", .serialized)
struct DingTalkReplayTests {
    static func milliseconds(_ offset: TimeInterval) -> String {
        String(Int((Date().timeIntervalSince1970 + offset) * 1000))
    }

    @Test(
        "a captured timestamp and sign with another body is refused with 403 and nothing stored; a fresh pair works; timestamps beyond an hour are refused"
    )
    func capturedSignIsUsedOnce() async throws {
        try await DingTalkRig.with { rig in
            let bot = try await rig.boot(mode: "http")
            let url = bot.url("/dingtalk/callback")
            let secret = rig.fake.clientSecret
            let store = bot.running.bot.store

            let timestamp = DingTalkRig.freshTimestamp()
            let sign = FakeDingTalk.sign(timestamp: timestamp, secret: secret)
            let genuine = FakeDingTalk.textMessage(from: "T001", text: "承诺 教学之星 上好一堂精品课", msgID: "r1")
            #expect(try await DingTalkRig.post(url, genuine, secret: secret, timestamp: timestamp, sign: sign) == 200)
            #expect(await store.state.pledges.count == 1)
            // Let the reply's sent mark land, so that only a stored callback could move the journal on.
            #expect(await eventually { await rig.fake.sent(to: "T001").count == 1 })
            #expect(await eventually { await store.state.outbox.isEmpty })
            let after = await store.lastSequence

            // The captured pair with a forged message (another sender, another msgId), as sent and percent-encoded.
            let forged = FakeDingTalk.textMessage(from: "T002", text: "承诺 教学之星 上好一堂精品课", msgID: "forged-1")
            #expect(try await DingTalkRig.post(url, forged, secret: secret, timestamp: timestamp, sign: sign) == 403)
            let encoded = try #require(sign.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            #expect(
                try await DingTalkRig.post(url, forged, secret: secret, timestamp: timestamp, sign: encoded) == 403)
            // The captured request itself, replayed.
            #expect(try await DingTalkRig.post(url, genuine, secret: secret, timestamp: timestamp, sign: sign) == 403)
            #expect(await store.lastSequence == after)
            #expect(await store.state.pledges.count == 1)
            #expect(await store.state.seenDeliveries[DingTalkTransport.name]?.contains("forged-1") == false)

            // Outside DingTalk's hour either way: refused, whether signed right or not.
            for stale in [Self.milliseconds(-3_700), Self.milliseconds(3_700)] {
                #expect(try await DingTalkRig.post(url, forged, secret: secret, timestamp: stale) == 403)
            }
            #expect(await store.lastSequence == after)

            // A fresh pair carries the same message, once.
            #expect(try await DingTalkRig.post(url, forged, secret: secret) == 200)
            #expect(await store.state.pledges.count == 2)
            // Within the hour (a clock a little ahead of ours): accepted, and once only.
            let ahead = Self.milliseconds(3_000)
            let third = FakeDingTalk.textMessage(from: "S001", text: "承诺 教学之星 上好一堂精品课", msgID: "r3")
            #expect(try await DingTalkRig.post(url, third, secret: secret, timestamp: ahead) == 200)
            #expect(try await DingTalkRig.post(url, third, secret: secret, timestamp: ahead) == 403)
            #expect(await store.state.pledges.count == 3)
            #expect(await eventually { await rig.fake.sent.count >= 3 })
            try await bot.stop()
            #expect(await rig.fake.sent(to: "T001").count == 1)
            #expect(await rig.fake.sent(to: "T002").count == 1)
            #expect(await rig.fake.sent(to: "S001").count == 1)
        }
    }
}

@Suite("DingTalk signature ledger bounds")
struct DingTalkSignatureLedgerTests {
    static let sign = Data([1, 2, 3])

    @Test("full within the window: the oldest pairs are forgotten and stay refused; expired pairs are swept")
    func boundedMemory() async throws {
        let ledger = DingTalkSignatureLedger(window: 3_600, capacity: 8)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let base = now.timeIntervalSince1970
        for i in 0..<8 {
            try await ledger.admit(timestamp: "t\(i)", sign: Self.sign, seconds: base - 100 + Double(i), now: now)
        }
        #expect(await ledger.count == 8)
        try await ledger.admit(timestamp: "t8", sign: Self.sign, seconds: base - 50, now: now)
        #expect(await ledger.count <= 8)
        // Forgotten to stay in bounds, still refused: everything up to their timestamps is.
        await #expect(throws: DingTalkSignatureLedger.Refusal.replayed) {
            try await ledger.admit(timestamp: "t0", sign: Self.sign, seconds: base - 100, now: now)
        }
        await #expect(throws: DingTalkSignatureLedger.Refusal.replayed) {
            try await ledger.admit(timestamp: "t8", sign: Self.sign, seconds: base - 50, now: now)
        }
        await #expect(throws: DingTalkSignatureLedger.Refusal.outsideWindow) {
            try await ledger.admit(timestamp: "late", sign: Self.sign, seconds: base - 3_601, now: now)
        }
        // Two hours on, every pair has left the window and is swept at the next admission.
        let later = now.addingTimeInterval(7_200)
        try await ledger.admit(timestamp: "fresh", sign: Self.sign, seconds: later.timeIntervalSince1970, now: later)
        #expect(await ledger.count == 1)
        // A pair given back (its request could not be stored) is accepted again.
        await ledger.release(timestamp: "fresh", sign: Self.sign)
        try await ledger.admit(timestamp: "fresh", sign: Self.sign, seconds: later.timeIntervalSince1970, now: later)
    }
}
