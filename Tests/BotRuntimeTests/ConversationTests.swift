import BotRuntime
import CampaignCore
import Foundation
import Testing
import TestSupport

/// A missing argument is asked for and the next message fills it, through the production
/// dispatcher and the store — the question survives a restart; `取消` drops it; a late answer is a new message.
@Suite("A conversation, not a form")
struct ConversationTests {
    @Test("预约示范课 10月21日 高二3班 数列 → 第几节？ → 3: booked, also across a restart")
    func askThenAnswer() async throws {
        try await Harness.with { h in
            try await h.login("T001")
            let asked = try await h.say("预约示范课 10月21日 高二3班 数列", as: "T001")
            #expect(asked.contains("第几节") && asked.contains("直接回复即可") && asked.contains("取消"))
            #expect(await h.state.pending.count == 1)
            h = try await h.restarted()
            let booked = try await h.say("3", as: "T001")
            #expect(booked.contains("已预约示范课 L-0001") && booked.contains("第3节") && booked.contains("课题《数列》"))
            #expect(await h.state.pending.isEmpty)
        }
    }

    @Test("取消 drops the question; a new command replaces it; a late answer is read as a new message")
    func dropReplaceTimeout() async throws {
        try await Harness.with { h in
            try await h.login("T002")
            _ = try await h.say("家访 王同学 上门", as: "T002")
            #expect(try await h.say("取消", as: "T002").contains("已取消"))
            let state = await h.state
            #expect(state.visits.isEmpty && state.pending.isEmpty)
            _ = try await h.say("家访 王同学 上门", as: "T002")
            #expect(try await h.say("我的进度", as: "T002").contains("王芳老师的进度"))
            #expect(await h.state.pending.isEmpty)
            _ = try await h.say("家访 王同学 上门", as: "T002")
            try h.advance(to: "2010-10-11T09:30:00+08:00")
            #expect(try await h.say("昨天", as: "T002").contains("没看懂"))
            #expect(await h.state.visits.isEmpty)
        }
    }

    @Test("a second missing argument is asked in turn; a group chat is never asked")
    func twoMissingAndGroups() async throws {
        try await Harness.with { h in
            try await h.login("T001")
            #expect(try await h.say("预约示范课 数列", as: "T001").contains("日期"))
            #expect(try await h.say("10月21日", as: "T001").contains("第几节"))
            #expect(try await h.say("第3节", as: "T001").contains("哪个班"))
            #expect(try await h.say("高二3班", as: "T001").contains("已预约示范课 L-0001"))
            _ = try await h.say("/book 2010-10-22", as: "T001", inGroup: staffRoom)
            #expect(await h.state.pending.isEmpty)
        }
    }
}
