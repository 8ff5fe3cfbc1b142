import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// 评选表彰 through the engine, on the demo roster, in phase 2: A001 admin; S001 secretary of 语文支部; S002 of 数学支部;
/// T001 李明, T002 王芳 (语文, Party members), T003 张伟 (语文, not a member).
@Suite("评选表彰")
struct AwardScenarioTests {
    /// 王芳 completes 教学之星 and 德育之星 (a holiday visit to a named student); 李明 does half of 教学之星;
    /// 张伟 completes 科学之星.
    static func school(campaign: Campaign = .builtIn) throws -> Session {
        let h = try Session(campaign: campaign)
        try h.login(["A001", "S001", "S002", "T001", "T002", "T003", "T004"])
        try h.say("承诺 教学之星 上好一堂精品课，写一篇教学案例", as: "T002")
        try h.say("提交 精品课 《荷塘月色》", as: "T002")
        try h.say("提交 教学案例 《荷塘月色》教学案例", as: "T002")
        try h.say("承诺 德育之星 开好班会，做好家访", as: "T002")
        try h.say("提交 总结 班主任工作总结", as: "T002")
        try h.say("提交 班会 《感恩》主题班会", as: "T002")
        try h.say("家访 10月2日 小明同学 上门 了解学习情况", as: "T002")
        try h.say("承诺 教学之星 上好精品课", as: "T001")
        try h.say("提交 精品课 《背影》", as: "T001")
        try h.say("承诺 科学之星 完成一项区级课题", as: "T003")
        try h.say("提交 科研论文 《高中语文阅读教学研究》", as: "T003")
        return h
    }

    @Test(
        "a teacher cannot propose or confirm; a secretary only for their branch and cannot confirm; every refusal says why"
    )
    func permissions() throws {
        let h = try Self.school()
        let teacher = try h.say("表彰 T002 教学之星", as: "T001")
        #expect(teacher.contains("教师不能推荐或确认") && teacher.contains("表彰 名单"), "\(teacher)")
        let otherBranch = try h.say("表彰 王芳 教学之星", as: "S002")
        #expect(otherBranch.contains("只能推荐本支部") && otherBranch.contains("语文支部"), "\(otherBranch)")
        #expect(h.state.awards.isEmpty)

        try h.say("表彰 T002 教学之星", as: "S001")
        try h.say("确认", as: "S001")
        #expect(h.state.award("A-0001")?.status == .proposed)
        let secretaryConfirms = try h.say("表彰 确认 A-0001", as: "S001")
        #expect(
            secretaryConfirms.contains("只有党总支管理员能确认表彰") && secretaryConfirms.contains("等待管理员确认"), "\(secretaryConfirms)"
        )
        let teacherConfirms = try h.say("表彰 确认 A-0001", as: "T001")
        #expect(teacherConfirms.contains("只有党总支管理员能确认表彰"), "\(teacherConfirms)")
        let teacherRejects = try h.say("表彰 驳回 A-0001 不行", as: "T002")
        #expect(teacherRejects.contains("只有党总支管理员能驳回表彰"), "\(teacherRejects)")
        #expect(h.state.award("A-0001")?.status == .proposed)
        let surname = try h.say("表彰 张 科学之星", as: "S001")
        #expect(surname.contains("【证据】张伟（T003"), "a surname alone names the one person who has it: \(surname)")
        try h.say("取消", as: "S001")
        let unknown = try h.say("表彰 小王 教学之星", as: "S001")
        #expect(unknown.contains("名单中没有“小王”") && unknown.contains("表彰 T003 德育之星"), "\(unknown)")
    }

    @Test(
        "the evidence comes first, then the question; 确认 proposes; the admin confirms, the proposer and awardee are told, the school hears it"
    )
    func proposeConfirmAnnounce() throws {
        let h = try Self.school()
        let preview = try h.say("表彰 王老师 教学之星 理由：精品课获市一等奖", as: "S001")
        #expect(
            containsInOrder(
                preview,
                [
                    "【证据】王芳（T002，语文支部，党员）· 教学之星", "承诺 P-0001", "✓ 精品课：W-0001 精品课《荷塘月色》",
                    "✓ 优秀教学案例：W-0002", "评议：暂无", "符合表彰条件", "回复“确认”",
                ]), "\(preview)")
        #expect(h.state.awards.isEmpty, "nothing is recorded before the proposer confirms")

        let adminInbox = try h.send("确认", from: .of("S001"))
        #expect(
            adminInbox.contains {
                $0.kind == .reply && $0.text.contains("已推荐 A-0001") && $0.text.contains("等待党总支管理员确认")
            })
        #expect(adminInbox.contains { $0.staffID == "A001" && $0.kind == .notice && $0.text.contains("表彰 确认 A-0001") })
        let proposal = try #require(h.state.award("A-0001"))
        #expect(
            proposal.status == .proposed && proposal.staffID == "T002" && proposal.star == .teaching
                && proposal.phase == 2)
        #expect(
            proposal.reason == "精品课获市一等奖" && proposal.evidence == ["W-0001", "W-0002"] && proposal.proposedBy == "S001")

        let again = try h.say("表彰 T002 教学之星", as: "S001")
        #expect(again.contains("已有 A-0001（待确认）"), "\(again)")

        let out = try h.send("表彰 确认 A-0001 通知全校", from: .of("A001"))
        #expect(out.contains { $0.kind == .reply && $0.text.contains("已确认表彰 A-0001：王芳（语文支部）为第2阶段教学之星先进典型") })
        #expect(
            out.contains {
                $0.staffID == "S001" && $0.kind == .notice && $0.text.contains("A-0001") && $0.text.contains("已确认")
            })
        #expect(out.contains { $0.staffID == "T002" && $0.kind == .notice && $0.text.contains("祝贺您") })
        let broadcasts = out.filter { $0.kind == .broadcast }
        #expect(broadcasts.count == 6 && broadcasts.allSatisfy { $0.text.contains("授予王芳老师（语文支部）“教学之星先进典型”称号") })
        #expect(out.contains { $0.kind == .reply && $0.text.contains("通知已发给 6 人") })
        let confirmed = try #require(h.state.award("A-0001"))
        #expect(confirmed.status == .confirmed && confirmed.decidedBy == "A001" && confirmed.announced)

        let twice = try h.say("表彰 确认 A-0001", as: "A001")
        #expect(twice.contains("已经确认表彰了") && twice.contains("表彰 通知 A-0001"), "\(twice)")
    }

    @Test(
        "not eligible: requirements not met, no pledge, not a Party member where the star asks it, a poor 评议 — each refused with why"
    )
    func eligibility() throws {
        let h = try Self.school()
        let half = try h.say("表彰 T001 教学之星", as: "S001")
        #expect(
            containsInOrder(half, ["【证据】李明", "✓ 精品课：W-", "✗ 优秀教学案例：无", "不符合表彰条件：教学之星的要求尚未完成：优秀教学案例", "用“提交”补报"]),
            "\(half)")
        let noPledge = try h.say("表彰 李明 科学之星", as: "A001")
        #expect(noPledge.contains("没有申报科学之星承诺") && noPledge.contains("承诺 科学之星 承诺内容"), "\(noPledge)")
        let role = try h.say("表彰 T001 德育之星", as: "A001")
        #expect(role.contains("德育之星面向行政人员、班主任"), "\(role)")
        #expect(h.state.awards.isEmpty && h.state.pending.isEmpty)

        var campaign = Campaign.builtIn
        for i in campaign.stars.indices { campaign.stars[i].awardForPartyMembersOnly = true }
        let strict = try Self.school(campaign: campaign)
        let member = try strict.say("表彰 T003 科学之星", as: "A001")
        #expect(member.contains("科学之星先进典型只评党员") && member.contains("不是党员"), "\(member)")
        let relaxed = try h.say("表彰 T003 科学之星", as: "A001")
        #expect(relaxed.contains("符合表彰条件"), "\(relaxed)")

        // The 评议 tally is an input: most ratings 基本合格/不合格 refuse, a good one does not.
        let wang = try #require(h.state.roster["T002"])
        let poor = h.state.awardEligibility(
            of: wang, for: .teaching, campaign: .builtIn,
            evaluation: [.qualified: 2, .basicallyQualified: 2, .unqualified: 1])
        #expect(poor.refusals == [.evaluation(poor: 3, total: 5)])
        #expect(poor.refusals[0].chinese(.teaching).contains("5 票里有 3 票为基本合格或不合格"))
        let even = h.state.awardEligibility(
            of: wang, for: .teaching, campaign: .builtIn,
            evaluation: [.excellent: 2, .basicallyQualified: 2])
        #expect(even.eligible)
        #expect(h.state.awardEligibility(of: wang, for: .teaching, campaign: .builtIn, evaluation: nil).eligible)
    }

    @Test("a holiday visit is evidence by id and date only: the student is never named")
    func visitPrivacy() throws {
        let h = try Self.school()
        let preview = try h.say("表彰 T002 德育之星", as: "S001")
        #expect(preview.contains("✓ 节假日亲情家访：V-0001 10月2日家访（节假日）") && !preview.contains("小明"), "\(preview)")
    }

    @Test("the admin rejects with a reason and the proposer is told; an admin's own proposal is confirmed directly")
    func rejectAndDirect() throws {
        let h = try Self.school()
        try h.say("表彰 T003 科学之星", as: "S001")
        try h.say("是", as: "S001")
        let out = try h.send("表彰 驳回 A-0001 理由：材料待核实", from: .of("A001"))
        #expect(out.contains { $0.kind == .reply && $0.text.contains("已驳回 A-0001") && $0.text.contains("材料待核实") })
        #expect(out.contains { $0.staffID == "S001" && $0.text.contains("已驳回，理由：材料待核实") })
        #expect(h.state.award("A-0001")?.status == .rejected && h.state.award("A-0001")?.decisionNote == "材料待核实")
        let late = try h.say("表彰 确认 A-0001", as: "A001")
        #expect(late.contains("已被驳回") && late.contains("表彰 T003 科学之星"), "\(late)")

        let preview = try h.say("表彰 王芳 教学之星", as: "A001")
        #expect(preview.contains("管理员确认即生效"), "\(preview)")
        let direct = try h.say("确认", as: "A001")
        #expect(direct.contains("已表彰 A-0002") && direct.contains("表彰 通知 A-0002"), "\(direct)")
        #expect(h.state.award("A-0002")?.status == .confirmed && h.state.award("A-0002")?.announced == false)
        let announced = try h.send("表彰 通知 A-0002", from: .of("A001"))
        #expect(announced.filter { $0.kind == .broadcast }.count == 6)
        #expect(h.state.award("A-0002")?.announced == true)
        let cannot = try h.say("表彰 通知 A-0001", as: "A001")
        #expect(cannot.contains("还不是已确认的表彰"), "\(cannot)")
    }

    @Test("the list by phase and star: everyone sees awards, admins also proposals and rejections; export; report")
    func listExportReport() throws {
        let h = try Self.school()
        try h.say("表彰 T003 科学之星", as: "S001")
        try h.say("确认", as: "S001")
        try h.say("表彰 驳回 A-0001 材料待核实", as: "A001")
        try h.say("表彰 T002 教学之星 确认", as: "A001")
        try h.say("表彰 T002 德育之星 理由：家访坚持十年", as: "S001")
        try h.say("确认", as: "S001")

        let teacher = try h.say("表彰 名单", as: "T001")
        #expect(containsInOrder(teacher, ["表彰名单（1 项）", "第2阶段 · 教学之星", "A-0002 王芳（语文支部）已表彰"]), "\(teacher)")
        #expect(!teacher.contains("A-0001") && !teacher.contains("A-0003"))
        let admin = try h.say("表彰 名单", as: "A001")
        #expect(
            containsInOrder(
                admin,
                [
                    "第2阶段 · 德育之星", "A-0003 王芳（语文支部）待确认", "第2阶段 · 教学之星", "A-0002",
                    "第2阶段 · 科学之星", "A-0001 张伟（语文支部）已驳回：材料待核实",
                ]), "\(admin)")
        let filtered = try h.say("表彰 名单 第三阶段", as: "A001")
        #expect(filtered.contains("表彰名单（第3阶段）：暂无"), "\(filtered)")
        let byStar = try h.say("/award list teaching", as: "A001")
        #expect(byStar.contains("A-0002") && !byStar.contains("A-0003"), "\(byStar)")

        let csv = Export.csv(state: h.state, what: .awards)
        #expect(csv.hasPrefix("\u{FEFF}编号,阶段,星,称号,工号,姓名,支部,状态,推荐理由,证据"))
        #expect(csv.contains("A-0002,2,教学之星,教学之星先进典型,T002,王芳,语文支部,已表彰,,W-0001 W-0002,A001"))
        #expect(csv.contains("A-0001,2,科学之星,科学之星先进典型,T003,张伟,语文支部,已驳回"))
        #expect(Export.csv(state: h.state, what: .awards, codes: true).contains("A-0002,2,teaching,"))
        #expect(Export.jsonLines(state: h.state, what: .awards).contains(#""id":"A-0002","phase":2,"star":"teaching""#))
        let files = try h.send("导出", from: .of("A001")).compactMap(\.attachment)
        #expect(files.count == 3 && files[1].fileName.hasPrefix("cxzy-awards-") && files[1].content == csv)
        #expect(files[2].fileName.hasPrefix("cxzy-progress-"), "导出 ends with the progress table")
        let records = files[0].content
        #expect(!records.contains("A-0002"), "the records CSV keeps its columns")

        let confirmed = h.state.confirmedAwards
        #expect(confirmed.map(\.id) == ["A-0002"])
    }

    @Test("a proposal in a group chat asks for the written confirmation instead of a pending question")
    func groupChat() throws {
        let h = try Self.school()
        let reply = try h.say("/award T002 teaching", as: "S001", inGroup: staffRoom)
        #expect(reply.contains("Send “/award T002 teaching yes”"), "\(reply)")
        #expect(h.state.pending.isEmpty)
        try h.say("/award T002 teaching yes", as: "S001", inGroup: staffRoom)
        #expect(h.state.award("A-0001")?.status == .proposed)
    }
}

extension AwardScenarioTests {
    @Test(
        "a confirmed award given in error is revoked by an admin: kept as 已撤销 with why, the member and proposer told, out of the list and the report, proposable again"
    )
    func revokeConfirmed() throws {
        let h = try Self.school()
        try h.say("表彰 T002 教学之星", as: "S001")
        try h.say("确认", as: "S001")
        try h.say("表彰 确认 A-0001 通知全校", as: "A001")

        let secretary = try h.say("表彰 撤销 A-0001", as: "S001")
        #expect(secretary.contains("只有党总支管理员能撤销已确认的表彰"), "\(secretary)")
        let teacher = try h.say("撤销 A-0001", as: "T002")
        #expect(teacher.contains("只有党总支管理员能撤销已确认的表彰"), "\(teacher)")
        #expect(h.state.award("A-0001")?.status == .confirmed)

        let out = try h.send("表彰 撤销 A-0001 理由：评选材料有误", from: .of("A001"))
        let reply = try #require(out.first { $0.kind == .reply }?.text)
        #expect(
            containsInOrder(
                reply, ["已撤销表彰 A-0001：王芳的第2阶段教学之星先进典型，理由：评选材料有误", "此表彰曾通知全校", "通知 更正：经党总支研究，撤销王芳老师（语文支部）"]),
            "\(reply)")
        #expect(out.contains { $0.staffID == "T002" && $0.kind == .notice && $0.text.contains("已由党总支撤销，理由：评选材料有误") })
        #expect(out.contains { $0.staffID == "S001" && $0.kind == .notice && $0.text.contains("已被撤销") })
        #expect(!out.contains { $0.kind == .broadcast }, "a correction to everyone is the admin's own message")
        let revoked = try #require(h.state.award("A-0001"))
        #expect(
            revoked.status == .revoked && revoked.revokedBy == "A001" && revoked.revocationNote == "评选材料有误"
                && revoked.decidedBy == "A001", "the confirmation is kept beside the revocation")
        #expect(h.state.confirmedAwards.isEmpty)

        let list = try h.say("表彰 名单", as: "T001")
        #expect(list.contains("暂无") && !list.contains("A-0001"), "\(list)")
        let adminList = try h.say("表彰 名单", as: "A001")
        #expect(adminList.contains("A-0001 王芳（语文支部）已撤销：评选材料有误"), "\(adminList)")
        let csv = Export.csv(state: h.state, what: .awards)
        #expect(csv.contains("撤销理由") && csv.contains("评选材料有误") && csv.contains("已撤销"), "\(csv)")

        let twice = try h.say("撤销 A-0001", as: "A001")
        #expect(twice.contains("已撤销，无需撤销"), "\(twice)")
        let confirmAgain = try h.say("表彰 确认 A-0001", as: "A001")
        #expect(confirmAgain.contains("已被撤销") && confirmAgain.contains("表彰 T002 教学之星"), "\(confirmAgain)")
        let again = try h.say("表彰 T002 教学之星 确认", as: "A001")
        #expect(again.contains("已表彰 A-0002"), "after a revocation the star can be awarded again: \(again)")
    }

    @Test("a proposer withdraws their own waiting proposal (the admins are told); an admin is pointed to 驳回 for it")
    func withdrawProposal() throws {
        let h = try Self.school()
        try h.say("表彰 T003 科学之星", as: "S001")
        try h.say("确认", as: "S001")
        let admin = try h.say("表彰 撤销 A-0001", as: "A001")
        #expect(admin.contains("还在等待确认") && admin.contains("表彰 驳回 A-0001"), "\(admin)")
        let other = try h.say("表彰 撤销 A-0001", as: "S002")
        #expect(other.contains("不是您提出的推荐"), "\(other)")
        let out = try h.send("表彰 撤回 A0001 材料还要补充", from: .of("S001"))
        #expect(out.contains { $0.kind == .reply && $0.text.contains("已撤回推荐 A-0001（张伟，科学之星先进典型），理由：材料还要补充") })
        #expect(out.contains { $0.staffID == "A001" && $0.kind == .notice && $0.text.contains("撤回了推荐 A-0001") })
        #expect(h.state.award("A-0001")?.status == .revoked)
        let missing = try h.say("表彰 撤销 A-0099", as: "A001")
        #expect(missing.contains("没有找到表彰 A-0099"), "\(missing)")
    }
}
