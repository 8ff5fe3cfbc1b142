import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import Logging
import Testing

@Suite("Store written before 对标定位 and 评选表彰")
struct SchemaVersion3Tests {
    @Test("a version-3 store opens: no benchmarks, no awards, the roster kept, and new ones can be recorded")
    func opensVersion3() async throws {
        let (old, dir) = try await CampaignSchemaV3.openNew("cxzy-v3")
        defer { try? FileManager.default.removeItem(at: dir) }
        let logger = CampaignSchemaV3.quietLogger
        let initial = await old.state
        #expect(initial["awards"] == nil && initial["benchmarks"] == nil)
        let person = Person(staffID: "T001", name: "李明", roles: [.frontline], branch: "语文支部", partyMember: true)
        let change = try JSONDecoder().decode(
            JSONValue.self,
            from: JSONEncoder().encode(Change.importRoster(people: [person], codes: [:], directChats: [:])))
        try await old.commit([change])
        try await old.close()

        let store = try await CampaignStore.open(directory: dir, logger: logger)
        let state = await store.state
        #expect(state.roster["T001"]?.name == "李明")
        #expect(state.benchmarks.isEmpty && state.awards.isEmpty)
        let now = Date(timeIntervalSince1970: 1_315_000_000)
        let entry = Benchmark(id: "B-0001", staffID: "T001", phase: 3, model: "李老师", gaps: "提问", steps: "听课", at: now)
        try await store.commit([.benchmark(entry, entry: nil)])
        try await store.close()

        let reopened = try await CampaignStore.open(directory: dir, logger: logger)
        #expect(await reopened.state.benchmark(of: "T001", phase: 3)?.model == "李老师")
        try await reopened.close()
    }
}
