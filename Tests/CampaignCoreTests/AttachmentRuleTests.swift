import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// Who may attach to and see which record's files, through the production engine (the transport has already
/// stored the file; here it is only its reference).
@Suite("附件 rules")
struct AttachmentRuleTests {
    static func photo(_ n: Int) -> IncomingFile {
        .stored(
            StoredFile(sha256: String(repeating: String(n), count: 64), size: 2048, kind: .jpeg, fileName: "p\(n).jpg"))
    }

    func reply(_ session: Session, _ text: String, as staffID: String, file: IncomingFile? = nil) throws -> String {
        try session.send(text, from: FakeUser.of(staffID), file: file).map(\.text).joined(separator: "\n")
    }

    @Test func aSecretarySeesHerBranchsWorkButNotItsVisitsAndAttachesOnlyToHerOwn() throws {
        let session = try Session()
        try session.login(["T001", "T002", "S001", "S002", "A001"])
        _ = try reply(session, "提交 教学案例 《函数的单调性》教学案例", as: "T001")
        _ = try reply(session, "家访 10月9日 王同学 上门", as: "T001")
        #expect(try reply(session, "附件 W-0001", as: "T001", file: Self.photo(1)).contains("已附到 W-0001"))
        #expect(try reply(session, "附件 V-0001", as: "T001", file: Self.photo(2)).contains("已附到 V-0001"))

        // S001 is T001's secretary: the work's list yes, the visit's no, attaching to T001's work no.
        #expect(try reply(session, "附件 W-0001", as: "S001").contains("1. p1.jpg"))
        #expect(try reply(session, "附件 V-0001", as: "S001").contains("家访记录涉及学生个人信息"))
        #expect(try reply(session, "附件 W-0001", as: "S001", file: Self.photo(3)).contains("只能给自己的记录添加附件"))
        // Another branch's secretary sees nothing of it; the admin sees everything.
        #expect(try reply(session, "附件 W-0001", as: "S002").contains("不是您的记录"))
        #expect(try reply(session, "附件 V-0001", as: "A001").contains("1. p2.jpg"))
        let sent = try session.send("附件 V-0001 1", from: FakeUser.of("A001"))
        #expect(
            sent.first?.media
                == .storedFile(
                    StoredFile(sha256: String(repeating: "2", count: 64), size: 2048, kind: .jpeg, fileName: "p2.jpg")))
        #expect(session.state.attachments["W-0001"]?.count == 1)
        // Exports (admins) name each record's files.
        let lines = Export.jsonLines(state: session.state, what: .all).split(separator: "\n")
        #expect(
            lines.contains {
                $0.contains(#""id":"W-0001""#) && $0.contains(#""attachments":"p1.jpg (sha256:111111111111)""#)
            })
    }

    @Test func aPledgeTakesNoFileAndAGroupChatNeverShowsOne() throws {
        let session = try Session()
        try session.login(["T001", "T002", "S001", "S002", "A001"])
        _ = try reply(session, "承诺 教学之星 上好一堂精品课", as: "T001")
        #expect(try reply(session, "附件 P-0001", as: "T001", file: Self.photo(1)).contains("承诺不能附文件"))
        _ = try reply(session, "家访 10月9日 王同学 上门", as: "T001")
        let group = ChatAddress(transport: "telegram", chat: "-100")
        let inGroup = try session.send("/attach V-0001", from: FakeUser.of("A001"), inGroup: group).map(\.text)
        // A slash command alone is answered in Chinese.
        #expect(inGroup.joined().contains("私聊"), "\(inGroup)")
        #expect(session.state.attachments.isEmpty)
    }

    @Test func aFileWithoutARecordIsHeldAndPlacedByTheNextAttach() throws {
        let session = try Session()
        try session.login(["T001", "T002", "S001", "S002", "A001"])
        _ = try reply(session, "提交 论文 《班级管理》", as: "T002")
        #expect(try reply(session, "", as: "T002", file: Self.photo(5)).contains("属于哪条记录"))
        #expect(try reply(session, "w1", as: "T002").isEmpty == false)
        #expect(session.state.attachments["W-0001"] == nil, "a bare id is not 附件")
        #expect(try reply(session, "附件 w1", as: "T002").contains("已附到 W-0001"))
        #expect(session.state.heldFiles.isEmpty)
        #expect(try reply(session, "附件 W-0001", as: "T002").contains("1. p5.jpg"), "listed, not attached twice")
    }
}
