import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import Logging
import Testing

/// A store as version 1 wrote it: people with `telegram` / `matrix` fields, a roster import without direct chats.
enum CampaignSchemaV1: StoreSchema {
    typealias State = JSONValue
    typealias Change = JSONValue
    static let currentVersion = 1
    static func initialState() -> JSONValue {
        let data = (try? JSONEncoder().encode(BotState())) ?? Data()
        var state = (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .object([:])
        state["seenDeliveries"] = nil
        return state
    }
    static func apply(_ change: JSONValue, to state: inout JSONValue) throws {}
}

@Suite("Store written before the transport seam")
struct SchemaMigrationTests {
    static func person(_ staffID: String, telegram: String?, matrix: String?) -> JSONValue {
        var fields: [String: JSONValue] = [
            "staffID": .string(staffID), "name": .string("李明"), "roles": .array([.string("frontline")]),
            "branch": .string("语文支部"), "partyMember": .bool(true), "permission": .string("teacher"),
            "active": .bool(true),
        ]
        if let telegram { fields["telegram"] = .string(telegram) }
        if let matrix { fields["matrix"] = .string(matrix) }
        return .object(fields)
    }

    @Test("a version-1 store opens: chat ids move to `chats`, Telegram private chats are kept, nothing is lost")
    func migratesVersion1() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-v1-\(UUID().uuidString)")
        var logger = Logger(label: "migration")
        logger.logLevel = .error
        let old = try await JSONStore<CampaignSchemaV1>.open(directory: dir, logger: logger)
        let people: JSONValue = .array([
            Self.person("T001", telegram: "1001", matrix: nil),
            Self.person("T002", telegram: nil, matrix: "@wang:school.example"),
        ])
        try await old.commit([.object(["importRoster": .object(["people": people, "codes": .object([:])])])])
        try await old.close()

        let store = try await CampaignStore.open(directory: dir, logger: logger)
        let state = await store.state
        try await store.close()
        #expect(state.roster["T001"]?.chats == ["telegram": "1001"])
        #expect(state.roster["T002"]?.chats == ["matrix": "@wang:school.example"])
        #expect(state.bindings["telegram:1001"] == "T001")
        #expect(state.bindings["matrix:@wang:school.example"] == "T002")
        #expect(state.directChats["T001"] == [ChatAddress(transport: "telegram", chat: "1001")])
        #expect(state.directChats["T002"] == nil)
        #expect(state.seenDeliveries.isEmpty)
    }

    @Test("seen deliveries: a repeat is recognised; old ones and those over capacity are forgotten, the same on replay")
    func seenDeliveries() throws {
        var seen = SeenDeliveries()
        let start = Date(timeIntervalSince1970: 1_286_000_000)
        seen.insert("a", at: start)
        seen.insert("a", at: start.addingTimeInterval(1))
        #expect(seen.contains("a") && seen.count == 1)
        seen.insert("b", at: start.addingTimeInterval(SeenDeliveries.retention + 1))
        #expect(!seen.contains("a") && seen.contains("b"))
        for i in 0..<(SeenDeliveries.capacity + 10) {
            seen.insert("n\(i)", at: start.addingTimeInterval(SeenDeliveries.retention + 2))
        }
        #expect(seen.count == SeenDeliveries.capacity)
        #expect(!seen.contains("n0") && seen.contains("n\(SeenDeliveries.capacity + 9)"))
        let copy = try JSONDecoder().decode(SeenDeliveries.self, from: JSONEncoder().encode(seen))
        #expect(copy == seen)
        #expect(copy.contains("n\(SeenDeliveries.capacity + 9)"))
    }
}
