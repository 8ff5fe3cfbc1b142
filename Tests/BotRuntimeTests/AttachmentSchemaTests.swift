import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import Logging
import Testing

@Suite("Store written before attachments")
struct AttachmentSchemaTests {
    @Test("a version-3 store opens with no attachments, and its queued messages still read")
    func opensVersion3() async throws {
        let (old, dir) = try await CampaignSchemaV3.openNew("cxzy-v3-media")
        defer { try? FileManager.default.removeItem(at: dir) }
        let logger = CampaignSchemaV3.quietLogger
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
