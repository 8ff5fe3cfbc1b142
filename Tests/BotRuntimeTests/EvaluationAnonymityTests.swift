import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// A school of 11: 甲支部 has A001 (admin), E001 (secretary) and E002–E005 as Party members and 群众 E006 and E007;
/// 乙支部 has E008 (secretary) and E009 as members and 群众 E010, too few for any result (5 is the threshold).
enum AnonymitySchool {
    static let people: [(id: String, branch: String, member: Bool, permission: String)] = [
        ("A001", "甲支部", true, "管理员"), ("E001", "甲支部", true, "书记"), ("E002", "甲支部", true, "教师"),
        ("E003", "甲支部", true, "教师"), ("E004", "甲支部", true, "教师"), ("E005", "甲支部", true, "教师"),
        ("E006", "甲支部", false, "教师"), ("E007", "甲支部", false, "教师"), ("E008", "乙支部", true, "书记"),
        ("E009", "乙支部", true, "教师"), ("E010", "乙支部", false, "教师"),
    ]

    static var csv: String {
        "工号,姓名,角色,支部,党员,权限,telegram\n"
            + people.map { p in
                "\(p.id),教师\(p.id),一线,\(p.branch),\(p.member ? "是" : "否"),\(p.permission),\(FakeUser.telegramID(for: p.id))"
            }.joined(separator: "\n") + "\n"
    }

    /// 甲支部's members in the order the bot asks about them.
    static let members = ["A001", "E001", "E002", "E003", "E004", "E005"]
}

/// What the store holds of a 评议 round at one moment, the same in every snapshot file.
struct EvaluationCheckpoint: Equatable {
    var evaluations: Evaluations
    /// Every snapshot file's `evaluations`, as sorted JSON (file names carry times, so only the texts).
    var files: [String]
}

@Suite("评议 anonymity on disk: sealed ballots, batches, forgotten replies, unpublishable subjects")
struct EvaluationAnonymityTests {
    typealias School = AnonymitySchool

    /// Sends as `rater`, then marks everything queued as sent (as the outbox sender would) and returns the replies.
    @discardableResult
    static func say(_ h: Harness, _ text: String, as rater: String, replies: inout [String]) async throws -> String {
        let queued = try await h.send(text, from: .of(rater))
        replies += queued.filter { $0.forgetOnceSent == true }.map(\.text)
        try await h.bot.dispatcher.markSent(await h.state.outbox.map(\.id))
        return queued.map(\.text).joined(separator: "\n")
    }

    /// `rater` answers each of 甲支部's members in turn (nil skips) and submits.
    static func vote(
        _ h: Harness, _ rater: String, _ answers: [String?], replies: inout [String]
    ) async throws {
        _ = try await say(h, "评议", as: rater, replies: &replies)
        for answer in answers { _ = try await say(h, answer ?? "跳过", as: rater, replies: &replies) }
        let done = try await say(h, "提交", as: rater, replies: &replies)
        #expect(done.contains("您的评议已提交"), "\(rater): \(done)")
    }

    /// The store's 评议 state now, after checking that no file holds a ballot, a rater ↔ grade line, a ballot
    /// reply's text, or anything about 乙支部's members.
    static func checkpoint(_ h: Harness, replies: [String]) async throws -> EvaluationCheckpoint {
        let files = try storeFiles(h.directory)
        #expect(try raterLinks(in: files, raters: School.people.map(\.id)) == [])
        #expect(textsFound(replies, in: files) == [])
        let snapshots = try evaluationsInSnapshots(files)
        #expect(snapshots.count >= 2, "the live snapshot and at least one backup")
        for (name, text) in snapshots {
            for small in ["E008", "E009"] {
                #expect(!text.contains("\"\(small)\":"), "\(name) keeps something of \(small): \(text)")
            }
        }
        // Every file holds the same 评议 state, sealed boxes included: none can be compared with another to find a
        // ballot.
        #expect(Set(snapshots.values).count == 1, "\(snapshots)")
        // A sealed sum is a box opened only with the ballot key, which is not in the store; each store has its own
        // key and nonce, so two stores are compared without the boxes' bytes (their contents are in `evaluations`).
        let boxes = snapshots.values.sorted().map { $0.replacing(/"box":"[^"]*"/, with: "\"box\":\"…\"") }
        return EvaluationCheckpoint(evaluations: await h.state.evaluations, files: boxes)
    }

    /// One round in which E006 and E007 rate 甲支部 with `first` and `second`, then E001–E003 with fixed answers,
    /// then the admin closes it; the store's 评议 state after each step.
    static func round(_ first: [String?], _ second: [String?]) async throws -> [EvaluationCheckpoint] {
        var checkpoints: [EvaluationCheckpoint] = []
        try await Harness.with(now: "2010-06-28T09:00:00+08:00", roster: School.csv) { h in
            var replies: [String] = []
            let refused = try await say(h, "评议 开始 党员评议 截止 7月10日", as: "A001", replies: &replies)
            #expect(refused.contains("乙支部：教师E008（E008）、教师E009（E009）") && !refused.contains("都可参加"))
            #expect(await h.state.evaluations.rounds.isEmpty)
            let opened = try await say(h, "评议 开始 党员评议 截止 7月10日 按支部", as: "A001", replies: &replies)
            #expect(opened.contains("已开始第1轮评议") && !opened.contains("都可参加"), "\(opened)")
            #expect(try await say(h, "评议", as: "E010", replies: &replies).contains("没有需要评价的对象"))

            try await vote(h, "E006", first, replies: &replies)
            try await vote(h, "E007", second, replies: &replies)
            checkpoints.append(try await checkpoint(h, replies: replies))
            let sealed = await h.state.evaluations.rounds[0]
            #expect(sealed.tallies.isEmpty && sealed.voted.isEmpty && sealed.sealed["甲支部"]?.raters == ["E006", "E007"])

            // E001, E002 and E003 rate everyone but themselves 合格: the fifth ballot counts all five at once.
            for rater in ["E001", "E002", "E003"] {
                let answers: [String?] = School.members.filter { $0 != rater }.map { _ in "2" }
                try await vote(h, rater, answers, replies: &replies)
                let round = await h.state.evaluations.rounds[0]
                #expect(round.voted.count == (rater == "E003" ? 5 : 0) && round.tallies.isEmpty == (rater != "E003"))
            }
            checkpoints.append(try await checkpoint(h, replies: replies))

            let closed = try await say(h, "评议 结束", as: "A001", replies: &replies)
            #expect(closed.contains("5 人完成评议"), "\(closed)")
            checkpoints.append(try await checkpoint(h, replies: replies))
            let round = await h.state.evaluations.rounds[0]
            #expect(round.sealed.isEmpty && round.tallies.values.allSatisfy { $0.values.reduce(0, +) >= 5 })

            // A member of the small branch is told their result is not published, without any count.
            let own = try await say(h, "评议 结果", as: "E009", replies: &replies)
            #expect(own.contains("教师E009（E009）：不公布：可评价的人不足 5 人"), "\(own)")
            #expect(own.matches(of: /(\d+)\s*人/).allSatisfy { $0.output.1 == "5" }, "\(own)")
        }
        return checkpoints
    }

    @Test(
        "two stores that saw the same ballots with two raters' grades swapped hold the same 评议 state in every file, and no ballot reply"
    )
    func swappedBallotsLeaveTheSameStore() async throws {
        // E006 and E007 (群众) both rate A001, E001–E005; one skips what the other rates.
        let one: [String?] = ["1", "2", nil, "4", "3", "1"]
        let other: [String?] = ["2", "1", "3", nil, "4", "2"]
        let straight = try await Self.round(one, other)
        let swapped = try await Self.round(other, one)
        #expect(straight.count == 3 && swapped.count == 3)
        for (a, b) in zip(straight, swapped) {
            #expect(a == b)
        }
        // The tallies hold the five ballots together: E001's were A001 优秀 and 合格 from the two, 合格 from E002–E003.
        let counted = try #require(straight.last?.evaluations.rounds.first)
        #expect(counted.tallies["A001"] == ["excellent": 1, "qualified": 4])
        #expect(counted.tallies["E002"] == nil, "E002 was rated by 4 (one skipped): below 5, not kept")
    }
}
