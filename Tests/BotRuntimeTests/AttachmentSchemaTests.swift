import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import Logging
import Testing

/// A store as version 3 wrote it: no `attachments`, no `heldFiles`, outbox messages without `media`.
enum CampaignSchemaV3WithoutAttachments: StoreSchema {
    typealias State = JSONValue
    typealias Change = JSONValue
    static let currentVersion = 3
    static func initialState() -> JSONValue {
        let data = (try? JSONEncoder().encode(BotState())) ?? Data()
        var state = (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .object([:])
        state["attachments"] = nil
        state["heldFiles"] = nil
        return state
    }
    static func apply(_ change: JSONValue, to state: inout JSONValue) throws {}
}

@Suite("Store written before attachments")
struct AttachmentSchemaTests {
    @Test("a version-3 store opens with no attachments, and its queued messages still read")
    func opensVersion3() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-v3-media-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var logger = Logger(label: "migration")
        logger.logLevel = .error
        let old = try await JSONStore<CampaignSchemaV3WithoutAttachments>.open(directory: dir, logger: logger)
        let queued = OutboxMessage(
            id: 1, to: ChatAddress(transport: "telegram", chat: "1001"), text: "您好", kind: .reply,
            createdAt: Date(timeIntervalSince1970: 0))
        let change = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(Change.enqueue(queued)))
        #expect(change["enqueue"]?["_0"]?["media"] == nil, "a version-3 outbox message has no media key")
        try await old.commit([change])
        try await old.close()

        let store = try await CampaignStore.open(directory: dir, logger: logger)
        let state = await store.state
        try await store.close()
        #expect(state.attachments.isEmpty && state.heldFiles.isEmpty)
        #expect(state.outbox.map(\.text) == ["您好"] && state.outbox.first?.media == nil)
    }
}
