import BotRuntime
import CampaignCore
import FeishuFake
import Foundation
import TelegramFake
import TestSupport
import Testing

/// The three corrections a school saw posting a student's name and a family note to a teachers' group, replayed
/// through the production boot on Telegram (slash commands with @bot) and 飞书 (@-mention in a group): the group
/// hears the record id and “详情已私信您”, the details reach the asker privately.
@Suite("Student data never reaches a group, on the platforms", .serialized)
struct GroupPrivacyPlatformTests {
    static let secrets = ["欧阳小雨", "司马子涵", "父母离异需关注心理", "家长说孩子沉迷游戏", "王子涵同学"]
    static let visits = ["家访 10月9日 欧阳小雨 上门 备注：父母离异需关注心理", "家访 10月10日 司马子涵 电话"]

    @Test("Telegram group: @bot 撤销, /edit@bot and an admin's @bot 修改")
    func telegram() async throws {
        try await TelegramRig.with { rig in
            let (running, task) = try await rig.boot(try await rig.configuration())
            for text in Self.visits { _ = await rig.fake.message(from: 1002, text: text) }
            #expect(await eventually(90) { await rig.fake.sent(to: 1002).count >= 2 })
            let group: Int64 = -100_777
            let bot = rig.fake.botUsername
            _ = await rig.fake.message(from: 1002, chat: group, text: "@\(bot) 撤销 V-0001", chatType: "supergroup")
            _ = await rig.fake.message(
                from: 1002, chat: group, text: "/edit@\(bot) V-0002 电话 备注:家长说孩子沉迷游戏", chatType: "supergroup")
            _ = await rig.fake.message(
                from: 9001, chat: group, text: "@\(bot) 修改 V-0002 学生:王子涵同学", chatType: "supergroup")
            #expect(await eventually(90) { await rig.fake.sent(to: group).count >= 3 })
            #expect(await eventually(90) { await rig.fake.sent(to: 9001).count >= 1 })
            try await rig.stop(running, task)
            let inGroup = await rig.fake.sent(to: group).map(\.text)
            #expect(inGroup.count == 3, "\(inGroup)")
            for text in inGroup {
                #expect(text.contains("详情已私信您"), "\(text)")
                for secret in Self.secrets { #expect(!text.contains(secret), "the group heard “\(secret)”: \(text)") }
            }
            #expect(inGroup[0].contains("V-0001") && inGroup[1].contains("V-0002") && inGroup[2].contains("V-0002"))
            let teacher = await rig.fake.sent(to: 1002).map(\.text).joined(separator: "\n")
            #expect(teacher.contains("欧阳小雨") && teacher.contains("家长说孩子沉迷游戏"))
            let admin = await rig.fake.sent(to: 9001).map(\.text).joined(separator: "\n")
            #expect(admin.contains("王子涵同学"), "\(admin)")
        }
    }

    @Test("飞书 group: the same corrections with an @-mention")
    func feishu() async throws {
        try await FeishuRig.with { rig in
            let bot = try await rig.boot()
            var n = 0
            func post(_ user: String, _ text: String, group: Bool) async throws {
                n += 1
                let callback = rig.callback(user, text, eventID: "ev-\(n)", chat: group ? "oc_teachers" : nil)
                #expect(try await FeishuRig.post(bot.events, callback).0 == 200)
            }
            for text in Self.visits { try await post(FeishuRig.t002, text, group: false) }
            try await post(FeishuRig.t002, "撤销 V-0001", group: true)
            try await post(FeishuRig.t002, "/edit V-0002 电话 备注:家长说孩子沉迷游戏", group: true)
            try await post(FeishuRig.a001, "修改 V-0002 学生:王子涵同学", group: true)
            #expect(await eventually(90) { await rig.fake.sent.count >= 8 })
            try await bot.stop()
            let sent = await rig.fake.sent
            let groupEvents: Set<String> = ["om_ev-3", "om_ev-4", "om_ev-5"]
            let inGroup = sent.filter { $0.receiveID == "oc_teachers" || $0.replyTo.map(groupEvents.contains) == true }
            #expect(inGroup.count == 3, "\(sent.map(\.text))")
            for message in inGroup {
                #expect(message.text.contains("详情已私信您"), "\(message.text)")
                for secret in Self.secrets {
                    #expect(!message.text.contains(secret), "the group heard “\(secret)”: \(message.text)")
                }
            }
            let admin = sent.filter { $0.receiveID == FeishuRig.a001 }.map(\.text).joined(separator: "\n")
            #expect(admin.contains("王子涵同学"), "\(sent.map { ($0.receiveID, $0.replyTo, $0.text) })")
        }
    }
}
