import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// Lists that tell the truth, records that can be corrected, answers fit for a phone.
/// Demo roster (see RuleTests); A001 is the admin, S001 the 语文支部 secretary.
@Suite("Answers a school can trust")
struct TrustworthyAnswersTests {
    // MARK: 1. lists that tell the truth

    @Test("on a fresh store nobody has begun: every missing list names everyone it applies to, and its rule")
    func freshStoreLists() throws {
        let h = try Session(now: "2010-07-02T09:00:00+08:00")
        try h.login("A001")
        for (command, star) in [("未完成 德育之星", "德育之星"), ("未完成 教学之星", "教学之星"), ("未完成 科学之星", "科学之星")] {
            let reply = try h.say(command, as: "A001")
            #expect(!reply.contains("全部完成"), "\(command): \(reply)")
            #expect(reply.contains("未申报") && reply.contains("规则：\(star)面向"), "\(command): \(reply)")
        }
        let visits = try h.say("未完成 家访", as: "A001")
        #expect(!visits.contains("全部完成") && visits.contains("节假日家访 0/1") && visits.contains("规则："))
        let lessons = try h.say("未完成 示范课", as: "A001")
        #expect(lessons.contains("李明（未预约）") && lessons.contains("一线党员教师"))
        #expect(!lessons.contains("张伟"), "a teacher who is not a Party member owes no demo lesson")
        let research = try h.say("未完成 科学之星", as: "A001")
        #expect(research.contains("张伟"), "科学之星 is open to all teachers")
    }

    @Test("统计 数学支部 and 未完成 示范课 语文支部 filter by branch; a secretary sees only their own")
    func branchFilters() throws {
        let h = try Session()
        try h.login("A001")
        try h.login("S001")
        let math = try h.say("统计 数学支部", as: "A001")
        #expect(math.contains("数学支部") && !math.contains("语文支部（"))
        let chinese = try h.say("未完成 示范课 语文支部", as: "A001")
        #expect(chinese.contains("李明") && !chinese.contains("刘洋"))
        #expect(try h.say("统计 数学支部", as: "S001").contains("只能查看或通知本支部（语文支部）"))
        #expect(try h.say("统计 物理支部", as: "A001").contains("名单中没有“物理支部”"))
        let own = try h.say("未完成 示范课", as: "S001")
        #expect(own.contains("语文支部") && !own.contains("数学支部"))
    }

    @Test("a booked lesson whose day has passed is 待确认, not taught, until someone confirms it")
    func lessonsAwaitConfirmation() throws {
        let h = try Session()
        try h.login("T001")
        try h.login("A001")
        #expect(try h.say("预约示范课 10月13日 第3节 高二3班 数列", as: "T001").contains("L-0001"))
        try h.advance(to: "2010-10-14T09:00:00+08:00")
        #expect(try h.say("未完成 示范课", as: "A001").contains("李明（L-0001 10月13日 待确认）"))
        #expect(try h.say("确认示范课 L-0001 已上", as: "T001").contains("已确认示范课 L-0001 已上"))
        #expect(!(try h.say("未完成 示范课", as: "A001")).contains("李明"))
    }

    // MARK: 2. records can be corrected

    @Test("撤销 / 删除 / 修改 / 取消家访 are understood; a teacher corrects their own records, with history")
    func teacherCorrections() throws {
        let h = try Session()
        try h.login("T001")
        try h.say("提交 精品课 函数复习", as: "T001")
        #expect(try h.say("修改 W-0001 标题 函数的单调性复习", as: "T001").contains("现在：成果 W-0001：精品课《函数的单调性复习》"))
        #expect(h.state.works.first?.title == "函数的单调性复习")
        #expect(h.state.history["W-0001"]?.first?.before.contains("函数复习") == true)
        #expect(try h.say("撤销 W-0001", as: "T001").contains("已撤销成果 W-0001"))
        #expect(h.state.works.isEmpty && h.state.history["W-0001"]?.count == 2)
        try h.say("家访 昨天 王同学 上门", as: "T001")
        #expect(try h.say("取消家访 V-0001", as: "T001").contains("已撤销家访 V-0001"))
        try h.say("承诺 教学之星 上好精品课", as: "T001")
        #expect(try h.say("删除 P-0001", as: "T001").contains("已撤销承诺 P-0001"))
        #expect(h.state.pledges.isEmpty)
    }

    @Test("nobody changes another teacher's record; an admin corrects anyone's and the teacher is told")
    func adminCorrections() throws {
        let h = try Session()
        let li = try h.login("T001")
        try h.login("T002")
        try h.login("A001")
        try h.say("提交 精品课 函数复习", as: "T001")
        #expect(try h.say("撤销 W-0001", as: "T002").contains("不是您登记的"))
        let replies = try h.send("修改 W-0001 标题:函数复习课", from: .of("A001"))
        #expect(replies.contains { $0.kind == .reply && $0.text.contains("已修改") })
        #expect(replies.contains { $0.kind == .notice && $0.to == li.chat && $0.text.contains("管理员周建国更正了您的记录") })
        #expect(h.state.history["W-0001"]?.last?.by == "A001")
    }

    @Test("取消示范课 L-0008 by the admin after its day: done (he is the admin); a teacher is asked to confirm instead")
    func pastLessonCancel() throws {
        let h = try Session()
        try h.login("T001")
        try h.login("A001")
        try h.say("预约示范课 10月13日 第3节 高二3班 数列", as: "T001")
        try h.advance(to: "2010-10-20T09:00:00+08:00")
        let teacher = try h.say("取消示范课 L-0001", as: "T001")
        #expect(teacher.contains("确认示范课 L-0001 已上") && teacher.contains("确认示范课 L-0001 未上"))
        let admin = try h.say("取消示范课 L-0001", as: "A001")
        #expect(admin.contains("已取消示范课 L-0001") && !admin.contains("请联系党总支管理员"))
        #expect(h.state.lesson("L-0001")?.status == .cancelled)
        #expect(h.state.history["L-0001"]?.last?.action == "取消")
    }

    @Test("a secretary confirms their branch's lesson as not taught; another branch's secretary may not")
    func secretaryConfirms() throws {
        let h = try Session()
        try h.login("T001")
        try h.login("S001")
        try h.login("S002")
        try h.say("预约示范课 10月13日 第3节 高二3班 数列", as: "T001")
        #expect(try h.say("确认示范课 L-0001 未上", as: "S001").contains("上完之后再确认"))
        try h.advance(to: "2010-10-14T09:00:00+08:00")
        #expect(try h.say("确认示范课 L-0001 未上", as: "S002").contains("由李明老师本人"))
        #expect(try h.say("确认示范课 L-0001 未上", as: "S001").contains("已记录示范课 L-0001 未上"))
        #expect(h.state.lesson("L-0001")?.status == .notHeld)
    }

    // MARK: 7. phone-friendly output

    @Test("统计 阶段 writes 2010年6月11日; 我的家访 lists a teacher's own visits, never in a group")
    func phoneFriendly() throws {
        let h = try Session()
        try h.login("T002")
        try h.login("A001")
        let phases = try h.say("统计 阶段", as: "A001")
        #expect(phases.contains("2010年6月11日—2010年6月30日") && !phases.contains("6/11/10"))
        try h.say("家访 10月10日 王同学 上门 谈学习", as: "T002")
        let mine = try h.say("我的家访", as: "T002")
        #expect(mine.contains("V-0001 2010年10月10日（周日，节假日） 王同学 上门 谈学习"))
        let room = ChatAddress(transport: "telegram", chat: "-100")
        let group = try h.send("/visits", from: .of("T002"), inGroup: room).filter { $0.to == room }.map(\.text)
        #expect(!group.joined().contains("王同学"))
    }

    @Test("通知 数学支部 … reaches that branch only; a secretary may notify their own branch")
    func branchNotice() throws {
        let h = try Session()
        for id in ["A001", "S001", "T001", "S002"] { try h.login(id) }
        let sent = try h.send("通知 数学支部 周五教研", from: .of("A001")).filter { $0.kind == .broadcast }
        #expect(sent.count == 1 && sent[0].staffID == "S002" && sent[0].text.hasPrefix("【数学支部通知】"))
        let own = try h.send("通知 周五下午语文组教研", from: .of("S001")).filter { $0.kind == .broadcast }
        #expect(own.map(\.staffID) == ["T001"])
        #expect(try h.say("通知 数学支部 开会", as: "S001").contains("只能查看或通知本支部"))
        #expect(try h.say("通知 开会", as: "T001").contains("只对支部书记和管理员开放"))
    }
}

@Suite("The same work twice")
struct DuplicateWorkTests {
    @Test("submitting the same work again asks instead of storing a duplicate; a different title is a new record")
    func sameWorkTwice() throws {
        let h = try Session()
        try h.login("T001")
        #expect(try h.say("提交 精品课 函数复习", as: "T001").contains("W-0001"))
        let again = try h.say("提交 精品课 《函数复习》", as: "T001")
        #expect(again.contains("已登记过成果 W-0001") && again.contains("修改 W-0001"))
        #expect(h.state.works.count == 1)
        #expect(try h.say("提交 精品课 函数复习第二课时", as: "T001").contains("W-0002"))
    }
}
