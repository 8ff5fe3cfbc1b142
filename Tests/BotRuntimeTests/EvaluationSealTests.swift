import BotRuntime
import CampaignCore
import Foundation
import Logging
import Testing
import TestSupport

@Suite("评议 sealed window: a submitted ballot waiting for its batch is readable only with the ballot key")
struct EvaluationSealTests {
    typealias School = AnonymitySchool
    typealias Round = EvaluationAnonymityTests

    static func open(_ h: Harness, replies: inout [String]) async throws {
        let opened = try await Round.say(h, "评议 开始 党员评议 截止 7月10日 按支部", as: "A001", replies: &replies)
        #expect(opened.contains("已开始第1轮评议"), "\(opened)")
    }

    /// What `rater` answers: 合格 for each of 甲支部's members but themselves.
    static func qualified(_ rater: String) -> [String?] { School.members.filter { $0 != rater }.map { _ in "2" } }

    @Test(
        "one ballot sealed alone: no file of the store holds its grades, the key lies beside the store (0600), and after a restart it is counted with its batch"
    )
    func sealedAlone() async throws {
        try await Harness.with(now: "2010-06-28T09:00:00+08:00", roster: School.csv) { h in
            var replies: [String] = []
            try await Self.open(h, replies: &replies)
            // E006 rates all six 优秀: alone in the sealed list, the group's sum is E006's ballot.
            try await Round.vote(h, "E006", Array(repeating: "1", count: 6), replies: &replies)
            let files = try storeFiles(h.directory)
            for (name, text) in files {
                #expect(!text.contains("\"excellent\""), "\(name) holds a grade")
            }
            let rounds = try roundsInSnapshots(files)
            #expect(rounds.count >= 2, "the live snapshot and at least one backup")
            for (name, decoded) in rounds {
                // Read without the key, as anyone with the store's files would.
                let sealed = try #require(decoded.first?.sealed["甲支部"], "\(name)")
                #expect(sealed.raters == ["E006"] && sealed.grades.isEmpty && sealed.unreadable != nil, "\(name)")
            }
            let key = BallotKey.file(for: h.directory)
            #expect(
                key.deletingLastPathComponent().path == h.directory.standardizedFileURL.deletingLastPathComponent().path
            )
            #expect(!files.keys.contains { $0.contains("ballot-key") })
            let mode = try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)

            h = try await h.restarted()
            let kept = try #require(await h.state.evaluations.rounds.first?.sealed["甲支部"])
            #expect(kept.raters == ["E006"] && kept.grades["A001"] == ["excellent": 1])
            for rater in ["E001", "E002", "E003", "E007"] {
                try await Round.vote(h, rater, Self.qualified(rater), replies: &replies)
            }
            let counted = try #require(await h.state.evaluations.rounds.first)
            #expect(counted.voted == ["E001", "E002", "E003", "E006", "E007"])
            #expect(counted.tallies["A001"] == ["excellent": 1, "qualified": 4], "\(counted.tallies)")
        }
    }

    @Test("a lost key: the sealed ballots cannot be counted, so their raters are told privately and may rate again")
    func lostKey() async throws {
        try await Harness.with(now: "2010-06-28T09:00:00+08:00", roster: School.csv) { h in
            var replies: [String] = []
            try await Self.open(h, replies: &replies)
            try await Round.vote(h, "E006", Array(repeating: "1", count: 6), replies: &replies)
            try FileManager.default.removeItem(at: BallotKey.file(for: h.directory))

            h = try await h.restarted()
            let round = try #require(await h.state.evaluations.rounds.first)
            #expect(round.sealed.isEmpty && !round.hasSubmitted("E006"))
            let told = await h.state.outbox.filter { $0.staffID == "E006" && $0.text.contains("重新评价") }
            #expect(told.count == 1 && told.first?.audience == .person, "\(told)")
            #expect(FileManager.default.fileExists(atPath: BallotKey.file(for: h.directory).path), "a new key")

            try await Round.vote(h, "E006", Array(repeating: "2", count: 6), replies: &replies)
            #expect(await h.state.evaluations.rounds.first?.sealed["甲支部"]?.raters == ["E006"])
        }
    }

    @Test("CXZY_BALLOT_KEY: a malformed key stops the start with a clear message; a good one makes no key file")
    func keyFromEnvironment() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-seal-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(at: BallotKey.file(for: directory))
        }
        var logger = Logger(label: "seal")
        logger.logLevel = .critical
        let clock = ManualClock(try #require(CampaignTime.parse("2010-06-28T09:00:00+08:00")))
        await #expect(throws: BallotKey.Problem.self) {
            _ = try await Bot.open(
                directory: directory, campaign: .builtIn, clock: clock, logger: logger,
                environment: [BallotKey.variable: "c2hvcnQ="])
        }
        let key = Data(repeating: 42, count: 32).base64EncodedString()
        let bot = try await Bot.open(
            directory: directory, campaign: .builtIn, clock: clock, logger: logger,
            environment: [BallotKey.variable: key])
        try await bot.close()
        #expect(!FileManager.default.fileExists(atPath: BallotKey.file(for: directory).path))
    }
}
