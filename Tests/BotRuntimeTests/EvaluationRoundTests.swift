import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// A school of 50 on the roster, in 4 branches of 12–13: in each the first is the secretary, the next seven Party
/// members, the rest 群众. A001 (admin) is a Party member of 语文支部. Everyone's Telegram id is listed, so all are bound.
enum EvaluationSchool {
    static let branches = ["语文支部", "数学支部", "英语支部", "综合支部"]

    static var people: [(id: String, branch: String, member: Bool, permission: String)] {
        var out: [(String, String, Bool, String)] = [("A001", "语文支部", true, "管理员")]
        var n = 1
        for (b, branch) in branches.enumerated() {
            let size = b < 1 ? 12 : (b < 2 ? 13 : 12)
            for i in 0..<size {
                let id = String(format: "E%03d", n)
                n += 1
                out.append((id, branch, i < 8, i == 0 ? "书记" : "教师"))
            }
        }
        return out
    }

    static var csv: String {
        "工号,姓名,角色,支部,党员,权限,telegram\n"
            + people.map { p in
                "\(p.id),教师\(p.id),一线,\(p.branch),\(p.member ? "是" : "否"),\(p.permission),\(FakeUser.telegramID(for: p.id))"
            }.joined(separator: "\n") + "\n"
    }

    /// Whom `rater` rates, as the bot asks: Party members of the branch but the rater, by staff id.
    static func ratees(of rater: String) -> [String] {
        guard let branch = people.first(where: { $0.id == rater })?.branch else { return [] }
        return people.filter { $0.branch == branch && $0.member && $0.id != rater }.map(\.id).sorted()
    }

    /// The answer `rater` gives about `ratee`: nil skips. Deterministic, so the tallies can be computed.
    static func answer(_ rater: String, _ ratee: String) -> EvaluationGrade? {
        let h = (rater + ratee).unicodeScalars.reduce(7) { ($0 &* 31 &+ Int($1.value)) % 10_007 }
        if h % 9 == 0 { return nil }
        return EvaluationGrade.allCases[h % 4]
    }

    static let words: [EvaluationGrade: [String]] = [
        .excellent: ["优秀", "1", "１", "优"], .qualified: ["合格", "2", "合格。"],
        .basicallyQualified: ["基本合格", "3", "基本"], .unqualified: ["不合格", "4", "不合格！"],
    ]
}

/// Every file under the store directory, by relative path.
func storeFiles(_ directory: URL) throws -> [String: String] {
    var out: [String: String] = [:]
    let base = directory.standardizedFileURL.path
    guard let walk = FileManager.default.enumerator(atPath: base) else { return out }
    while let relative = walk.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let path = base + "/" + relative
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if !isDirectory.boolValue {
            out[relative] = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        }
    }
    return out
}

/// What a file may not contain once ballots are counted: any trace of a ballot, or a journal line that ties a
/// rater's id to 评议 data. Returns the offending file and why.
func raterLinks(in files: [String: String], raters: [String]) throws -> [String] {
    var found: [String] = []
    let grades = EvaluationGrade.allCases.map { "\"\($0.rawValue)\"" }
    for (name, text) in files {
        if name.hasSuffix(".json") {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            let state = object?["state"] as? [String: Any]
            let evaluations = state?["evaluations"] as? [String: Any]
            if let ballots = evaluations?["ballots"] as? [String: Any], !ballots.isEmpty {
                found.append("\(name): unfinished ballots of \(ballots.keys.sorted())")
            }
        }
        if name.hasSuffix(".jsonl") {
            for line in text.split(separator: "\n") {
                if line.contains("\"evaluationBallot\"") || line.contains("\"evaluationCast\"") {
                    found.append("\(name): a ballot or a cast in the journal: \(line.prefix(120))")
                }
                if grades.contains(where: { line.contains($0) }), raters.contains(where: { line.contains("\"\($0)\"") })
                {
                    found.append("\(name): a grade and a rater on one line: \(line.prefix(120))")
                }
            }
        }
    }
    return found
}

/// The `evaluations` of every snapshot in the store (live and backed up), by file, as sorted JSON text — without
/// `unforgotten`, the forgetting's own counter (the live snapshot is written before it is counted down).
func evaluationsInSnapshots(_ files: [String: String]) throws -> [String: String] {
    var out: [String: String] = [:]
    for (name, text) in files where name.hasSuffix(".json") {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        var evaluations = (object?["state"] as? [String: Any])?["evaluations"] as? [String: Any] ?? [:]
        evaluations["unforgotten"] = nil
        let data = try JSONSerialization.data(withJSONObject: evaluations, options: [.sortedKeys])
        out[name] = String(decoding: data, as: UTF8.self)
    }
    return out
}

/// The 评议 rounds every snapshot in the store holds, by file.
func roundsInSnapshots(_ files: [String: String]) throws -> [String: [EvaluationRound]] {
    struct Rounds: Decodable { var rounds: [EvaluationRound] }
    return try evaluationsInSnapshots(files).mapValues { text in
        try JSONDecoder().decode(Rounds.self, from: Data(text.utf8)).rounds
    }
}

/// The first line of each text that appears in some file, with the file.
func textsFound(_ texts: some Sequence<String>, in files: [String: String]) -> [String] {
    var found: [String] = []
    for text in Set(texts.compactMap { $0.split(separator: "\n").first.map(String.init) }) {
        for (name, content) in files where content.contains(text) { found.append("\(name): \(text)") }
    }
    return found
}

/// What one snapshot says was counted in a round: who voted and the tallies.
struct CountedState: Hashable {
    var voted: Set<String>
    var tallies: [String: [String: Int]]
}

@Suite("评议 round through the production dispatcher, on a real store")
struct EvaluationRoundTests {
    typealias School = EvaluationSchool

    /// Answers every question of `rater`'s ballot as `School.answer` says, with the answer written in varying forms.
    static func vote(_ h: Harness, _ rater: String, from start: Int = 0) async throws -> String {
        var last = ""
        for (i, ratee) in School.ratees(of: rater).enumerated() where i >= start {
            let words = School.answer(rater, ratee).map { School.words[$0] ?? [] } ?? ["跳过"]
            last = try await h.say(words[i % words.count], as: rater)
        }
        #expect(last.contains("回复“提交”计入"), "\(rater): \(last)")
        return try await h.say("提交", as: rater)
    }

    @Test(
        "50 raters in 4 branches: exact tallies, one ballot each, counted in batches of 5, late votes refused, no rater ↔ grade link or ballot reply on disk"
    )
    func fullRound() async throws {
        try await Harness.with(now: "2010-06-28T09:00:00+08:00", roster: School.csv) { h in
            #expect(try await h.say("评议 开始 党员评议 截止 7月10日", as: "E002").contains("只有党总支管理员"))
            let opened = try await h.say("评议 开始 党员评议 截止 7月10日", as: "A001")
            #expect(opened.contains("已开始第1轮评议“党员评议”") && opened.contains("50 位"))
            #expect(try await h.say("评议 开始 又一轮 截止 7月12日", as: "A001").contains("还在进行中"))

            let raters = School.people.map(\.id)
            let late = "E013", restarted = "E005", never = "E020"
            // What every snapshot said was counted, at every moment a ballot had just been submitted.
            var observed: Set<CountedState> = []
            for rater in raters where ![late, restarted, never].contains(rater) {
                let first = try await h.say("评议", as: rater)
                let ratees = School.ratees(of: rater)
                if ratees.isEmpty {
                    #expect(first.contains("没有需要评价的对象"))
                    continue
                }
                #expect(first.contains("（1/\(ratees.count)）"), "\(rater): \(first)")
                let done = try await Self.vote(h, rater)
                #expect(done.contains("您的评议已提交"), "\(rater): \(done)")
                // As the outbox sender would: the replies leave the store once sent, and their texts with them.
                let replies = await h.state.outbox.filter { $0.forgetOnceSent == true }.map(\.text)
                #expect(!replies.isEmpty)
                try await h.bot.dispatcher.markSent(await h.state.outbox.map(\.id))
                let files = try storeFiles(h.directory)
                #expect(textsFound(replies, in: files) == [], "\(rater)")
                #expect(try raterLinks(in: files, raters: raters) == [], "\(rater)")
                for rounds in try roundsInSnapshots(files).values {
                    let round = try #require(rounds.first)
                    observed.insert(CountedState(voted: round.voted, tallies: round.tallies))
                    #expect(round.tallies.values.allSatisfy { $0.values.reduce(0, +) >= 5 }, "\(round.tallies)")
                }
            }
            // The tallies and the "has voted" marks changed only by batches of at least 5 ballots: any two states
            // seen in any files differ by at least 5 voters, or not at all.
            #expect(observed.count > 5)
            for a in observed {
                for b in observed where a != b {
                    #expect(a.voted.symmetricDifference(b.voted).count >= 5, "\(a.voted.count) vs \(b.voted.count)")
                }
            }
            // A second ballot is refused, and a counted ballot leaves no trace linking its rater to a grade.
            #expect(try await h.say("评议", as: "E001").contains("每人只能评议一次"))
            #expect(try raterLinks(in: storeFiles(h.directory), raters: raters).isEmpty)

            // Skip, back, pause, and a restart in the middle of a ballot.
            let ratees = School.ratees(of: restarted)
            _ = try await h.say("评议", as: restarted)
            _ = try await h.say("2", as: restarted)
            #expect(try await h.say("返回", as: restarted).contains("（1/\(ratees.count)）请评价"))
            let firstAnswer = School.answer(restarted, ratees[0]).flatMap { School.words[$0]?.first } ?? "跳过"
            _ = try await h.say(firstAnswer, as: restarted)
            #expect(try await h.say("跳过", as: restarted).contains("（3/\(ratees.count)）"))
            #expect(try await h.say("返回", as: restarted).contains("（2/\(ratees.count)）"))
            #expect(try await h.say("取消", as: restarted).contains("已暂停"))
            #expect(try await h.say("我的进度", as: restarted).contains("评议：“党员评议”尚未完成，已答 1/\(ratees.count)"))
            h = try await h.restarted()
            #expect(try await h.say("评议", as: restarted).contains("继续“党员评议”的评议。\n（2/\(ratees.count)）"))
            #expect(try await Self.vote(h, restarted, from: 1).contains("您的评议已提交"))

            // The late rater starts before the deadline and answers after it.
            _ = try await h.say("评议", as: late)
            _ = try await h.say("1", as: late)
            try h.advance(to: "2010-07-11T08:00:00+08:00")
            #expect(try await h.say("合格", as: late).contains("已于2010年7月10日截止，这次的评价没有计入"))
            #expect(try await h.say("评议", as: never).contains("已于2010年7月10日结束，不再接受评价"))
            #expect(try await h.say("评议", as: late).contains("不再接受评价"))

            let state = await h.state
            let round = try #require(state.evaluations.rounds.first)
            #expect(round.closedAt != nil && state.evaluations.ballots.isEmpty && state.evaluations.unforgotten == 0)
            let voters = raters.filter { ![late, never].contains($0) }
            #expect(round.voted == Set(voters))
            var expected: [String: [String: Int]] = [:]
            for rater in voters {
                for ratee in School.ratees(of: rater) {
                    if let grade = School.answer(rater, ratee) {
                        expected[ratee, default: [:]][grade.rawValue, default: 0] += 1
                    }
                }
            }
            #expect(round.tallies == expected)

            // Results: exact counts for the admin; a teacher sees their own; the secretary their branch only.
            let all = try await h.say("评议 结果", as: "A001")
            let e002 = round.counts(for: "E002")
            #expect(
                all.contains(
                    "教师E002（E002）：优秀 \(e002[.excellent]!)、合格 \(e002[.qualified]!)、基本合格 \(e002[.basicallyQualified]!)、不合格 \(e002[.unqualified]!)（\(round.raters(of: "E002")) 人评价）"
                ))
            let own = try await h.say("评议 结果", as: "E003")
            #expect(own.contains("E003") && !own.contains("E002"))
            #expect(try await h.say("评议 结果", as: "E010").contains("您不是评议“党员评议”的评议对象"))
            let secretary = try await h.say("评议 结果", as: "E013")  // secretary of 数学支部
            #expect(secretary.contains("E014") && !secretary.contains("E002"))
            #expect(try await h.say("评议 结果 语文支部", as: "E013").contains("只能查看或通知本支部"))

            // After closing: every file in the store — snapshot, journal, backups — is free of ballots and links,
            // and every snapshot holds the same 评议 data, so no two of them can be subtracted to find one ballot.
            let files = try storeFiles(h.directory)
            #expect(
                files.keys.contains { $0.hasPrefix("backups/snapshot-") }
                    && files.keys.contains { $0.hasPrefix("backups/journal-") })
            #expect(try raterLinks(in: files, raters: raters) == [])
            for (name, text) in files where name.hasSuffix(".json") {
                let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                let evaluations = (object?["state"] as? [String: Any])?["evaluations"] as? [String: Any]
                let data = try JSONSerialization.data(withJSONObject: evaluations?["rounds"] ?? [])
                #expect(
                    try JSONDecoder().decode([EvaluationRound].self, from: data) == state.evaluations.rounds, "\(name)")
            }
        }
    }
}
