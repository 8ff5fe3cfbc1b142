import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// True when `text` has a CJK ideograph outside the quoted values the person typed.
func hasChinese(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
}

@Suite("Replies: confirmations, language, refusals")
struct ReplyTests {
    @Test("every change is confirmed with its record id and repeats what was recorded")
    func confirmations() throws {
        let h = try Session()
        try h.login(["T002", "S001"])
        let cases: [(String, String, [String])] = [
            ("T002", "承诺 德育之星 每学期家访全班学生", ["P-0001", "德育之星", "每学期家访全班学生"]),
            ("T002", "预约示范课 下周二 下午第2节 高一1班 荷塘月色", ["L-0001", "2010年10月19日", "第6节", "高一(1)班", "荷塘月色", "组内"]),
            ("T002", "家访 10月10日 李同学 视频 讨论作文", ["V-0001", "2010年10月10日", "李同学", "视频", "讨论作文"]),
            ("T002", "提交 班会 感恩教育主题班会", ["W-0001", "班会", "感恩教育主题班会"]),
            ("S001", "推荐 L-0001", ["L-0001", "王芳", "2010年10月19日", "语文支部"]),
            ("T002", "取消示范课 L-0001", ["L-0001", "2010年10月19日", "第6节", "高一(1)班", "荷塘月色", "全校推荐也随之取消"]),
        ]
        for (who, text, expected) in cases {
            let reply = try h.say(text, as: who)
            for fragment in expected {
                #expect(reply.contains(fragment), "«\(text)» reply lacks \(fragment): \(reply)")
            }
        }
    }

    @Test("replies are in English when the command was English")
    func english() throws {
        let h = try Session()
        try h.login(["T001", "A001"])
        // A slash command alone is how groups talk to the bot: Chinese; English words after it choose English.
        let me = try h.say("/me", as: "T001")
        #expect(me.hasPrefix("李明老师的进度"), "\(me)")
        let pledge = try h.say("/pledge research write a paper on functions", as: "T001")
        #expect(pledge.hasPrefix("Pledge P-0001 recorded: Research Star — write a paper on functions"))
        // A class name is always Chinese, and a message with Chinese in it is answered in Chinese (the parser's
        // rule), so the booking goes in Chinese and the cancellation in English.
        try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T001")
        let cancel = try h.say("/cancel L-0001", as: "T001")
        #expect(cancel.hasPrefix("已取消示范课 L-0001"), "\(cancel)")
        try h.say("预约示范课 10月13日 第3节 高二(3)班", as: "T001")
        let lessons = try h.say("/lessons this week", as: "T001")
        #expect(lessons.contains("L-0002 10/13 Wed P3 高二(3)班 李明"), "\(lessons)")
        let submit = try h.say("/submit research_paper Teaching functions", as: "T001")
        #expect(submit.hasPrefix("Work W-0001 recorded"))
        #expect(hasChinese(try h.say("/help", as: "T001")))
        let help = try h.say("/help english", as: "T001")
        #expect(help.hasPrefix("Commands") && !hasChinese(help), "\(help)")
        let remind = try h.say("/remind off", as: "T001")
        #expect(
            remind == "Reminders are off. Notices from the admins still arrive. Send /remind on to turn them back on.")
        // Admin reports answer in the language asked.
        let stats = try h.say("/stats branch", as: "A001")
        #expect(stats.hasPrefix("Statistics"), "\(stats)")
        let missing = try h.say("/missing pledge", as: "A001")
        #expect(missing.hasPrefix("No pledge yet"), "\(missing)")
        // And Chinese otherwise.
        #expect(try h.say("我的进度", as: "T001").hasPrefix("李明老师的进度"))
        #expect(try h.say("统计 支部", as: "A001").hasPrefix("统计·按支部"))
    }

    /// Each refusal: (who, message, why, what to do).
    static let refusals: [(String, String, String, String)] = [
        ("T001", "承诺 德育之星 家访", "德育之星面向行政人员、班主任", "您可以申报"),
        ("T003", "预约示范课 10月12日 第3节 高二(3)班", "一线党员教师", "联系管理员"),
        ("T001", "预约示范课 2010-10-08 第3节 高二(3)班", "已经过去了", "请预约今天或以后的日期"),
        ("T001", "预约示范课 2011-07-05 第3节 高二(3)班", "须安排在第2阶段", "请"),
        ("T001", "预约示范课 10月19日 第3节 高二(3)班 数列 全校", "需由支部推荐", "请先"),
        ("T002", "预约示范课 10月12日 第3节 高二(3)班", "已有示范课 L-0001", "请换一个节次或日期"),
        ("T001", "预约示范课 10月13日 第3节 高二(5)班", "您已预约示范课 L-0001", "请先发送“取消示范课 L-0001”"),
        ("T002", "取消示范课 L-0001", "不是您预约的", "请"),
        ("T001", "取消示范课 L-0099", "没有找到示范课 L-0099", "发送“我的进度”"),
        ("T001", "家访 明天 王同学", "还没到", "请在家访之后再登记"),
        ("T001", "家访 2010-05-01 王同学", "须在活动期间", "请"),
        ("S002", "推荐 L-0001", "只能推荐本支部", "请"),
        ("S001", "推荐 L-0099", "没有找到有效的示范课 L-0099", "发送“示范课安排”"),
        ("T001", "统计", "只对支部书记和管理员开放", "发送“帮助”"),
        ("T001", "导出", "只对党总支管理员开放", "发送“帮助”"),
    ]

    @Test("every refusal says why and what to do", arguments: 0..<refusals.count)
    func refusalSaysWhyAndWhatToDo(index: Int) throws {
        let (who, text, why, todo) = Self.refusals[index]
        let h = try Session()
        try h.login(["T001", "T002", "T003", "S001", "S002"])
        try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T001")
        let before = h.state
        let reply = try h.say(text, as: who)
        #expect(reply.contains(why), "«\(text)»: \(reply)")
        #expect(reply.contains(todo), "«\(text)» does not say what to do: \(reply)")
        let after = h.state
        #expect(
            after.lessons == before.lessons && after.pledges == before.pledges && after.visits == before.visits,
            "a refusal changed records")
    }

    @Test("refusals of a cancelled or past lesson say what to do")
    func lessonStateRefusals() throws {
        let h = try Session()
        try h.login(["T001", "S001"])
        try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T001")
        try h.say("取消示范课 L-0001", as: "T001")
        let twice = try h.say("取消示范课 L-0001", as: "T001")
        #expect(twice.contains("已经取消过了") && twice.contains("示范课安排"), "\(twice)")
        try h.say("预约示范课 10月13日 第3节 高二(3)班", as: "T001")
        try h.advance(to: "2010-10-14T09:00:00+08:00")
        let past = try h.say("取消示范课 L-0002", as: "T001")
        // A past lesson is not cancelled but confirmed: the reply says how.
        #expect(past.contains("已过，不能取消") && past.contains("确认示范课 L-0002 已上"), "\(past)")
        #expect(try h.say("推荐 L-0002", as: "S001").contains("已推荐"))
        let again = try h.say("推荐 L-0002", as: "S001")
        #expect(again.contains("已经是语文支部的推荐课") && again.contains("请"), "\(again)")
    }

    @Test("a message that is not a command gets the menu hint; group chatter is ignored")
    func notACommand() throws {
        let h = try Session()
        try h.login("T001")
        let reply = try h.say("今天天气怎么样", as: "T001")
        #expect(reply.contains("帮助"))
        let group = try h.send("大家好", from: .of("T001"), inGroup: staffRoom)
        #expect(group.isEmpty)
    }
}
