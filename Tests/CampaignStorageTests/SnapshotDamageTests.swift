import Foundation
import Testing
import TestSupport
@testable import CampaignStorage

/// Damage to the snapshot, a missing snapshot or journal, and what opening leaves behind.
extension DamageTests {
    @Test("a snapshot edited so that it still parses fails its checksum")
    func snapshotChecksumMismatch() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        let store = try await JSONStore<NotesSchema>.open(dir.store)
        try await store.compact()
        try await store.close()
        let original = try readText(snapshotURL(dir))
        #expect(original.contains("\"note 2\""))

        for edited in [
            original.replacingOccurrences(of: "\"note 2\"", with: "\"note 9\""),
            original.replacingOccurrences(of: "\"seq\" : 5", with: "\"seq\" : 4"),
        ] {
            try write(edited, to: snapshotURL(dir))
            #expect(
                (try? JSONSerialization.jsonObject(with: Data(edited.utf8))) != nil, "the damage still parses as JSON")
            let error = try await expectRefusal(dir)
            let (file, line, offset, reason) = try #require(
                error?.damage, "expected .damaged, got \(String(describing: error))")
            #expect(file.hasSuffix("/snapshot.json"))
            #expect(line == 6)
            let marker = try #require(edited.range(of: "\"state\" : "))
            #expect(offset == edited.utf8.distance(from: edited.startIndex, to: marker.upperBound))
            #expect(reason.contains("checksum mismatch"))
        }
    }

    @Test("a snapshot that is not a snapshot refuses to open")
    func garbageSnapshot() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        try write("{\"notes\": {}}\n", to: snapshotURL(dir))
        let error = try await expectRefusal(dir)
        let (file, line, offset, _) = try #require(error?.damage, "expected .damaged, got \(String(describing: error))")
        #expect(file.hasSuffix("/snapshot.json"))
        #expect((line, offset) == (1, 0))
    }

    @Test("a snapshot cut short refuses to open")
    func truncatedSnapshot() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        let data = try Data(contentsOf: snapshotURL(dir))
        try data.prefix(data.count - 5).write(to: snapshotURL(dir))
        let error = try await expectRefusal(dir)
        _ = try #require(error?.damage, "expected .damaged, got \(String(describing: error))")
    }

    @Test("a snapshot with a valid checksum whose state does not decode refuses to open")
    func undecodableSnapshot() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        let bytes = SnapshotFormat.encode(prettyState: Data(#"{"notes": 5}"#.utf8), schema: 1, seq: 0)
        try bytes.write(to: snapshotURL(dir))
        let error = try await expectRefusal(dir)
        let (file, line, offset, reason) = try #require(
            error?.damage, "expected .damaged, got \(String(describing: error))")
        #expect(file.hasSuffix("/snapshot.json"))
        #expect(line == 6)
        #expect(offset > 0)
        #expect(reason.contains("does not decode as schema version 1"))
    }

    @Test("a snapshot from a newer schema version refuses to open")
    func futureVersion() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        let bytes = SnapshotFormat.encode(prettyState: Data(#"{"notes": {}, "position": 0}"#.utf8), schema: 7, seq: 0)
        try bytes.write(to: snapshotURL(dir))
        let error = try await expectRefusal(dir)
        guard case let .futureVersion(file, found, supported)? = error else {
            Issue.record("expected .futureVersion, got \(String(describing: error))")
            return
        }
        #expect(file.hasSuffix("/snapshot.json"))
        #expect((found, supported) == (7, 1))
    }

    @Test("a journal without its snapshot refuses to open")
    func missingSnapshot() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        try FileManager.default.removeItem(at: snapshotURL(dir))
        let error = try await expectRefusal(dir)
        let (file, _, _, reason) = try #require(error?.damage, "expected .damaged, got \(String(describing: error))")
        #expect(file.hasSuffix("/journal.jsonl"))
        #expect(reason.contains("snapshot.json is missing"))
    }

    @Test("a snapshot without its journal refuses to open; an empty journal accepts the snapshot alone")
    func missingJournal() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        try FileManager.default.removeItem(at: journalURL(dir))
        let error = try await expectRefusal(dir)
        let (file, _, _, reason) = try #require(error?.damage, "expected .damaged, got \(String(describing: error))")
        #expect(file.hasSuffix("/journal.jsonl"))
        #expect(reason.contains("journal.jsonl is missing"))

        try Data().write(to: journalURL(dir))
        let store = try await JSONStore<NotesSchema>.open(dir.store)
        #expect(await store.state.notes.isEmpty)
        try await store.close()
    }

    @Test("a crash between snapshot rename and journal switch replays only newer entries")
    func staleJournalAfterSnapshot() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        let oldJournal = try Data(contentsOf: journalURL(dir))
        let store = try await JSONStore<NotesSchema>.open(dir.store)
        try await store.compact()
        try await store.commit([.put(id: "n6", text: "note 6")])
        try await store.close()
        // Put back the pre-compaction journal plus entry 6: entries 1...5 are already in the snapshot.
        try (oldJournal + Data(contentsOf: journalURL(dir))).write(to: journalURL(dir))

        let reopened = try await JSONStore<NotesSchema>.open(dir.store)
        #expect(await reopened.state.notes.count == 6)
        #expect(await reopened.lastSequence == 6)
        #expect(try await reopened.commit([.position(1)]) == 7)
        try await reopened.close()
        #expect(try journalLines(dir).filter { !$0.isEmpty }.count == 2)
    }

    @Test("a refused open of a store nobody locked before leaves no lock file behind")
    func refusedOpenLeavesNoLockFile() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        try FileManager.default.removeItem(at: dir.store.appendingPathComponent("lock"))
        try write("garbage", to: snapshotURL(dir))
        _ = try await expectRefusal(dir)
        #expect(!FileManager.default.fileExists(atPath: dir.store.appendingPathComponent("lock").path))
    }
}
