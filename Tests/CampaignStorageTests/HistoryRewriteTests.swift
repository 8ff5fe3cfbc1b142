import Foundation
import Logging
import Testing
@testable import CampaignStorage

/// `compact(rewritingHistory:)`: the store forgets what the schema says, in every file, and still opens and checks.
@Suite("Rewriting history")
struct HistoryRewriteTests {
    /// Forgets the note `secret` everywhere: its changes leave the backed-up journals, and every backed-up
    /// snapshot takes the newest note set.
    static let forgetSecret = HistoryRewrite(
        state: { backup, newest in
            var backup = backup
            backup["notes"] = newest["notes"]
            return backup
        },
        change: { change in
            if case .object(let put)? = change["put"], put["id"] == .string("secret") { return nil }
            if case .object(let delete)? = change["delete"], delete["id"] == .string("secret") { return nil }
            return change
        })

    @Test("after the rewrite no file in the directory holds the forgotten text; the store reopens and checks healthy")
    func forgets() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        var store = try await JSONStore<NotesSchema>.open(directory: temp.store, logger: logger)
        try await store.commit([.put(id: "a", text: "kept")])
        try await store.compact()
        try await store.commit([.put(id: "secret", text: "rater T001 gave excellent"), .position(1)])
        try await store.close()
        // Reopening backs up the journal.
        store = try await JSONStore<NotesSchema>.open(directory: temp.store, logger: logger)
        try await store.commit([.delete(id: "secret"), .put(id: "b", text: "also kept")])
        try await store.compact()
        try await store.commit([.put(id: "c", text: "after")])

        let before = try contents(of: temp.store).values.contains {
            String(decoding: $0, as: UTF8.self).contains("rater T001")
        }
        #expect(before)
        try await store.compact(rewritingHistory: Self.forgetSecret)
        let files = try contents(of: temp.store)
        #expect(
            files.keys.contains { $0.hasPrefix("backups/journal-") }
                && files.keys.contains { $0.hasPrefix("backups/snapshot-") })
        for (name, data) in files { #expect(!String(decoding: data, as: UTF8.self).contains("rater T001"), "\(name)") }
        try await store.commit([.put(id: "d", text: "later")])
        try await store.close()

        #expect(StoreInspector.check(directory: temp.store).isHealthy)
        store = try await JSONStore<NotesSchema>.open(directory: temp.store, logger: logger)
        #expect(await store.state.notes == ["a": "kept", "b": "also kept", "c": "after", "d": "later"])
        #expect(await store.state.position == 1)
        try await store.close()
    }
}
