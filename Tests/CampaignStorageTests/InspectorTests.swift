import Foundation
import Testing
@testable import CampaignStorage

@Suite("StoreInspector")
struct InspectorTests {
    @Test("reports a healthy store: snapshot, journal, sequence, backups, lock")
    func healthy() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<NotesSchema>.open(dir.store)
        for i in 1...3 { try await store.commit([.put(id: "n\(i)", text: "\(i)")]) }
        try await store.compact()
        for i in 4...6 { try await store.commit([.put(id: "n\(i)", text: "\(i)")]) }
        let before = try contents(of: dir.store)

        let open = StoreInspector.check(directory: dir.store)
        #expect(try contents(of: dir.store) == before, "the inspector writes nothing")
        #expect(open.isHealthy)
        guard case let .held(holder) = open.lock else {
            Issue.record("expected the lock to be held, got \(open.lock)")
            return
        }
        #expect(holder?.pid == getpid())
        try await store.close()

        let report = StoreInspector.check(directory: dir.store)
        #expect(report.isHealthy)
        #expect(report.lock == .free)
        #expect(report.snapshot?.schemaVersion == 1)
        #expect(report.snapshot?.sequence == 3)
        #expect(report.journal?.entries == 3)
        #expect(report.journal?.firstSequence == 4)
        #expect(report.journal?.lastSequence == 6)
        #expect(
            report.journal?.bytes == (try Data(contentsOf: dir.store.appendingPathComponent("journal.jsonl"))).count)
        #expect(report.lastSequence == 6)
        #expect(report.backups.count == 1)
        #expect(report.description.contains("status: healthy"))
        #expect(report.description.contains("3 entries (seq 4…6)"))
    }

    @Test("reports a torn tail as healthy, with where it is")
    func tornTail() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try await makeNotesStore(at: dir.store, commits: 2)
        let journal = dir.store.appendingPathComponent("journal.jsonl")
        let intact = try Data(contentsOf: journal)
        try (intact + Data(#"{"seq":3,"#.utf8)).write(to: journal)

        let report = StoreInspector.check(directory: dir.store)
        #expect(report.isHealthy)
        #expect(
            report.journal?.tornTail
                == .init(
                    line: 3, offset: intact.count, bytes: 9,
                    reason: "the last line has no newline (an append that did not finish)"))
        #expect(report.lastSequence == 2)
        #expect(report.description.contains("torn last entry at line 3"))
    }

    @Test("reports damage with file, line and byte offset")
    func damaged() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try await makeNotesStore(at: dir.store, commits: 4)
        let journal = dir.store.appendingPathComponent("journal.jsonl")
        var lines = try readText(journal).split(separator: "\n").map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: "note 2", with: "note 7")
        try write(lines.joined(separator: "\n") + "\n", to: journal)

        let before = try contents(of: dir.store)
        let report = StoreInspector.check(directory: dir.store)
        #expect(try contents(of: dir.store) == before, "the inspector writes nothing")
        #expect(!report.isHealthy)
        #expect(
            report.damage == [
                .damaged(
                    file: dir.store.standardizedFileURL.path + "/journal.jsonl", line: 2,
                    offset: lines[0].utf8.count + 1,
                    reason:
                        "checksum mismatch for seq 2 (stored \(lines[1].dropFirst(16).prefix(8)), computed \(CRC32.hex(CRC32.checksum(Array(#"[{"put":{"id":"n2","text":"note 7"}}]"#.utf8)))))"
                )
            ])
        #expect(report.lastSequence == nil)
        #expect(report.description.contains("DAMAGED"))
        #expect(report.description.contains("line 2"))
        #expect(report.snapshot?.sequence == 0)
    }

    @Test("reports a missing journal next to a snapshot")
    func missingJournal() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try await makeNotesStore(at: dir.store, commits: 1)
        try FileManager.default.removeItem(at: dir.store.appendingPathComponent("journal.jsonl"))
        let report = StoreInspector.check(directory: dir.store)
        #expect(!report.isHealthy)
        #expect(report.description.contains("journal.jsonl is missing"))
    }

    @Test("reports a missing directory as not a store")
    func missing() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let report = StoreInspector.check(directory: dir.store)
        #expect(!report.isHealthy)
        #expect(report.damage == [.notFound(directory: dir.store.standardizedFileURL.path)])
        #expect(!FileManager.default.fileExists(atPath: dir.store.path))
    }
}
