import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// Rules that hold together: what one rule allows, another does not quietly undo.
@Suite("Rules that hold together")
struct RulesHoldTogetherTests {
    /// 李明 (语文) and 赵磊 (数学) each teach a nominated group lesson; 李明 books the school-wide one on 10月27日 第1节.
    static func schoolLesson() throws -> Session {
        let h = try Session()
        try h.login(["T001", "T004", "T005", "S001", "S002"])
        try h.say("预约示范课 10月19日 第3节 高二(3)班", as: "T001")
        try h.say("预约示范课 10月19日 第3节 高一(2)班", as: "T004")
        try h.say("推荐 L-0001", as: "S001")
        try h.advance(to: "2010-10-20T09:00:00+08:00")
        try h.say("确认示范课 L-0001 已上", as: "T001")
        let booked = try h.say("预约示范课 10月27日 第1节 高三(1)班 数列 全校", as: "T001")
        try #require(booked.contains("已预约示范课 L-0003"), "\(booked)")
        return h
    }

    @Test("全校示范课全校老师都要听: no group lesson at a school-wide lesson's slot, and no school-wide one at a group one's")
    func schoolWideSlotIsEveryones() throws {
        let h = try Self.schoolLesson()
        let group = try h.say("预约示范课 10月27日 第1节 高一(5)班", as: "T005")
        #expect(group.contains("全校已有示范课 L-0003（李明）——全校示范课全校老师都要听") && group.contains("请换一个节次或日期"), "\(group)")
        #expect(h.state.lessons.count == 3)

        // The other way round: a group lesson first, then a school-wide one at its slot.
        #expect(try h.say("预约示范课 10月28日 第2节 高一(5)班", as: "T005").contains("已预约示范课 L-0004"))
        try h.say("推荐 L-0002", as: "S002")
        try h.say("确认示范课 L-0002 已上", as: "T004")
        let school = try h.say("预约示范课 10月28日 第2节 高三(2)班 复数 全校", as: "T004")
        #expect(school.contains("组内已有示范课 L-0004（孙丽）") && school.contains("不能与组内示范课同时上"), "\(school)")
    }

    @Test("a secretary's 通知 全校 is refused, saying she notifies her branch and how; an admin's goes to everyone")
    func secretaryNotifiesHerBranch() throws {
        let h = try Session()
        try h.login(["A001", "S002", "T004", "T001"])
        let sent = try h.send("通知 全校 明天升旗", from: .of("S002"))
        #expect(sent.allSatisfy { $0.kind == .reply }, "nothing goes out: \(sent.map(\.text))")
        let reply = sent.map(\.text).joined()
        #expect(reply.contains("书记只能通知本支部（数学支部）") && reply.contains("通知 明天升旗"), "\(reply)")
        let admin = try h.send("通知 全校 明天升旗", from: .of("A001"))
        let notices = admin.filter { $0.kind == .broadcast }.map(\.text)
        #expect(notices.count == 3 && notices.allSatisfy { $0.hasPrefix("【通知】明天升旗") }, "\(notices)")
    }

    @Test("a school-wide lesson without a topic is asked for one, and the answer books it")
    func schoolLessonTopicAskedFor() throws {
        let h = try Session()
        try h.login(["T001", "S001"])
        try h.say("预约示范课 10月19日 第3节 高二(3)班", as: "T001")
        try h.say("推荐 L-0001", as: "S001")
        try h.advance(to: "2010-10-20T09:00:00+08:00")
        try h.say("确认示范课 L-0001 已上", as: "T001")
        let asked = try h.say("预约示范课 10月27日 第1节 高三(1)班 全校", as: "T001")
        #expect(asked.contains("全校示范课请告诉我课题"), "\(asked)")
        #expect(h.state.lessons.count == 1)
        let booked = try h.say("函数的单调性", as: "T001")
        #expect(booked.contains("已预约示范课 L-0002") && booked.contains("课题《函数的单调性》，全校"), "\(booked)")
    }
}
