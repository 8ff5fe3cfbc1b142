import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import Logging
import Testing
import TestSupport
import CampaignIntents

@Suite("评议 settings and store")
struct EvaluationStoreTests {
    @Test("a version-3 store (without 评议) opens with no rounds")
    func version3Opens() async throws {
        let (old, dir) = try await CampaignSchemaV3.openNew("cxzy-v3")
        defer { try? FileManager.default.removeItem(at: dir) }
        let logger = CampaignSchemaV3.quietLogger
        try await old.commit([.object(["setReminders": .object(["staffID": .string("T001"), "on": .bool(false)])])])
        try await old.close()
        let store = try await CampaignStore.open(directory: dir, logger: logger)
        let state = await store.state
        try await store.close()
        #expect(state.evaluations == Evaluations())
        #expect(state.remindersOff == ["T001"])
    }

    @Test("a crash between submitting a ballot and forgetting it: the next start forgets before anything else")
    func forgetsAtStart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-forget-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var logger = Logger(label: "forget")
        logger.logLevel = .error
        let opened = try #require(CampaignTime.parse("2010-06-28T09:00:00+08:00"))
        let deadline = try #require(CalendarDate(year: 2010, month: 7, day: 10))
        let people = ["T001", "T002", "T003"].map {
            Person(staffID: $0, name: $0, roles: [.frontline], branch: "语文支部", partyMember: $0 != "T003")
        }
        // What a bot that died right after the submitting commit leaves behind: the ballot's lines in the journal.
        let store = try await CampaignStore.open(directory: dir, logger: logger)
        var ballot = EvaluationBallot(round: 1, subjects: ["T001", "T002"], group: "语文支部")
        try await store.commit([
            .importRoster(people: people, codes: [:], directChats: [:]),
            .evaluationOpen(
                EvaluationRound(
                    number: 1, name: "党员评议", kind: .members, deadline: deadline, openedAt: opened, openedBy: "T001",
                    minRaters: 5)),
        ])
        ballot.grades = ["T001": "unqualified", "T002": "excellent"]
        ballot.position = 2
        try await store.commit([.evaluationBallot(rater: "T003", ballot)])
        try await store.commit([.evaluationCast(rater: "T003")])
        try await store.close()
        #expect(try !raterLinks(in: storeFiles(dir), raters: ["T003"]).isEmpty)

        let bot = try await Bot.open(directory: dir, campaign: .builtIn, clock: ManualClock(opened), logger: logger)
        let state = await bot.store.state
        try await bot.close()
        // Sealed, not counted (one ballot is fewer than 5): only that T003 submitted and the group's sum remain.
        let round = state.evaluations.rounds[0]
        #expect(state.evaluations.unforgotten == 0 && round.hasSubmitted("T003") && round.voted.isEmpty)
        #expect(round.tallies.isEmpty && round.sealed["语文支部"]?.raters == ["T003"])
        #expect(try raterLinks(in: storeFiles(dir), raters: ["T003"]) == [])
    }

    @Test(
        "evaluation.minRaters comes from the config file or CXZY_EVALUATION_MIN_RATERS, default 5; bad values are refused"
    )
    func setting() throws {
        #expect(
            try Configuration.load(file: nil, environment: [:], store: nil, httpListen: nil).evaluationMinRaters == 5)
        let env = try Configuration.load(
            file: nil, environment: ["CXZY_EVALUATION_MIN_RATERS": "3"], store: nil, httpListen: nil)
        #expect(env.evaluationMinRaters == 3)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cxzy-config-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"evaluation": {"minRaters": 7}}"#.utf8).write(to: file)
        #expect(
            try Configuration.load(file: file, environment: [:], store: nil, httpListen: nil).evaluationMinRaters == 7)
        #expect(throws: Configuration.Problem.self) {
            try Configuration.load(
                file: nil, environment: ["CXZY_EVALUATION_MIN_RATERS": "zero"], store: nil, httpListen: nil)
        }
        try Data(#"{"evaluation": {"minRaters": 0, "other": 1}}"#.utf8).write(to: file)
        #expect(throws: Configuration.Problem.self) {
            try Configuration.load(file: file, environment: [:], store: nil, httpListen: nil)
        }
    }
}
