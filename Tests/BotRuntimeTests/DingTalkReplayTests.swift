import BotRuntime
import CampaignCore
import CampaignStorage
import DingTalkFake
import Foundation
import Synchronization
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

    @Test(
        "a pair captured before a restart is refused after it, whatever the body; nothing stored; a fresh pair works"
    )
    func pairCapturedBeforeRestartStaysUsed() async throws {
        try await DingTalkRig.with { rig in
            let secret = rig.fake.clientSecret
            let first = try await rig.boot(mode: "http")
            let url = first.url("/dingtalk/callback")
            // Pair 1 carries a message; pair 2 a body the bot stores nothing for (no sender): both are used.
            let timestamp = DingTalkRig.freshTimestamp()
            let sign = FakeDingTalk.sign(timestamp: timestamp, secret: secret)
            let genuine = FakeDingTalk.textMessage(from: "T001", text: "承诺 教学之星 上好一堂精品课", msgID: "before-1")
            #expect(try await DingTalkRig.post(url, genuine, secret: secret, timestamp: timestamp, sign: sign) == 200)
            let ignoredTimestamp = DingTalkRig.freshTimestamp()
            let ignoredSign = FakeDingTalk.sign(timestamp: ignoredTimestamp, secret: secret)
            #expect(
                try await DingTalkRig.post(url, "{}", secret: secret, timestamp: ignoredTimestamp, sign: ignoredSign)
                    == 200)
            #expect(await eventually { await rig.fake.sent(to: "T001").count == 1 })
            #expect(await eventually { await first.running.bot.store.state.outbox.isEmpty })
            try await first.stop()

            let second = try await rig.boot(mode: "http")
            let store = second.running.bot.store
            let after = await store.lastSequence
            let url2 = second.url("/dingtalk/callback")
            let forged = FakeDingTalk.textMessage(from: "T002", text: "承诺 教学之星 攻击者伪造", msgID: "forged-after")
            #expect(try await DingTalkRig.post(url2, forged, secret: secret, timestamp: timestamp, sign: sign) == 403)
            #expect(
                try await DingTalkRig.post(url2, forged, secret: secret, timestamp: ignoredTimestamp, sign: ignoredSign)
                    == 403)
            #expect(await store.lastSequence == after)
            #expect(await store.state.pledges.count == 1)
            // What the store keeps of a pair is a digest with its second, never the sign itself.
            let kept = await store.state.seenDeliveries["dingtalk.sign"]
            #expect(kept?.count == 2)
            var files = 0
            for case let file as String in FileManager.default.enumerator(atPath: rig.store) ?? .init() {
                guard let text = try? String(contentsOfFile: rig.store + "/" + file, encoding: .utf8) else { continue }
                files += 1
                #expect(!text.contains(sign) && !text.contains(ignoredSign), "\(file)")
            }
            #expect(files > 0)

            #expect(try await DingTalkRig.post(url2, forged, secret: secret) == 200)
            #expect(await store.state.pledges.count == 2)
            #expect(await eventually { await rig.fake.sent(to: "T002").count == 1 })
            try await second.stop()
            #expect(await rig.fake.sent(to: "T001").count == 1)
        }
    }
}

@Suite("The signed-callback ledger in DingTalk's milliseconds")
struct DingTalkSignatureLedgerTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func milliseconds(_ offset: TimeInterval) -> String {
        String(Int64((now.timeIntervalSince1970 + offset) * 1000))
    }

    @Test("an hour either way in milliseconds; full within the window: the oldest are forgotten and stay refused")
    func boundedMemory() async throws {
        let ledger = SignedCallbackLedger(window: 3_600, capacity: 8, unitsPerSecond: 1000)
        let now = Self.now
        for i in 0..<8 {
            try await ledger.admit(signature: "t\(i)", timestamp: Self.milliseconds(-100 + Double(i)), now: now)
        }
        #expect(await ledger.count == 8)
        try await ledger.admit(signature: "t8", timestamp: Self.milliseconds(-50), now: now)
        #expect(await ledger.count <= 8)
        // Forgotten to stay in bounds, still refused: everything up to their timestamps is.
        await #expect(throws: SignedCallbackLedger.Refusal.replayed) {
            try await ledger.admit(signature: "t0", timestamp: Self.milliseconds(-100), now: now)
        }
        await #expect(throws: SignedCallbackLedger.Refusal.replayed) {
            try await ledger.admit(signature: "t8", timestamp: Self.milliseconds(-50), now: now)
        }
        for late in [Self.milliseconds(-3_601), Self.milliseconds(3_601), "1", "", "nan", "1e400"] {
            await #expect(throws: SignedCallbackLedger.Refusal.stale) {
                try await ledger.admit(signature: "late", timestamp: late, now: now)
            }
        }
        // Two hours on, every pair has left the window and is swept at the next admission.
        let later = now.addingTimeInterval(7_200)
        let fresh = try await ledger.admit(signature: "fresh", timestamp: Self.milliseconds(7_200), now: later)
        #expect(await ledger.count == 1)
        // A pair given back (its request could not be stored) is accepted again.
        await ledger.release(fresh)
        try await ledger.admit(signature: "fresh", timestamp: Self.milliseconds(7_200), now: later)
    }

    @Test("a signature the journal holds is refused; what is journalled is its second and a digest, not the signature")
    func journal() async throws {
        let held = Mutex<Set<String>>([])
        let journal = SignedCallbackLedger.Journal(key: "k") { id in held.withLock { $0.contains(id) } }
        let before = SignedCallbackLedger(window: 3_600, unitsPerSecond: 1000, journal: journal)
        let use = try await before.admit(signature: "1800000000000\nsign", timestamp: "1800000000000", now: Self.now)
        #expect(use.id.hasPrefix("1800000000 ") && !use.id.contains("sign"))
        guard case .sawDelivery(let key, let id, _)? = use.change() else {
            Issue.record("no change to journal")
            return
        }
        #expect(key == "k" && id == use.id)
        held.withLock { _ = $0.insert(id) }
        // A new ledger (a restart) with the journal: the pair stays used.
        let after = SignedCallbackLedger(window: 3_600, unitsPerSecond: 1000, journal: journal)
        await #expect(throws: SignedCallbackLedger.Refusal.replayed) {
            try await after.admit(signature: "1800000000000\nsign", timestamp: "1800000000000", now: Self.now)
        }
        try await after.admit(signature: "1800000000001\nsign", timestamp: "1800000000001", now: Self.now)
    }
}
