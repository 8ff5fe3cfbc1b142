import CampaignCore
import CampaignIntents
import Foundation
import PropertyBased
import Testing
import TestSupport

/// No message bound for a group chat ever holds a student's name or a visit's note, whatever is typed there and by
/// whom: every command of the command table, in its Chinese, English and @-mention forms, with arguments that point at
/// visits, typed in a group by a teacher, a secretary, an admin and a stranger.
@Suite("Student data never reaches a group")
struct GroupPrivacyPropertyTests {
    /// Distinctive words that only the visits hold.
    static let students = ["欧阳小雨", "司马子涵", "诸葛小华"]
    static let notes = ["父母离异需关注心理", "家长说孩子沉迷游戏", "暑期独自在家"]
    static let secrets = students + notes + ["王子涵同学", "新备注内容"]

    static let people = ["T002", "A001", "S001", "T001", "T007"]

    /// What a person might type about a visit, for every intent of the command table.
    static let commands: [String] = {
        let ids = ["V-0001", "V-0002", "V-0003", "v2", "V-0009"]
        var texts: [String] = []
        for kind in IntentKind.allCases {
            let words = kind.keywords + kind.slashCommands.map { "/" + $0 }
            for (i, word) in words.enumerated() {
                texts.append(word)
                texts.append(word + " " + ids[i % ids.count])
            }
            texts.append(kind.example.zh)
            texts.append(kind.example.en)
        }
        for id in ids {
            texts += [
                "撤销 \(id)", "/withdraw \(id)", "修改 \(id) 学生:王子涵同学", "/edit \(id) 电话 备注:新备注内容",
                "修改 \(id) 日期:10月9日", "我的家访", "/visits", "附件 \(id)", "导出", "/export", "历史 \(id)",
                "家访 10月9日 王子涵同学 上门 备注:新备注内容", "/visit 2010-10-09 王子涵同学 phone note:新备注内容",
                "删除 \(id)", "取消家访 \(id)", "更正 \(id) 来校",
            ]
        }
        return texts
    }()

    /// A session where three visits with distinctive students and notes were reported in private.
    static func session() throws -> Session {
        let h = try Session(now: "2010-10-11T09:00:00+08:00")
        try h.login(people)
        try h.say("家访 10月9日 \(students[0]) 上门 备注：\(notes[0])", as: "T002")
        try h.say("家访 10月10日 \(students[1]) 电话 备注：\(notes[1])", as: "T002")
        try h.say("家访 10月2日 \(students[2]) 来校 备注：\(notes[2])", as: "T007")
        try #require(h.state.visits.count == 3)
        return h
    }

    @Test("every command typed in a group by anyone: the group hears no student and no note")
    func groupBoundMessagesHoldNoStudentData() async throws {
        let typing = Gen.int(in: 0..<Self.commands.count).array(of: 1...12)
        let who = Gen.int(in: 0...Self.people.count)
        await propertyCheck(count: 60, input: typing, who.array(of: 12), Gen.bool.array(of: 12)) {
            picks, senders, mention in
            let h = try Self.session()
            for (i, pick) in picks.enumerated() {
                let person = senders[i % senders.count]
                let user = person < Self.people.count ? FakeUser.of(Self.people[person]) : FakeUser("5559999")
                let text = (mention[i % mention.count] ? "@cxzy_bot " : "") + Self.commands[pick]
                let sent = try h.send(text, from: user, inGroup: staffRoom)
                for message in sent {
                    let direct = h.state.directChats.values.contains { $0.contains(message.to) }
                    if !direct || message.audience != .person {
                        #expect(message.to == staffRoom || !direct, "\(text) → \(message.to)")
                        for secret in Self.secrets {
                            #expect(!message.text.contains(secret), "\(text) posted “\(secret)” to \(message.to)")
                            #expect(!(message.attachment?.content.contains(secret) ?? false))
                        }
                    }
                    if message.audience == .person { #expect(direct || message.to == user.chat) }
                }
            }
        }
    }

    @Test(
        "the corrections seen leaking to a group answer with the id and send the details privately",
        arguments: ["撤销 V-0001", "/edit@cxzy_bot V-0002 电话 备注:家长说孩子沉迷游戏", "@cxzy_bot 修改 V-0001 学生:王子涵同学"])
    func seenLeaks(_ text: String) throws {
        let h = try Self.session()
        let owner = text.contains("修改 V-0001") ? "A001" : "T002"
        let input = text.hasPrefix("撤销") ? "@cxzy_bot " + text : text
        let sent = try h.send(input, from: .of(owner), inGroup: staffRoom)
        let group = sent.filter { $0.to == staffRoom }
        #expect(group.count == 1)
        let groupText = group.map(\.text).joined()
        #expect(groupText.contains("详情已私信您"), "\(groupText)")
        #expect(groupText.contains(text.contains("V-0002") ? "V-0002" : "V-0001"))
        for secret in Self.secrets { #expect(!groupText.contains(secret), "\(groupText)") }
        let privately = sent.filter { $0.to == FakeUser.of(owner).chat }
        #expect(privately.count == 1 && privately[0].audience == .person)
    }
}
