import BotRuntime
import CampaignCore
import CampaignReport
import CampaignStorage
import Foundation
import Synchronization
import Testing
import TestSupport

/// Promises the README makes, each held by a test.
@Suite("what the README promises")
struct ReadmePromiseTests {
    @Test("企业微信: at most 30 messages a minute and 1,000 an hour to one member, whatever is queued")
    func weComSendLimits() async throws {
        let clock = JumpingClock(try #require(CampaignTime.parse("2010-10-11T09:00:00+08:00")))
        let limiter = SendLimiter(enabled: true, rules: WeComTransport.sendRules, clock: clock)
        var sent: [Date] = []
        // 1,100 messages for one member, all queued at once: each goes when the limiter lets it.
        for _ in 0..<1_100 {
            try await limiter.acquire(chat: "zhangsan", isGroup: false)
            sent.append(clock.now())
        }
        func most(within seconds: Double) -> Int {
            var best = 0, start = 0
            for end in sent.indices {
                while sent[end].timeIntervalSince(sent[start]) >= seconds { start += 1 }
                best = max(best, end - start + 1)
            }
            return best
        }
        #expect(most(within: 60) <= 30, "\(most(within: 60)) in a minute")
        #expect(most(within: 3_600) <= 1_000, "\(most(within: 3_600)) in an hour")
        // And the limit is not stricter than it need be: the first minute uses most of it.
        #expect(most(within: 60) >= 25)
    }

    @Test("the 图片展 shows photos of demo lessons and works, at most 24, newest first, never a home visit's")
    func galleryPromise() async throws {
        try await Harness.with { h in
            _ = try await h.login("T001")
            try await h.say("承诺 教学之星 上好一堂精品课", as: "T001")
            try await h.say("家访 10月9日 王小明 上门 了解学习情况", as: "T001")
            for n in 1...30 {
                try h.advance(to: String(format: "2010-10-11T10:%02d:00+08:00", n))
                try await h.say("提交 精品课 第\(n)课", as: "T001")
            }
            let state = await h.state
            #expect(state.works.count == 30 && state.visits.count == 1)
            func photo(_ name: String) -> RecordAttachment {
                let digest = String(repeating: "0", count: 64 - name.utf8.count) + name.utf8.map { String($0) }.joined()
                return RecordAttachment(
                    file: StoredFile(sha256: String(digest.suffix(64)), size: 10, kind: .png, fileName: name + ".png"),
                    by: "T001", at: h.clock.now())
            }
            var changes: [Change] = [.attach(recordID: "V-0001", photo("visit"))]
            for work in state.works { changes.append(.attach(recordID: work.id, photo(work.id))) }
            try await h.bot.dispatcher.commit(changes)
            let pictures = Gallery.pictures(state: await h.state) { Data($0.fileName.utf8) }
            #expect(pictures.count == Gallery.limit && Gallery.limit == 24)
            #expect(
                pictures.map { String(decoding: $0.data, as: UTF8.self) }
                    == (7...30).reversed().map {
                        RecordID.make("W", $0) + ".png"
                    })
            #expect(!pictures.contains { String(decoding: $0.data, as: UTF8.self) == "visit.png" })
        }
    }
}

/// A clock on which a sleep takes no time: it jumps to the deadline at once (one task alone uses it), and at least a
/// millisecond on, since a wait computed as a tiny fraction of a second can be lost in a `Date`'s rounding.
final class JumpingClock: CampaignClock {
    private let instant: Mutex<Date>
    init(_ start: Date) { instant = Mutex(start) }
    func now() -> Date { instant.withLock { $0 } }
    func sleep(until deadline: Date) async throws {
        instant.withLock { $0 = max($0.addingTimeInterval(0.001), deadline) }
    }
}
