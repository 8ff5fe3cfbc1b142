import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// A submission counts toward every pledged star whose requirement it can satisfy; a plain 论文 is
/// a 科研论文 for 科学之星 and an 经验论文 for 德育之星, and the bot asks when both fit.
/// Demo roster (see RuleTests); `frontlineT007` makes T007 冯涛 a frontline teacher, as in the issue.
@Suite("Work credited to the right star")
struct StarCreditTests {
    static let frontlineT007 = TestRosters.demo.replacingOccurrences(of: "T007,冯涛,行政", with: "T007,冯涛,一线")

    @Test("一线 T007 pledged 科学之星; a plain 论文 completes it and is stored as a research paper")
    func plainPaperForResearch() throws {
        let h = try Session(roster: Self.frontlineT007)
        try h.login("T007")
        try h.say("承诺 科学之星 写一篇论文", as: "T007")
        let reply = try h.say("提交 论文 《初中英语阅读教学研究》", as: "T007")
        #expect(reply.contains("已登记成果 W-0001：科研论文《初中英语阅读教学研究》"), "\(reply)")
        #expect(reply.contains("按您申报的科学之星记为科研论文"))
        #expect(reply.contains("科学之星：科研论文或科研课题 ✓ —— 已全部完成！"))
        #expect(!reply.contains("德育之星") && !reply.contains("尚未申报"))
        #expect(h.state.works.map(\.kind) == [.researchPaper])
        let progress = try h.say("我的进度", as: "T007")
        #expect(progress.contains("✓ 科研论文或科研课题（W-0001）"), "\(progress)")
    }

    @Test("a plain 论文 by someone who pledged only 德育之星 is their experience paper")
    func plainPaperForMoral() throws {
        let h = try Session()
        try h.login("T002")
        try h.say("承诺 德育之星 做学生的知心人", as: "T002")
        let reply = try h.say("提交 论文 《班主任工作点滴》", as: "T002")
        #expect(reply.contains("W-0001：论文《班主任工作点滴》") && reply.contains("德育之星：经验论文或总结 ✓"), "\(reply)")
        #expect(!reply.contains("科学之星"))
        #expect(h.state.works.map(\.kind) == [.paper])
    }

    @Test("a plain 论文 by someone who pledged both asks which, with the exact commands, and stores nothing")
    func ambiguousPaperAsks() throws {
        let h = try Session()
        try h.login("T002")
        try h.say("承诺 德育之星 做学生的知心人", as: "T002")
        try h.say("承诺 科学之星 写一篇论文", as: "T002")
        let ask = try h.say("提交 论文 《初中英语阅读教学研究》", as: "T002")
        #expect(ask.contains("请说明是哪一种（这次还没有登记）"), "\(ask)")
        #expect(ask.contains("科研论文（计入科学之星）：提交 科研论文 《初中英语阅读教学研究》"))
        #expect(ask.contains("经验论文（计入德育之星）：提交 经验论文 《初中英语阅读教学研究》"))
        #expect(h.state.works.isEmpty)
        // The title may say 经验论文: only the kind word outside 《》 decides.
        let titled = try h.say("提交 论文 《我的经验论文》", as: "T002")
        #expect(titled.contains("请说明是哪一种") && h.state.works.isEmpty, "\(titled)")
        // Each suggested command does what it says.
        let moral = try h.say("提交 经验论文 《初中英语阅读教学研究》", as: "T002")
        #expect(moral.contains("W-0001：论文") && moral.contains("德育之星：经验论文或总结 ✓") && !moral.contains("科学之星"), "\(moral)")
        let research = try h.say("提交 科研论文 《初中英语阅读教学研究》", as: "T002")
        #expect(research.contains("W-0002：科研论文") && research.contains("科学之星：科研论文或科研课题 ✓") && !research.contains("德育之星"))
        #expect(h.state.works.map(\.kind) == [.paper, .researchPaper])
    }

    @Test(
        "without a pledge: the reading the person may strive for, else kept as typed with how to change it; a star they may not have is said"
    )
    func unpledged() throws {
        let h = try Session()
        try h.login(["T001", "T007"])
        // T001 is frontline only: 德育之星 is not open to him, so 论文 can only be a research paper.
        let paper = try h.say("提交 论文 《古诗词教学研究》", as: "T001")
        #expect(
            paper.contains("W-0001：科研论文") && paper.contains("可计入科学之星，您尚未申报") && paper.contains("承诺 科学之星"), "\(paper)")
        let meeting = try h.say("提交 班会 《感恩主题班会》", as: "T001")
        #expect(
            meeting.contains("德育之星（面向行政人员、班主任）") && meeting.contains("不计入三星") && meeting.contains("联系管理员"), "\(meeting)"
        )
        // T007 (行政) may strive for both and has pledged neither: kept as 论文, told how to make it a research paper.
        let kept = try h.say("提交 论文 《学校管理的几点体会》", as: "T007")
        #expect(kept.contains("W-0003：论文") && kept.contains("记为经验论文，可计入德育之星"), "\(kept)")
        #expect(kept.contains("撤销 W-0003") && kept.contains("提交 科研论文 《学校管理的几点体会》") && kept.contains("承诺 德育之星"))
    }

    @Test("the credit rule alone")
    func resolution() {
        let campaign = Campaign.builtIn
        let both = Person(
            staffID: "X", name: "甲", roles: [.classTeacher, .frontline], branch: "语文支部", partyMember: true)
        func credit(_ pledged: Set<Star>, _ person: Person = both) -> StarCredit {
            StarCredit(campaign: campaign, person: person, pledged: pledged)
        }
        #expect(credit([.research]).resolve(.paper, explicit: false) == .kind(.researchPaper))
        #expect(credit([.moral]).resolve(.paper, explicit: false) == .kind(.paper))
        #expect(credit([.moral, .research]).resolve(.paper, explicit: true) == .kind(.paper))
        guard case .ambiguous(let choices) = credit([.moral, .research]).resolve(.paper, explicit: false) else {
            Issue.record("not ambiguous")
            return
        }
        #expect(choices.map(\.word) == ["科研论文", "经验论文"])
        #expect(credit([.teaching]).resolve(.showcaseLesson, explicit: false) == .kind(.showcaseLesson))
        #expect(credit([]).resolve(.paper, explicit: false) == .kind(.paper))
        let frontline = Person(staffID: "Y", name: "乙", roles: [.frontline], branch: "语文支部", partyMember: true)
        #expect(credit([], frontline).resolve(.paper, explicit: false) == .kind(.researchPaper))
        #expect(credit([]).stars(for: .paper) == [.moral] && credit([]).stars(for: .researchPaper) == [.research])
    }
}
