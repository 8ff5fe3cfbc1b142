import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import MatrixFake
import Testing
import TestSupport

/// Matrix against a fake homeserver on loopback: what the Synapse tests cover, without Synapse.
@Suite("Matrix against a fake homeserver", .serialized)
struct MatrixTests {
    @Test(
        "a teacher opens a direct room, binds with his code, pledges and books; each reply answers its message, in order"
    )
    func bindAndPledge() async throws {
        try await MatrixRig.with { rig in
            let bot = try await rig.boot()
            let room = try await rig.openDirectRoom(MatrixRig.li)
            let code = try #require(await rig.codes.byStaffID["T001"])
            #expect(try await rig.ask(MatrixRig.li, in: room, "绑定 T001 \(code)").contains("绑定成功"))
            #expect(try await rig.ask(MatrixRig.li, in: room, "承诺 教学之星 上好一堂精品课").contains("P-0001"))
            #expect(try await rig.ask(MatrixRig.li, in: room, "预约示范课 10月12日 第3节 高二3班 函数").contains("L-0001"))
            #expect(try await rig.ask(MatrixRig.li, in: room, "我的进度").contains("教学之星（P-0001）"))
            try await bot.stop()
            let messages = await rig.fake.messages(in: room)
            // Question, answer, question, answer: every reply right after the message it answers.
            #expect(messages.map(\.sender) == Array(repeating: [MatrixRig.li, rig.bot], count: 4).flatMap { $0 })
            for question in stride(from: 0, to: messages.count - 1, by: 2) {
                #expect(messages[question + 1].inReplyTo == messages[question].eventID)
            }
            let reply = try #require(messages.last?.object)
            #expect(reply["msgtype"] as? String == "m.text")
            #expect(reply["format"] as? String == "org.matrix.custom.html")
            #expect(await rig.fake.calls["login"] == 1)
        }
    }

    @Test(
        "the bot opens a direct room for each person listed with a Matrix id, once; an admin's 统计 there comes with its chart as m.image"
    )
    func directRoomsAndPictures() async throws {
        try await MatrixRig.with { rig in
            var bot = try await rig.boot(renderer: TinyPictureRenderer())
            for user in [MatrixRig.zhou, MatrixRig.chen, MatrixRig.wang, MatrixRig.zhang] {
                #expect(await rig.fake.invites(for: user).count == 1, "\(user)")
            }
            #expect(await rig.fake.invites(for: MatrixRig.li).isEmpty)
            let room = try await rig.acceptDirectRoom(MatrixRig.zhou)
            let asked = try await rig.fake.say(MatrixRig.zhou, in: room, "统计")
            #expect(
                await eventually(MatrixRig.patience) {
                    await rig.fake.botMessages(in: room).contains { $0.msgtype == "m.image" }
                })
            let sent = await rig.fake.botMessages(in: room)
            #expect(sent.count == 2)
            #expect(sent.first?.body?.contains("统计·按支部") == true, "the table first")
            #expect(sent.first?.inReplyTo == asked)
            let picture = try #require(sent.last)
            let info = picture.object["info"] as? [String: Any]
            #expect(info?["mimetype"] as? String == "image/png" && info?["w"] as? Int == 1)
            #expect(await rig.fake.uploads[picture.url ?? ""]?.data == TinyPictureRenderer.png)
            try await bot.stop()
            // The rooms are remembered: a restart opens none again.
            let made = await rig.fake.calls["createRoom"]
            bot = try await rig.boot()
            try await bot.stop()
            #expect(await rig.fake.calls["createRoom"] == made)
            #expect(made == 4)
        }
    }

    @Test(
        "in a group room the bot answers only when addressed (“cxzy:”, a mention, a slash command), never a notice or other talk"
    )
    func groupRoom() async throws {
        try await MatrixRig.with { rig in
            let bot = try await rig.boot()
            let group = await rig.fake.createRoom(by: MatrixRig.zhou, invite: [rig.bot, MatrixRig.wang])
            #expect(
                await eventually(MatrixRig.patience) { await rig.fake.membership(of: rig.bot, in: group) == "join" })
            try await rig.fake.join(MatrixRig.wang, group)
            let ignored = [
                try await rig.fake.say(MatrixRig.zhou, in: group, "统计"),
                try await rig.fake.say(MatrixRig.wang, in: group, "大家好"),
                try await rig.fake.say(MatrixRig.zhou, in: group, "cxzy: 统计", notice: true),
            ]
            let named = try await rig.ask(MatrixRig.zhou, in: group, "cxzy: 统计")
            let pill = try await rig.ask(MatrixRig.zhou, in: group, "统计", mentions: [rig.bot])
            let slash = try await rig.ask(MatrixRig.zhou, in: group, "/stats")
            for answer in [named, pill, slash] { #expect(answer.contains("统计·按支部"), "\(answer)") }
            try await bot.stop()
            #expect(await rig.fake.botMessages(in: group).count == 3)
            for event in ignored { #expect(await rig.replies(to: event, in: group).isEmpty) }
        }
    }

    @Test(
        "a group room an admin invites the bot to is not taken for his direct chat, also while the others have not joined yet"
    )
    func groupInviteIsNoDirectChat() async throws {
        try await MatrixRig.with { rig in
            let bot = try await rig.boot()
            let direct = try await rig.acceptDirectRoom(MatrixRig.zhou)
            // Until Wang joins, the bot and Zhou are the room's only members, as in a direct chat.
            let group = await rig.fake.createRoom(by: MatrixRig.zhou, invite: [rig.bot, MatrixRig.wang])
            #expect(
                await eventually(MatrixRig.patience) { await rig.fake.membership(of: rig.bot, in: group) == "join" })
            // The bot asks for its next sync once it has handled the invite.
            let syncs = await rig.fake.botSyncs.count
            #expect(await eventually(MatrixRig.patience) { await rig.fake.botSyncs.count > syncs })
            try await bot.stop()
            // Else his reminders and notices would be posted where the whole group reads them.
            #expect(await bot.running.bot.store.state.directChats["A001"]?.map(\.chat) == [direct])
        }
    }

    @Test("an admin's notice reaches every bound person in the direct room the bot opened, joined or not yet")
    func notice() async throws {
        try await MatrixRig.with { rig in
            let bot = try await rig.boot()
            let room = try await rig.acceptDirectRoom(MatrixRig.zhou)
            let wang = try await rig.acceptDirectRoom(MatrixRig.wang)
            try await rig.ask(MatrixRig.zhou, in: room, "通知 周五下午三点开会")
            let others = [wang] + (await rig.fake.invites(for: MatrixRig.chen) + rig.fake.invites(for: MatrixRig.zhang))
            #expect(others.count == 3)
            #expect(
                await eventually(MatrixRig.patience) {
                    await others.asyncAllSatisfy { room in
                        await rig.fake.botMessages(in: room).contains { $0.body?.contains("周五下午三点开会") == true }
                    }
                })
            try await bot.stop()
            for room in others { #expect(await rig.fake.botMessages(in: room).count == 1) }
        }
    }

    @Test(
        "a direct chat from the school's server is accepted before binding; a group invite from someone not on the roster, or an invite from another server, is declined with a reason"
    )
    func invites() async throws {
        try await MatrixRig.with { rig in
            let bot = try await rig.boot()
            let direct = try await rig.openDirectRoom(MatrixRig.stranger)
            #expect(try await rig.ask(MatrixRig.stranger, in: direct, "帮助").contains("绑定"))
            let group = await rig.fake.createRoom(by: MatrixRig.stranger, invite: [rig.bot])
            let visitor = "@visitor:elsewhere.example"
            let remote = await rig.fake.createRoom(by: visitor, invite: [rig.bot], direct: true)
            #expect(
                await eventually(MatrixRig.patience) { await rig.fake.membership(of: rig.bot, in: group) == "leave" })
            #expect(
                await eventually(MatrixRig.patience) { await rig.fake.membership(of: rig.bot, in: remote) == "leave" })
            try await bot.stop()
            let leave = await rig.fake.events.last { $0.roomID == group && $0.stateKey == rig.bot }
            #expect((leave?.object["reason"] as? String)?.contains("名单") == true)
        }
    }

    @Test(
        "a photo in a direct room is fetched and kept, the bot asks which record, 附件 attaches it; a file too large is refused unread"
    )
    func filesIn() async throws {
        try await MatrixRig.with { rig in
            let bot = try await rig.boot()
            let room = try await rig.acceptDirectRoom(MatrixRig.zhou)
            #expect(try await rig.ask(MatrixRig.zhou, in: room, "提交 总结 《创先争优活动总结》").contains("W-0001"))
            let photo = try await rig.fake.sendFile(
                MatrixRig.zhou, in: room, TinyPictureRenderer.png, fileName: "photo.png", mimeType: "image/png",
                picture: true)
            #expect(await eventually(MatrixRig.patience) { await !rig.replies(to: photo, in: room).isEmpty })
            #expect(await rig.replies(to: photo, in: room).first?.body?.contains("属于哪条记录") == true)
            #expect(try await rig.ask(MatrixRig.zhou, in: room, "附件 W-0001").contains("已附到 W-0001"))
            let huge = try await rig.fake.sendFile(
                MatrixRig.zhou, in: room, Data("%PDF-1.7\n".utf8), fileName: "big.pdf", mimeType: "application/pdf",
                picture: false, caption: "附件 W-0001", announcedSize: 40 << 20)
            #expect(await eventually(MatrixRig.patience) { await !rig.replies(to: huge, in: room).isEmpty })
            #expect(await rig.replies(to: huge, in: room).first?.body?.contains("文件太大") == true)
            try await bot.stop()
            #expect(await rig.fake.calls["download"] == 1, "the file too large is not fetched")
            #expect(await bot.running.bot.store.state.attachments["W-0001"]?.count == 1)
        }
    }

    @Test("a wrong password or token stops the bot at start with a message that names the settings, not the secret")
    func refusedCredentials() async throws {
        try await MatrixRig.with { rig in
            for (password, token) in [("wrong-password-7", nil), (nil, "syt_not_a_token_7")] as [(String?, String?)] {
                do {
                    _ = try await rig.boot(password: password, token: token)
                    Issue.record("the bot started with wrong credentials")
                } catch let error as BotService.StartupError {
                    #expect(error.description.contains("CXZY_MATRIX_TOKEN"), "\(error.description)")
                    #expect(error.description.contains("CXZY_MATRIX_PASSWORD"))
                    #expect(
                        !error.description.contains("wrong-password-7")
                            && !error.description.contains("syt_not_a_token_7"))
                }
            }
            // The right token: the bot runs as the token's device, without logging in.
            let logins = await rig.fake.calls["login"]
            let bot = try await rig.boot(token: rig.fake.botToken)
            try await bot.stop()
            #expect(await rig.fake.calls["login"] == logins)
            #expect(await rig.fake.calls["whoami"] == 2)
        }
    }

    @Test("a token revoked while the bot runs stops it with the credentials message")
    func revokedToken() async throws {
        try await MatrixRig.with { rig in
            let bot = try await rig.boot()
            await rig.fake.revokeTokens()
            let outcome = Outcome()
            Task { await outcome.set(await bot.task.result) }
            #expect(await eventually(MatrixRig.patience) { await outcome.result != nil }, "the bot stops")
            guard case .failure(let error)? = await outcome.result else {
                Issue.record("the bot went on without a valid token")
                return
            }
            #expect("\(error)".contains("CXZY_MATRIX_PASSWORD"), "\(error)")
        }
    }
}

/// How a bot's run ended, once it has.
actor Outcome {
    var result: Result<Void, any Error>?
    func set(_ result: Result<Void, any Error>) { self.result = result }
}

extension Array where Element: Sendable {
    func asyncAllSatisfy(_ predicate: (Element) async -> Bool) async -> Bool {
        for element in self where !(await predicate(element)) { return false }
        return true
    }
}
