import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// A small school: one admin, a secretary, three teachers. Only 李明 has no chat identity in the roster, so he
/// binds with a one-time code; the others are bound through their listed Telegram ids.
let storyRoster = """
    工号,姓名,角色,支部,党员,权限,telegram,matrix
    A001,周建国,行政,党总支,是,管理员,65001,
    S002,刘洋,一线,数学支部,是,书记,83002,
    T001,李明,一线、班主任,数学支部,是,教师,,
    T004,赵磊,一线,数学支部,是,教师,84004,
    T007,冯涛,行政,综合支部,是,教师,84007,
    """

@Suite("A whole campaign through the production dispatcher")
struct StoryTests {
    @Test(
        "bind → pledge → book → clash → cancel → rebook → visit → restart → submit → progress → nominate → stats → missing → export"
    )
    func wholeCampaign() async throws {
        try await Harness.with(now: "2010-07-20T10:00:00+08:00", roster: storyRoster) { h in
            let li = FakeUser.of("T001")

            // Only the person without a chat identity gets a code.
            #expect(Array(h.codes.keys) == ["T001"])
            let code = try #require(h.codes["T001"])

            // Unbound: told how to bind, nothing recorded.
            let unbound = try await h.say("我的进度", from: li)
            #expect(unbound.contains("绑定 工号 绑定码"))

            let bound = try await h.say("绑定 T001 \(code)", from: li)
            #expect(bound.contains("绑定成功") && bound.contains("李明"))

            let pledge = try await h.say("承诺 教学之星 上好一堂精品课，写一篇教学案例", from: li)
            #expect(pledge.contains("已登记承诺 P-0001：教学之星——上好一堂精品课"))
            #expect(!pledge.contains("逾期"))
            let moral = try await h.say("承诺 德育之星 当好班主任，做好亲情家访", from: li)
            #expect(moral.contains("P-0002") && moral.contains("德育之星"))

            let booked = try await h.say("预约示范课 9月14日 第3节 高二(3)班 函数的单调性", from: li)
            #expect(containsInOrder(booked, ["已预约示范课 L-0001", "2010年9月14日", "第3节", "高二(3)班", "函数的单调性"]))

            // 赵磊 is bound automatically (his Telegram id is on the roster) and wants the same class and period.
            let clash = try await h.say("预约示范课 9月14日 第3节 高二3班 等差数列", as: "T004")
            #expect(clash.contains("已有示范课 L-0001") && clash.contains("李明") && clash.contains("请换一个"))
            #expect(await h.state.lessons.count == 1)

            let cancelled = try await h.say("取消示范课 L-0001", from: li)
            #expect(cancelled.contains("已取消示范课 L-0001"))
            let zhao = try await h.say("预约示范课 9月14日 第3节 高二3班 等差数列", as: "T004")
            #expect(zhao.contains("已预约示范课 L-0002"))
            let rebooked = try await h.say("预约示范课 9月15日 第2节 高二(3)班 函数的单调性", from: li)
            #expect(rebooked.contains("已预约示范课 L-0003") && rebooked.contains("2010年9月15日"))

            // Yesterday was Monday 19 July, in the summer vacation: a holiday visit.
            let visit = try await h.say("家访 昨天 王同学 上门 了解暑期学习情况", from: li)
            #expect(containsInOrder(visit, ["已登记家访 V-0001", "2010年7月19日", "节假日", "王同学", "上门", "了解暑期学习情况"]))
            #expect(!visit.contains("不是节假日"))

            // A restart in the middle of the story keeps everything.
            h = try await h.restarted()
            let afterRestart = await h.state
            #expect(afterRestart.pledges.map(\.id) == ["P-0001", "P-0002"])
            #expect(afterRestart.lessons.map(\.id) == ["L-0001", "L-0002", "L-0003"])
            #expect(afterRestart.lessons.map(\.status) == [.cancelled, .booked, .booked])
            #expect(afterRestart.visits.map(\.student) == [StudentData("王同学")])
            #expect(afterRestart.bindings[li.identity.key] == "T001")

            let showcase = try await h.say("提交 精品课 函数复习", from: li)
            #expect(showcase.contains("已登记成果 W-0001") && showcase.contains("精品课 ✓，优秀教学案例 ✗"))
            let teachingCase = try await h.say("提交 教学案例 函数的单调性教学案例", from: li)
            #expect(teachingCase.contains("W-0002") && teachingCase.contains("已全部完成"))

            let progress = try await h.say("我的进度", from: li)
            #expect(
                containsInOrder(
                    progress,
                    [
                        "李明老师的进度（2010年7月20日）",
                        "德育之星（P-0002）", "✗ 经验论文或总结 待完成", "✗ 模范事迹讲座或好班会 待完成",
                        "✓ 节假日亲情家访（V-0001）",
                        "教学之星（P-0001）已完成 ✓", "✓ 精品课（W-0001）", "✓ 优秀教学案例（W-0002）",
                        "示范课：L-0003", "家访：1 次（其中节假日 1 次）",
                        "下一个节点：教师节 2010年9月10日", "下一个截止：您的示范课 L-0003 2010年9月15日",
                    ]))
            #expect(!progress.contains("L-0001"))

            // After the lesson, the secretary nominates it; the teacher is told and books the school-wide round.
            try h.advance(to: "2010-09-16T10:00:00+08:00")
            let nominated = try await h.send("推荐 L-0003", from: .of("S002"))
            #expect(nominated.first { $0.kind == .reply }?.text.contains("已推荐 L-0003") == true)
            #expect(nominated.contains { $0.kind == .notice && $0.to == li.chat && $0.text.contains("L-0003") })
            // The school-wide round comes after the group lesson is confirmed taught.
            #expect(try await h.say("确认示范课 L-0003 已上", from: li).contains("已确认示范课 L-0003 已上"))
            let school = try await h.say("预约示范课 2010-10-20 第1节 高三(1)班 函数复习 全校", from: li)
            #expect(school.contains("已预约示范课 L-0004") && school.contains("全校"))

            let secretaryStats = try await h.say("统计 支部", as: "S002")
            #expect(secretaryStats.contains("数学支部（3人）"))
            #expect(!secretaryStats.contains("综合支部") && !secretaryStats.contains("党总支"))
            let adminStats = try await h.say("统计 支部", as: "A001")
            #expect(containsInOrder(adminStats, ["党总支（1人）", "数学支部（3人）", "综合支部（1人）", "合计（5人）"]))

            let missing = try await h.say("未完成 承诺", as: "A001")
            #expect(missing.contains("全校，4/5 人") && missing.contains("冯涛") && missing.contains("赵磊"))
            #expect(!missing.contains("李明"))

            let export = try await h.send("导出", from: .of("A001"))
            let file = try #require(export.first?.attachment)
            #expect(file.fileName.hasSuffix(".csv") && file.mimeType == "text/csv")
            #expect(file.content.unicodeScalars.first == "\u{FEFF}")
            for id in ["P-0001", "P-0002", "L-0001", "L-0002", "L-0003", "L-0004", "V-0001", "W-0001", "W-0002"] {
                #expect(file.content.contains(",\(id),"), "export lacks \(id)")
            }
            #expect(file.content.contains("王同学"))
            // For people: Chinese columns and values (来校 and 全校 are told apart).
            #expect(file.content.hasPrefix("\u{FEFF}类型,编号,工号,姓名,支部,日期"))
            #expect(file.content.contains("示范课,L-0001") && !file.content.contains(",lesson,"))

            // Every reply went to the chat it answered, and is waiting in the outbox for the transport.
            let outbox = await h.state.outbox
            #expect(outbox.count >= 20)
            #expect(outbox.filter { $0.to == li.chat && $0.kind == .reply }.count == 13)
        }
    }
}
