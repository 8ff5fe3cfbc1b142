import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// Holidays and make-up workdays as campaign data, slot clashes, the school-wide round (nominated
/// and taught first), its withdrawal with the group lesson or the nomination.
/// Demo roster (see RuleTests): 语文支部 S001 (secretary), T001 李明, T002 王芳; 数学支部 S002 (secretary), T004 赵磊;
/// 综合支部 T008 何晓燕; A001 admin.
@Suite("Demo-lesson rules")
struct LessonRuleTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) throws -> CalendarDate {
        try #require(CalendarDate(year: y, month: m, day: d))
    }

    @Test("holidays, vacations and make-up workdays are campaign data")
    func calendarData() throws {
        let c = Campaign.builtIn
        #expect(c.holiday(on: try Self.day(2010, 10, 5))?.name == "国庆节")
        #expect(c.holiday(on: try Self.day(2011, 5, 1))?.name == "劳动节")
        #expect(c.holiday(on: try Self.day(2010, 8, 1))?.kind == .vacation)
        #expect(c.holiday(on: try Self.day(2011, 2, 1))?.name == "寒假")
        #expect(c.holiday(on: try Self.day(2012, 7, 20))?.name == "暑假")
        for (m, d) in [(9, 19), (9, 26)] {
            let date = try Self.day(2010, m, d)
            #expect(date.isWeekend && c.makeUpWorkday(on: date) != nil && !c.isHoliday(date), "\(date)")
        }
        #expect(c.isHoliday(try Self.day(2010, 10, 10)))  // a plain Sunday
        #expect(!c.isHoliday(try Self.day(2010, 10, 11)))  // a Monday in term
        #expect(CampaignFile.validate(c).isEmpty)
    }

    @Test(
        "the campaign file carries holidays and make-up workdays; older files without them (or without names) still load"
    )
    func campaignFileCalendar() throws {
        let data = try CampaignFile.encode(.builtIn)
        let text = String(decoding: data, as: UTF8.self)
        #expect(
            text.contains("\"makeUpWorkdays\"") && text.contains("\"2010-09-19\"") && text.contains("\"国庆节\"")
                && text.contains("\"vacation\""))
        #expect(try CampaignFile.encode(try CampaignFile.load(data)) == data)
        // A file from before: no holidays and no make-up workdays at all → the built-in ones.
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["holidays"] = nil
        object["makeUpWorkdays"] = nil
        let old = try CampaignFile.load(try JSONSerialization.data(withJSONObject: object))
        #expect(old.holidays == Campaign.builtIn.holidays && old.makeUpWorkdays == Campaign.builtIn.makeUpWorkdays)
        // Holidays listed as bare spans, as older files did: they load, named 节假日.
        object["holidays"] = [["from": "2010-10-01", "to": "2010-10-07"]]
        let bare = try CampaignFile.load(try JSONSerialization.data(withJSONObject: object))
        let national = bare.holiday(on: try Self.day(2010, 10, 3))
        #expect(national?.name == "节假日" && national?.kind == .holiday)
        let workday = try Self.day(2010, 9, 26)
        #expect(bare.makeUpWorkday(on: workday) != nil)
        // A make-up workday must be a weekend day.
        object["makeUpWorkdays"] = [["date": "2010-09-20", "name": "调休"]]
        #expect(throws: CampaignFile.Problem.self) {
            try CampaignFile.load(try JSONSerialization.data(withJSONObject: object))
        }
    }

    @Test("a lesson on a holiday or in a vacation is refused with the reason and a school day to choose")
    func holidayRefused() throws {
        let h = try Session(now: "2010-09-27T09:00:00+08:00")
        try h.login("T001")
        let national = try h.say("预约示范课 10月5日 第3节 高二(3)班", as: "T001")
        #expect(national.contains("2010年10月5日（周二）是国庆节（2010年10月1日—2010年10月7日放假），学校不上课"), "\(national)")
        #expect(national.contains("请另选上课日，例如2010年10月8日（周五）"))
        let winter = try h.say("预约示范课 2011-01-25 第3节 高二(3)班", as: "T001")
        #expect(winter.contains("是寒假") && winter.contains("请另选上课日"), "\(winter)")
        let mayDay = try h.say("预约示范课 2011年5月1日 第3节 高二(3)班", as: "T001")
        #expect(mayDay.contains("是劳动节"), "\(mayDay)")
        #expect(h.state.lessons.isEmpty)
    }

    @Test("a make-up workday is a school day: the lesson is booked and said to be on one")
    func makeUpWorkdayAccepted() throws {
        let h = try Session(now: "2010-09-13T09:00:00+08:00")
        try h.login(["T001", "T004"])
        let first = try h.say("预约示范课 9月19日 第3节 高二(3)班", as: "T001")
        #expect(first.contains("已预约示范课 L-0001") && first.contains("调休上班日（中秋节调休），照常上课"), "\(first)")
        let second = try h.say("预约示范课 2010-09-26 第2节 高一(2)班", as: "T004")
        #expect(second.contains("已预约示范课 L-0002") && second.contains("国庆节调休") && !second.contains("注意"), "\(second)")
    }

    @Test("home visits: holidays and vacations count, a make-up workday does not")
    func visitDays() throws {
        let h = try Session()
        try h.login("T002")
        let national = try h.say("家访 2010-10-03 王同学 上门", as: "T002")
        #expect(national.contains("（周日，节假日：国庆节）") && !national.contains("不是节假日"), "\(national)")
        let workday = try h.say("家访 2010-09-26 李同学 电话", as: "T002")
        #expect(workday.contains("调休上班日（国庆节调休），不算节假日") && workday.contains("不计入德育之星"), "\(workday)")
        let summer = try h.say("家访 2010-08-02 赵同学 上门", as: "T002")
        #expect(summer.contains("暑假"), "\(summer)")
        #expect(h.state.visits.map(\.holiday) == [true, false, true])
    }

    @Test("two lessons at one slot clash in one class, in one branch, and for any two school-wide lessons")
    func clashes() throws {
        let h = try Session()
        try h.login(["T001", "T002", "T004", "T008", "S001", "S002"])
        #expect(try h.say("预约示范课 10月19日 第3节 高二(3)班", as: "T001").contains("L-0001"))
        let branch = try h.say("预约示范课 10月19日 第3节 高一(1)班", as: "T002")
        #expect(branch.contains("语文支部已有示范课 L-0001（李明）——本支部老师要互相听课") && branch.contains("请换一个节次或日期"), "\(branch)")
        let room = try h.say("预约示范课 10月19日 第3节 高二(3)班", as: "T008")
        #expect(room.contains("高二(3)班已有示范课 L-0001（李明）"), "\(room)")
        // Another branch at the same time in another class is fine.
        #expect(try h.say("预约示范课 10月19日 第3节 高一(2)班", as: "T004").contains("已预约示范课 L-0002"))
        // Two school-wide lessons never share a slot, whatever their branches.
        try h.say("推荐 L-0001", as: "S001")
        try h.say("推荐 L-0002", as: "S002")
        try h.advance(to: "2010-10-20T09:00:00+08:00")
        try h.say("确认示范课 L-0001 已上", as: "T001")
        try h.say("确认示范课 L-0002 已上", as: "S002")
        #expect(try h.say("预约示范课 10月27日 第1节 高三(1)班 数列 全校", as: "T001").contains("已预约示范课 L-0003"))
        let school = try h.say("预约示范课 10月27日 第1节 高三(2)班 数列 全校", as: "T004")
        #expect(school.contains("全校已有示范课 L-0003（李明）——全校示范课全校老师都要听"), "\(school)")
    }

    @Test("a school-wide lesson needs a group lesson, the branch's nomination, and the group lesson taught")
    func schoolRoundPrerequisites() throws {
        let h = try Session()
        try h.login(["T001", "S001"])
        let none = try h.say("预约示范课 10月20日 第1节 高三(1)班 数列 全校", as: "T001")
        #expect(none.contains("请先预约并上好组内示范课") && none.contains("推荐"), "\(none)")
        #expect(try h.say("预约示范课 10月12日 第1节 高二(3)班", as: "T001").contains("L-0001"))
        let unnominated = try h.say("预约示范课 10月20日 第1节 高三(1)班 数列 全校", as: "T001")
        #expect(unnominated.contains("还没有被推荐") && unnominated.contains("推荐 L-0001"), "\(unnominated)")
        let nominated = try h.send("推荐 L-0001", from: .of("S001"))
        #expect(
            nominated.contains {
                $0.kind == .notice && $0.to == FakeUser.of("T001").chat
                    && $0.text.contains("上完组内示范课（2010年10月12日）并发送“确认示范课 L-0001 已上”后")
            })
        let untaught = try h.say("预约示范课 10月20日 第1节 高三(1)班 数列 全校", as: "T001")
        #expect(untaught.contains("上完并确认后再预约全校展示") && untaught.contains("2010年10月12日"), "\(untaught)")
        // The day after, the lesson waits to be confirmed (待确认): taught is what the teacher or secretary says.
        try h.advance(to: "2010-10-13T09:00:00+08:00")
        let unconfirmed = try h.say("预约示范课 10月20日 第1节 高三(1)班 数列 全校", as: "T001")
        #expect(unconfirmed.contains("还待确认") && unconfirmed.contains("确认示范课 L-0001 已上"), "\(unconfirmed)")
        try h.say("确认示范课 L-0001 已上", as: "S001")
        let booked = try h.say("预约示范课 10月20日 第1节 高三(1)班 数列 全校", as: "T001")
        #expect(booked.contains("已预约示范课 L-0002") && booked.contains("全校"), "\(booked)")
    }

    /// 李明 (T001) books his group lesson on Tuesday 12 October (`alsoBooked` may book others after it), 语文支部
    /// nominates it, he confirms it taught the next day and books the school-wide round as `school`.
    static func liTeachesAndBooksTheSchoolRound(_ h: Session, school: String, alsoBooked: () throws -> Void = {}) throws
    {
        try h.say("预约示范课 10月12日 第1节 高二(3)班", as: "T001")
        try alsoBooked()
        try h.say("推荐 L-0001", as: "S001")
        try h.advance(to: "2010-10-13T09:00:00+08:00")
        try h.say("确认示范课 L-0001 已上", as: "T001")
        #expect(try h.say("预约示范课 10月20日 第1节 高三(1)班 数列 全校", as: "T001").contains("已预约示范课 \(school)"))
    }

    @Test("cancelling the group lesson withdraws the school-wide one, and its teacher is told")
    func cancelGroupWithdrawsSchool() throws {
        let h = try Session()
        try h.login(["T001", "S001", "A001"])
        try Self.liTeachesAndBooksTheSchoolRound(h, school: "L-0002")
        let out = try h.send("取消示范课 L-0001", from: .of("A001"))
        let reply = out.filter { $0.kind == .reply }.map(\.text).joined()
        #expect(reply.contains("李明的全校示范课 L-0002") && reply.contains("也随之撤销"), "\(reply)")
        #expect(
            out.contains {
                $0.kind == .notice && $0.to == FakeUser.of("T001").chat && $0.text.contains("全校示范课 L-0002")
                    && $0.text.contains("已撤销")
            })
        #expect(h.state.lesson("L-0002")?.isActive == false)
    }

    @Test("re-nominating withdraws the previous nomination (and its school-wide lesson) and tells that teacher")
    func renominate() throws {
        let h = try Session()
        try h.login(["T001", "T002", "S001"])
        try Self.liTeachesAndBooksTheSchoolRound(h, school: "L-0003") {
            try h.say("预约示范课 10月12日 第2节 高一(1)班", as: "T002")
        }
        let out = try h.send("推荐 L-0002", from: .of("S001"))
        let reply = out.filter { $0.kind == .reply }.map(\.text).joined()
        #expect(
            reply.contains("已推荐 L-0002") && reply.contains("原推荐 L-0001 已撤销（李明") && reply.contains("李明的全校示范课 L-0003"),
            "\(reply)")
        let toLi = out.filter { $0.kind == .notice && $0.to == FakeUser.of("T001").chat }
        #expect(toLi.count == 1)
        #expect(
            toLi.first?.text.contains("推荐已改为 L-0002（王芳）") == true && toLi.first?.text.contains("全校示范课 L-0003") == true)
        #expect(
            out.contains { $0.kind == .notice && $0.to == FakeUser.of("T002").chat && $0.text.contains("被推荐参加全校展示") })
        #expect(h.state.lesson("L-0003")?.isActive == false && h.state.lesson("L-0001")?.isActive == true)
    }
}
