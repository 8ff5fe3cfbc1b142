import Foundation
import Logging
import Testing
import TestSupport
@testable import CampaignStorage

/// Every kind of damage: a torn final entry is dropped (and logged); anything else refuses to open,
/// names the file, line and byte offset, and leaves every byte in the directory as it was.
@Suite("Recovery and damage")
struct DamageTests {
    /// A store with five one-note commits in its journal (snapshot at seq 0).
    func fiveCommits() async throws -> TempDirectory {
        let dir = try TempDirectory()
        try await makeNotesStore(at: dir.store, commits: 5)
        return dir
    }

    func journalURL(_ dir: TempDirectory) -> URL { dir.store.appendingPathComponent("journal.jsonl") }
    func snapshotURL(_ dir: TempDirectory) -> URL { dir.store.appendingPathComponent("snapshot.json") }

    func journalLines(_ dir: TempDirectory) throws -> [String] {
        try readText(journalURL(dir)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Byte offset where 1-based `line` starts.
    private func offset(ofLine line: Int, in lines: [String]) -> Int {
        lines.prefix(line - 1).reduce(0) { $0 + $1.utf8.count + 1 }
    }

    /// Opens, expects a refusal, and proves nothing in the directory changed.
    func expectRefusal(_ dir: TempDirectory, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> StoreError?
    {
        let before = try contents(of: dir.store)
        let error = await expectStoreError(
            { _ = try await JSONStore<NotesSchema>.open(dir.store) }, sourceLocation: sourceLocation)
        #expect(try contents(of: dir.store) == before, "a refused open must not write", sourceLocation: sourceLocation)
        return error
    }

    @Test("a torn last line without newline is dropped, logged, and truncated away")
    func tornTailPartialLine() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        let intact = try Data(contentsOf: journalURL(dir))
        let handle = try FileHandle(forWritingTo: journalURL(dir))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"seq":6,"crc":"1234"#.utf8))
        try handle.close()

        let log = LogCapture()
        let store = try await JSONStore<NotesSchema>.open(dir.store, logger: log.logger)
        #expect(await store.state.notes.count == 5)
        #expect(await store.lastSequence == 5)
        let warnings = log.messages(at: .warning)
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("torn") == true)
        #expect(warnings.first?.metadata["line"] == "6")
        #expect(warnings.first?.metadata["offset"] == "\(intact.count)")
        #expect(try Data(contentsOf: journalURL(dir)) == intact)
        // Appends continue cleanly after the cut.
        #expect(try await store.commit([.position(1)]) == 6)
        try await store.close()
        let reopened = try await JSONStore<NotesSchema>.open(dir.store)
        #expect(await reopened.state.position == 1)
        try await reopened.close()
    }

    @Test("a complete last line with a bad checksum is dropped as torn")
    func tornTailBadChecksum() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        var lines = try journalLines(dir)
        lines[4] = lines[4].replacingOccurrences(of: "note 5", with: "note 6")
        try write(lines.joined(separator: "\n"), to: journalURL(dir))

        let log = LogCapture()
        let store = try await JSONStore<NotesSchema>.open(dir.store, logger: log.logger)
        #expect(await store.state.notes.count == 4)
        #expect(
            log.messages(at: .warning).first?.metadata["reason"].map { "\($0)".contains("checksum mismatch") } == true)
        try await store.close()
    }

    @Test("a torn tail is not cut when another file is damaged")
    func tornTailKeptOnRefusal() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        let handle = try FileHandle(forWritingTo: journalURL(dir))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"seq":6,"#.utf8))
        try handle.close()
        try write("not a snapshot", to: snapshotURL(dir))
        let error = try await expectRefusal(dir)
        let (file, _, _, _) = try #require(error?.damage, "expected .damaged, got \(String(describing: error))")
        #expect(file.hasSuffix("/snapshot.json"))
    }

    @Test("a bad checksum before the last line refuses to open")
    func badChecksumMidFile() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        var lines = try journalLines(dir)
        lines[2] = lines[2].replacingOccurrences(of: "note 3", with: "note X")
        try write(lines.joined(separator: "\n"), to: journalURL(dir))

        let error = try await expectRefusal(dir)
        let (file, line, offset, reason) = try #require(
            error?.damage, "expected .damaged, got \(String(describing: error))")
        #expect(file.hasSuffix("/journal.jsonl"))
        #expect(line == 3)
        #expect(offset == self.offset(ofLine: 3, in: lines))
        #expect(reason.contains("checksum mismatch for seq 3"))
        #expect(error?.description.contains("line 3") == true)
    }

    @Test("a garbage line before the end refuses to open")
    func garbageMidFile() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        var lines = try journalLines(dir)
        lines.insert("hello, I am not an entry", at: 2)
        try write(lines.joined(separator: "\n"), to: journalURL(dir))

        let error = try await expectRefusal(dir)
        let (file, line, offset, _) = try #require(error?.damage, "expected .damaged, got \(String(describing: error))")
        #expect(file.hasSuffix("/journal.jsonl"))
        #expect(line == 3)
        #expect(offset == self.offset(ofLine: 3, in: lines))
    }

    @Test("a missing entry (sequence gap) refuses to open")
    func sequenceGap() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        var lines = try journalLines(dir)
        lines.remove(at: 2)
        try write(lines.joined(separator: "\n"), to: journalURL(dir))

        let error = try await expectRefusal(dir)
        let (_, line, offset, reason) = try #require(
            error?.damage, "expected .damaged, got \(String(describing: error))")
        #expect(line == 3)
        #expect(offset == self.offset(ofLine: 3, in: lines))
        #expect(reason.contains("expected seq 3, found 4"))
    }

    @Test("a journal that does not continue the snapshot refuses to open")
    func gapAfterSnapshot() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        let store = try await JSONStore<NotesSchema>.open(dir.store)
        try await store.compact()
        try await store.close()
        let entry = JournalFormat.line(seq: 8, payload: Array(#"[{"position":{"_0":8}}]"#.utf8))
        try Data(entry).write(to: journalURL(dir))

        let error = try await expectRefusal(dir)
        let (_, line, _, reason) = try #require(error?.damage, "expected .damaged, got \(String(describing: error))")
        #expect(line == 1)
        #expect(reason.contains("snapshot ends at seq 5 but the journal continues at seq 8"))
    }

    @Test("an entry with a valid checksum that does not decode refuses to open")
    func undecodableEntry() async throws {
        let dir = try await fiveCommits()
        defer { dir.remove() }
        var lines = try journalLines(dir)
        lines[1] = String(
            decoding: JournalFormat.line(seq: 2, payload: Array(#"[{"launch":{}}]"#.utf8)).dropLast(), as: UTF8.self)
        try write(lines.joined(separator: "\n"), to: journalURL(dir))

        let error = try await expectRefusal(dir)
        let (_, line, _, reason) = try #require(error?.damage, "expected .damaged, got \(String(describing: error))")
        #expect(line == 2)
        #expect(reason.contains("seq 2 does not decode"))
    }

}
