import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// SPEC §4 rules for booking, nominating and cancelling demo lessons (see RuleTests for the roster).
extension RuleTests {
    // MARK: demo lessons

    @Test("book_lesson is for frontline Party members only")
    func bookEligibility() throws {
        let h = try Session()
        try h.login(["T003", "T007", "T001"])
        let nonParty = try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T003")
        #expect(nonParty.contains("一线党员教师") && nonParty.contains("联系管理员"))
        let administrative = try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T007")
        #expect(administrative.contains("一线党员教师"))
        #expect(h.state.lessons.isEmpty)
        #expect(try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T001").contains("L-0001"))
    }

    @Test("one active group-level booking per teacher")
    func oneBooking() throws {
        let h = try Session()
        try h.login("T001")
        #expect(try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T001").contains("L-0001"))
        let second = try h.say("预约示范课 10月19日 第2节 高一(1)班", as: "T001")
        #expect(second.contains("您已预约示范课 L-0001") && second.contains("取消示范课 L-0001"))
        #expect(h.state.lessons.count == 1)
    }

    @Test("no two lessons in the same class and period on the same day")
    func noClash() throws {
        let h = try Session()
        try h.login(["T001", "T002", "T004"])
        #expect(try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T001").contains("L-0001"))
        let clash = try h.say("预约示范课 10月12日 第三节 高二三班 古诗鉴赏", as: "T002")
        #expect(clash.contains("已有示范课 L-0001（李明）") && clash.contains("请换一个节次或日期"))
        // Another period, another class or another day is fine.
        #expect(try h.say("预约示范课 10月12日 第4节 高二(3)班", as: "T002").contains("L-0002"))
        #expect(try h.say("预约示范课 10月12日 第3节 高二(4)班", as: "T004").contains("L-0003"))
    }

    @Test("lessons only inside phase 2")
    func onlyPhaseTwo() throws {
        let h = try Session(now: "2010-06-20T09:00:00+08:00")
        try h.login("T001")
        let phaseOne = try h.say("预约示范课 2010-06-25 第3节 高二(3)班", as: "T001")
        #expect(phaseOne.contains("示范课须安排在第2阶段") && phaseOne.contains("2010年7月1日—2011年6月30日"))
        let phaseThree = try h.say("预约示范课 2011-07-05 第3节 高二(3)班", as: "T001")
        #expect(phaseThree.contains("示范课须安排在第2阶段"))
        #expect(h.state.lessons.isEmpty)
        #expect(try h.say("预约示范课 2010-07-01 第3节 高二(3)班", as: "T001").contains("L-0001"))
    }

    @Test("never in the past")
    func notInThePast() throws {
        let h = try Session()
        try h.login("T001")
        let past = try h.say("预约示范课 2010-10-08 第3节 高二(3)班", as: "T001")
        #expect(past.contains("已经过去了") && past.contains("请预约今天或以后的日期"))
        #expect(h.state.lessons.isEmpty)
        #expect(try h.say("预约示范课 今天 第8节 高二(3)班", as: "T001").contains("L-0001"))
    }

    @Test("a school-wide booking needs the branch's nomination")
    func schoolLevelNeedsNomination() throws {
        let h = try Session()
        try h.login(["T001", "S001"])
        #expect(try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T001").contains("L-0001"))
        let early = try h.say("预约示范课 10月26日 第3节 高二(3)班 数列 全校", as: "T001")
        #expect(early.contains("全校示范课需由支部推荐"))
        #expect(try h.say("推荐 L-0001", as: "S001").contains("已推荐 L-0001"))
        // The group lesson is taught first.
        try h.advance(to: "2010-10-13T09:00:00+08:00")
        try h.say("确认示范课 L-0001 已上", as: "T001")
        let school = try h.say("预约示范课 10月26日 第3节 高二(3)班 数列 全校", as: "T001")
        #expect(school.contains("已预约示范课 L-0002") && school.contains("全校"))
        let twice = try h.say("预约示范课 10月27日 第3节 高二(3)班 数列 全校", as: "T001")
        #expect(twice.contains("您已预约全校示范课 L-0002"))
    }

    @Test("one nomination per branch: a second one replaces the first")
    func oneNominationPerBranch() throws {
        let h = try Session()
        try h.login(["T001", "T002", "S001", "T004", "S002"])
        try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T001")
        try h.say("预约示范课 10月13日 第3节 高二(3)班", as: "T002")
        try h.say("预约示范课 10月14日 第3节 高二(3)班", as: "T004")
        #expect(try h.say("推荐 L-0003", as: "S002").contains("已推荐 L-0003"))
        #expect(try h.say("推荐 L-0001", as: "S001").contains("已推荐 L-0001"))
        let replace = try h.say("推荐 L-0002", as: "S001")
        #expect(replace.contains("已推荐 L-0002") && replace.contains("原推荐 L-0001 已撤销"))
        let nominated = h.state.lessons.filter(\.nominated).map(\.id)
        #expect(nominated == ["L-0002", "L-0003"])
    }

    @Test("a secretary nominates only lessons of their own branch; a teacher cannot nominate; an admin can")
    func nominateOwnBranch() throws {
        let h = try Session()
        try h.login(["T001", "S002", "T002", "A001"])
        try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T001")
        let other = try h.say("推荐 L-0001", as: "S002")
        #expect(other.contains("属于语文支部") && other.contains("只能推荐本支部（数学支部）"))
        let teacher = try h.say("推荐 L-0001", as: "T002")
        #expect(teacher.contains("只对支部书记和管理员开放"))
        #expect(h.state.lessons.filter(\.nominated).isEmpty)
        #expect(try h.say("推荐 L-0001", as: "A001").contains("已推荐 L-0001"))
    }

    @Test("cancel only your own lesson; an admin may cancel any and the teacher is told")
    func cancelOwn() throws {
        let h = try Session()
        let li = try h.login("T001")
        try h.login(["T002", "A001"])
        try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T001")
        let notMine = try h.say("取消示范课 L-0001", as: "T002")
        #expect(notMine.contains("不是您预约的"))
        #expect(h.state.lessons.first?.isActive == true)
        let byAdmin = try h.send("取消示范课 L-0001", from: .of("A001"))
        #expect(byAdmin.first?.text.contains("已取消示范课 L-0001") == true)
        #expect(byAdmin.contains { $0.to == li.chat && $0.kind == .notice && $0.text.contains("周建国取消了您的示范课 L-0001") })
        #expect(h.state.lessons.first?.status == .cancelled)
    }
}
