import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

@Suite("Permissions and privacy")
struct PermissionTests {
    @Test(
        "a teacher asking for secretary and admin commands is refused politely, naming who may",
        arguments: [
            ("统计", "支部书记和管理员"), ("未完成 承诺", "支部书记和管理员"), ("推荐 L-0001", "支部书记和管理员"),
            ("通知 明天开会", "支部书记和管理员"), ("导出", "党总支管理员"),
        ])
    func teacherRefused(text: String, who: String) throws {
        let h = try Session()
        try h.login("T001")
        let reply = try h.say(text, as: "T001")
        #expect(reply.hasPrefix("抱歉") && reply.contains("只对\(who)开放") && reply.contains("发送“帮助”"), "\(text): \(reply)")
        #expect(h.state.outbox.filter { $0.kind == .broadcast }.isEmpty)
    }

    @Test("the refusal is in English for an English command")
    func teacherRefusedInEnglish() throws {
        let h = try Session()
        try h.login("T001")
        #expect(
            try h.say("/stats branch", as: "T001")
                == "Sorry, /stats is for branch secretaries and admins only. Send /help to see your commands.")
        // A slash command alone is answered in Chinese.
        #expect(try h.say("/export", as: "T001").contains("“导出”只对党总支管理员开放"))
    }

    @Test("a secretary's stats and missing lists show only their branch; an admin sees all")
    func secretaryScope() throws {
        let h = try Session()
        try h.login(["S001", "A001"])
        for dimension in ["支部", "三星", "阶段"] {
            let stats = try h.say("统计 \(dimension)", as: "S001")
            #expect(
                stats.contains("语文支部") && !stats.contains("数学支部") && !stats.contains("全校"), "\(dimension): \(stats)")
        }
        let mine = try h.say("统计 支部", as: "S001")
        #expect(mine.contains("语文支部（4人）") && mine.contains("承诺 0/4"))
        let missing = try h.say("未完成 承诺", as: "S001")
        #expect(
            missing.contains("语文支部，4/4 人") && missing.contains("李明") && !missing.contains("赵磊")
                && !missing.contains("周建国"))
        let lessons = try h.say("未完成 示范课", as: "S001")
        #expect(lessons.contains("李明") && !lessons.contains("张伟"), "张伟 is not a Party member")
        let all = try h.say("统计 支部", as: "A001")
        #expect(all.contains("语文支部") && all.contains("数学支部") && all.contains("综合支部") && all.contains("合计（12人）"))
        let everyone = try h.say("未完成 承诺", as: "A001")
        #expect(everyone.contains("全校，12/12 人") && everyone.contains("赵磊") && everyone.contains("李明"))
    }

    /// 王芳 (T002, 语文支部, 班主任) reports a visit; nobody but her and the admins may ever read the student or the note.
    @Test("a teacher's home visit details reach no one else but the admins")
    func visitPrivacy() throws {
        let h = try Session()
        try h.login(["T001", "T002", "S001", "S002", "A001"])
        try h.say("承诺 德育之星 亲情家访", as: "T002")
        try h.say("预约示范课 10月12日 第3节 高二(3)班", as: "T002")
        let own = try h.say("家访 10月10日 欧阳小明 上门 父母离异需要关注", as: "T002")
        #expect(own.contains("欧阳小明") && own.contains("父母离异需要关注"))
        try h.say("家访 今天 司马小红 电话 成绩下滑", as: "T002")

        let probes: [(String, [String])] = [
            ("T001", ["我的进度", "示范课安排", "日程", "统计", "未完成 家访", "/me", "/lessons", "帮助 家访"]),
            (
                "S001",
                [
                    "统计 支部", "统计 三星", "统计 阶段", "未完成 家访", "未完成 德育之星", "未完成 承诺", "未完成 示范课",
                    "示范课安排", "我的进度",
                ]
            ),
            ("S002", ["统计 支部", "未完成 家访", "示范课安排"]),
            ("A001", ["统计 支部", "统计 三星", "统计 阶段", "未完成 家访", "未完成 德育之星", "示范课安排"]),
        ]
        for (asker, texts) in probes {
            for text in texts {
                let reply = try h.say(text, as: asker)
                for secret in ["欧阳小明", "父母离异", "司马小红", "成绩下滑"] {
                    #expect(!reply.contains(secret), "\(asker) «\(text)» shows \(secret): \(reply)")
                }
            }
        }
        // Stats count the visits without naming anyone's students.
        let stats = try h.say("统计 支部", as: "A001")
        #expect(stats.contains("家访 2（节假日 1）"))
        // Her own progress counts them too.
        #expect(try h.say("我的进度", as: "T002").contains("家访：2 次（其中节假日 1 次）"))
        // Nothing about the visits was sent to anybody else's chat.
        let others = h.state.outbox.filter { $0.to != FakeUser.of("T002").chat }
        #expect(!others.contains { $0.text.contains("欧阳小明") || $0.text.contains("司马小红") })
    }

    @Test("a visit reported in a group chat is confirmed without the student or the note")
    func visitInGroup() throws {
        let h = try Session()
        try h.login("T002")
        let replies = try h.send("/visit 10月9日 欧阳小明 上门 父母离异需要关注", from: .of("T002"), inGroup: staffRoom)
        let reply = try #require(replies.first)
        #expect(reply.to == staffRoom)
        #expect(reply.text.contains("V-0001"))
        #expect(!reply.text.contains("欧阳小明") && !reply.text.contains("父母离异"), "\(reply.text)")
        let weekday = try h.send("/visit 今天 司马小红 电话 成绩下滑", from: .of("T002"), inGroup: staffRoom)
        #expect(weekday.first?.text.contains("V-0002") == true)
        #expect(
            weekday.filter { $0.to == staffRoom }.allSatisfy {
                !$0.text.contains("司马小红") && !$0.text.contains("成绩下滑")
            })
        // Mistakes are answered in the group without repeating the student either.
        for text in [
            "/visit 欧阳小明 父母离异", "/visit 2月30日 欧阳小明 父母离异", "/visit 明天 欧阳小明 父母离异",
            "@cxzy_bot 家访 上门 电话 欧阳小明 父母离异",
        ] {
            let replies = try h.send(text, from: .of("T002"), inGroup: staffRoom)
            #expect(!replies.isEmpty, "\(text)")
            #expect(
                replies.allSatisfy { !$0.text.contains("欧阳小明") && !$0.text.contains("父母离异") },
                "\(text): \(replies.map(\.text))")
        }
        // The record itself is complete.
        #expect(h.state.visits.map(\.student) == [StudentData("欧阳小明"), StudentData("司马小红")])
        // A group message does not become the teacher's private address.
        #expect(h.state.directChats["T002"] == [FakeUser.of("T002").chat])
    }

    @Test("export is refused in a group chat")
    func exportNotInGroup() throws {
        let h = try Session()
        try h.login("A001")
        let replies = try h.send("/export", from: .of("A001"), inGroup: staffRoom)
        #expect(replies.count == 1)
        #expect(replies.first?.attachment == nil)
        #expect(replies.first?.text.contains("私聊") == true)
        let chinese = try h.send("@cxzy_bot 导出", from: .of("A001"), inGroup: staffRoom)
        #expect(chinese.first?.attachment == nil && chinese.first?.text.contains("私聊") == true)
    }

    @Test("a broadcast reaches everyone bound except the sender, and says how many could not be reached")
    func broadcast() throws {
        let h = try Session()
        try h.login(["A001", "T001", "T002", "S003"])
        let sent = try h.send("通知 本周五下午召开支部大会", from: .of("A001"))
        let reply = try #require(sent.first { $0.kind == .reply })
        #expect(reply.text.contains("通知已发给 3 人") && reply.text.contains("另有 8 人"))
        let notices = sent.filter { $0.kind == .broadcast }
        #expect(Set(notices.map(\.to)) == Set(["T001", "T002", "S003"].map { FakeUser.of($0).chat }))
        #expect(notices.allSatisfy { $0.text.contains("本周五下午召开支部大会") && $0.text.contains("周建国") })
        #expect(!notices.contains { $0.to == FakeUser.of("A001").chat })
        // Reminders off does not stop a broadcast.
        try h.say("提醒 关", as: "T001")
        let again = try h.send("通知 周六补课", from: .of("A001"))
        #expect(again.contains { $0.kind == .broadcast && $0.to == FakeUser.of("T001").chat })
    }

    @Test("stats show counts only, even for an admin; export, for an admin in private, has the details")
    func statsCountsOnly() throws {
        let h = try Session()
        try h.login(["T007", "A001"])
        try h.say("承诺 德育之星 家访", as: "T007")
        try h.say("家访 今天 欧阳小明 上门 学习困难", as: "T007")
        for text in ["统计 支部", "统计 三星", "统计 阶段", "未完成 家访", "未完成 德育之星"] {
            let reply = try h.say(text, as: "A001")
            #expect(!reply.contains("欧阳小明") && !reply.contains("学习困难"), "\(text): \(reply)")
        }
        #expect(try h.say("未完成 家访", as: "A001").contains("冯涛（节假日家访 0/1）"))
        let export = try h.send("导出", from: .of("A001"))
        #expect(export.first?.attachment?.content.contains("欧阳小明") == true)
    }
}
