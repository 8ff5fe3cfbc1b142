import BotRuntime
import CampaignCore
import Foundation
import MatrixFake
import Testing
import TestSupport

/// Matrix restarts, crashes and lost answers against the fake homeserver: nothing lost, nothing sent twice.
@Suite("Matrix restarts and resends against a fake homeserver", .serialized)
struct MatrixRestartTests {
    @Test(
        "a restart: what was said while the bot was away is answered once each, in order, also past a limited timeline (the gap fetched with /messages)"
    )
    func restartWithGap() async throws {
        try await MatrixRig.with { rig in
            var bot = try await rig.boot()
            let room = try await rig.acceptDirectRoom(MatrixRig.wang)
            let first = try await rig.fake.say(MatrixRig.wang, in: room, "家访 昨天 学生0")
            #expect(await eventually(MatrixRig.patience) { await !rig.replies(to: first, in: room).isEmpty })
            try await bot.stop()
            var events = [first]
            for i in 1...8 { events.append(try await rig.fake.say(MatrixRig.wang, in: room, "家访 昨天 学生\(i)")) }
            // One sync shows only the last three: the rest is the gap.
            await rig.fake.setTimelineLimit(3)
            bot = try await rig.boot()
            #expect(await eventually(MatrixRig.patience) { await rig.fake.botMessages(in: room).count >= 9 })
            try await bot.stop()
            let replies = await rig.fake.botMessages(in: room)
            #expect(replies.compactMap(\.inReplyTo) == events)
            for i in 0...8 {
                #expect(replies.filter { $0.body?.contains("，学生\(i)") == true }.count == 1, "visit \(i)")
            }
            #expect((await rig.fake.calls["messages"] ?? 0) >= 1, "the gap was fetched")
            #expect(
                await rig.fake.botSyncs.filter { $0.since == nil }.count == 1, "the restart syncs from where it stopped"
            )
        }
    }

    @Test(
        "a send whose answer was lost is resent under the same transaction id and shows once; M_LIMIT_EXCEEDED is waited out"
    )
    func resentTransaction() async throws {
        try await MatrixRig.with { rig in
            let bot = try await rig.boot()
            let room = try await rig.acceptDirectRoom(MatrixRig.zhang)
            await rig.fake.inject(.answerLost, for: "send")
            await rig.fake.inject(.error(status: 429, errcode: "M_LIMIT_EXCEEDED", retryAfterMs: 300), for: "send")
            var events: [String] = []
            for text in ["我的进度", "帮助", "我的进度"] {
                events.append(try await rig.fake.say(MatrixRig.zhang, in: room, text))
            }
            #expect(await eventually(MatrixRig.patience) { await rig.fake.botMessages(in: room).count >= 3 })
            #expect(await eventually(MatrixRig.patience) { await rig.fake.calls["send"] == 5 })
            try await bot.stop()
            let replies = await rig.fake.botMessages(in: room)
            #expect(replies.count == 3)
            #expect(replies.compactMap(\.inReplyTo).sorted() == events.sorted())
            #expect(await rig.fake.deduplicated == 1)
        }
    }

    @Test(
        "killed while a reply is in flight: after the restart the reply is resent under its transaction id and shows once; what was said meanwhile is answered once"
    )
    func killedMidSend() async throws {
        try await MatrixRig.with { rig in
            var bot = try await rig.boot()
            let room = try await rig.acceptDirectRoom(MatrixRig.chen)
            // The homeserver takes the reply but holds its answer: the bot dies before it learns the reply went out.
            await rig.fake.inject(.slowAnswer(seconds: 60), for: "send")
            let first = try await rig.fake.say(MatrixRig.chen, in: room, "我的进度")
            #expect(await eventually(MatrixRig.patience) { await rig.fake.botMessages(in: room).count == 1 })
            bot.task.cancel()  // no graceful shutdown: the send in flight is abandoned, as in a crash
            _ = await bot.task.result
            let later = try await rig.fake.say(MatrixRig.chen, in: room, "帮助")
            bot = try await rig.boot()
            #expect(await eventually(MatrixRig.patience) { await !rig.replies(to: later, in: room).isEmpty })
            #expect(await eventually(MatrixRig.patience) { await rig.fake.deduplicated == 1 }, "the reply was resent")
            try await bot.stop()
            #expect(await rig.replies(to: first, in: room).count == 1)
            #expect(await rig.replies(to: later, in: room).count == 1)
            #expect(await rig.fake.botMessages(in: room).count == 2)
        }
    }

    @Test("sync failures (500, M_LIMIT_EXCEEDED) are waited out; what was said meanwhile is answered once")
    func syncFailures() async throws {
        try await MatrixRig.with { rig in
            let bot = try await rig.boot()
            let room = try await rig.acceptDirectRoom(MatrixRig.zhang)
            await rig.fake.inject(.error(status: 500, errcode: "M_UNKNOWN"), for: "sync", times: 2)
            await rig.fake.inject(.error(status: 429, errcode: "M_LIMIT_EXCEEDED", retryAfterMs: 200), for: "sync")
            let asked = try await rig.fake.say(MatrixRig.zhang, in: room, "我的进度")
            #expect(await eventually(MatrixRig.patience) { await !rig.replies(to: asked, in: room).isEmpty })
            try await bot.stop()
            #expect(await rig.replies(to: asked, in: room).count == 1)
        }
    }

    @Test(
        "a saved position the homeserver refuses: the bot starts afresh from now (what was said meanwhile goes unanswered) and answers again"
    )
    func refusedPosition() async throws {
        try await MatrixRig.with { rig in
            var bot = try await rig.boot()
            let room = try await rig.acceptDirectRoom(MatrixRig.wang)
            try await rig.ask(MatrixRig.wang, in: room, "我的进度")
            try await bot.stop()
            let meanwhile = try await rig.fake.say(MatrixRig.wang, in: room, "帮助")
            await rig.fake.inject(.error(status: 400, errcode: "M_INVALID_PARAM"), for: "sync")
            bot = try await rig.boot()
            try await rig.ask(MatrixRig.wang, in: room, "我的进度")
            try await bot.stop()
            #expect(await rig.replies(to: meanwhile, in: room).isEmpty)
            #expect(await rig.fake.botSyncs.filter { $0.since == nil }.count == 2, "a first sync again")
        }
    }
}
