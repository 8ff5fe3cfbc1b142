import Foundation
import Testing
import TestSupport
@testable import CampaignStorage

@Suite("Store recovery")
struct RecoveryTests {
    /// A ledger store whose journal holds `count` entries, one item each (entry n adds item n).
    func ledger(_ count: Int, options: StoreOptions = .init()) async throws -> TempDirectory {
        let dir = try TempDirectory()
        let store = try await JSONStore<LedgerSchema>.open(dir.store, options: options)
        for id in 1...count { try await store.commit([.add(id: id, text: "item \(id)")]) }
        try await store.close()
        return dir
    }

    func journal(_ dir: TempDirectory) -> URL { dir.store.appendingPathComponent("journal.jsonl") }
    private func recovered(_ dir: TempDirectory) -> URL { dir.url.appendingPathComponent("recovered") }

    /// The byte range of 1-based `line` in `data`, without its newline.
    private func range(ofLine line: Int, in data: Data) throws -> Range<Int> {
        var start = 0
        for _ in 1..<line {
            start = try #require(data[start...].firstIndex(of: UInt8(ascii: "\n"))) + 1
        }
        let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.count
        return start..<end
    }

    /// Flips one bit of the item text on journal line `line`, as a bad sector would; the line stays one line.
    private func flipByte(inLine line: Int, of file: URL, to replacement: UInt8? = nil) throws {
        var data = try Data(contentsOf: file)
        let text = try #require(data.range(of: Data(#""text":"item"#.utf8), in: try range(ofLine: line, in: data)))
        let at = text.upperBound - 1
        data[at] = replacement ?? (data[at] ^ 0x01)
        try data.write(to: file)
    }

    func recover(_ dir: TempDirectory, bridge: StoreRecovery.Bridge<LedgerSchema>? = LedgerSchema.bridge)
        async throws -> RecoveryReport
    {
        try await StoreRecovery.recover(
            LedgerSchema.self, from: dir.store, into: recovered(dir), logger: quietLogger, bridge: bridge)
    }

    /// Opens the recovered store, checks it, and returns its items.
    func openRecovered(_ dir: TempDirectory) async throws -> (items: [Int: String], last: UInt64) {
        let report = StoreInspector.check(directory: recovered(dir))
        #expect(report.isHealthy, "\(report)")
        let store = try await JSONStore<LedgerSchema>.open(recovered(dir))
        let state = await store.state
        let last = await store.lastSequence
        // It takes new commits, numbered after everything the damaged store had.
        #expect(try await store.commit([.add(id: state.next, text: "after recovery")]) == last + 1)
        try await store.close()
        return (state.items, last)
    }

    @Test(
        "damage at the start, in the middle and at the end of the journal: check names it, recover keeps the rest",
        arguments: [1, 100, 338])
    func damagedLine(line: Int) async throws {
        let dir = try await ledger(339)
        defer { dir.remove() }
        try flipByte(inLine: line, of: journal(dir))
        let before = try contents(of: dir.store)

        let check = StoreInspector.check(directory: dir.store)
        #expect(!check.isHealthy)
        let damage = try #require(check.damage.first?.damage)
        #expect(damage.file.hasSuffix("/journal.jsonl") && damage.line == line)
        #expect(check.description.contains("line \(line)") && check.description.contains("cxzy store recover"))
        #expect(check.chinese.contains("第 \(line) 行") && check.chinese.contains("cxzy store recover"))

        let refusal = await expectStoreError { _ = try await JSONStore<LedgerSchema>.open(dir.store) }
        let message = try #require(refusal?.description)
        #expect(message.contains("journal.jsonl at line \(line)") && message.contains("Nothing was written"))
        #expect(message.contains("cxzy store recover --store \(dir.store.standardizedFileURL.path) --out "))
        #expect(message.contains("第 \(line) 行") && message.contains("没有写入任何内容"))

        let report = try await recover(dir)
        #expect(report.lostSequences == [UInt64(line)], "\(report)")
        #expect(report.lost.first?.place?.line == line)
        #expect(report.lost.first?.reason.contains("checksum mismatch for seq \(line)") == true)
        #expect(report.lost.first?.text.contains("\"seq\":\(line),") == true)
        #expect(report.keptEntries == 338)
        #expect(report.bridged.map(\.sequence) == (line < 339 ? [UInt64(line + 1)] : []))
        #expect(
            report.description.contains("Could not keep 1 entry")
                && report.description.contains("seq \(line), journal.jsonl line \(line)"))
        #expect(report.chinese.contains("无法恢复 1 条") && report.chinese.contains("第 \(line) 号，journal.jsonl 第 \(line) 行"))
        #expect(try contents(of: dir.store) == before, "recovery never writes into the damaged store")

        let (items, last) = try await openRecovered(dir)
        #expect(last == 339)
        #expect(Set(items.keys) == Set(1...339).subtracting([line]))
        #expect(try readText(recovered(dir).appendingPathComponent("RECOVERY.txt")).contains("\"seq\":\(line),"))
    }

    @Test("without a bridge, entries after a lost one that the schema refuses are lost too, each listed with why")
    func strictAfterLoss() async throws {
        let dir = try await ledger(120)
        defer { dir.remove() }
        try flipByte(inLine: 100, of: journal(dir))
        let report = try await recover(dir, bridge: nil)
        #expect(report.lostSequences == Array(100...120))
        #expect(report.lost.dropFirst().allSatisfy { $0.reason.contains("refused it after the loss above: item") })
        #expect(report.keptEntries == 99)
        #expect(try await openRecovered(dir).items.count == 99)
    }

    @Test("the last line flipped or cut short is a torn tail: check passes, recover lists it as probably unconfirmed")
    func tornTail() async throws {
        for cut in [false, true] {
            let dir = try await ledger(339)
            defer { dir.remove() }
            if cut {
                let data = try Data(contentsOf: journal(dir))
                try data.prefix(data.count - 10).write(to: journal(dir))
            } else {
                try flipByte(inLine: 339, of: journal(dir))
            }
            let check = StoreInspector.check(directory: dir.store)
            #expect(check.isHealthy && check.journal?.tornTail?.line == 339)
            #expect(check.chinese.contains("第 339 行"))

            let report = try await recover(dir)
            #expect(report.lostSequences == [339])
            #expect(report.lost.first?.lastLine == true)
            #expect(report.description.contains("probably an append that never finished"))
            #expect(try await openRecovered(dir).items.count == 338)
        }
    }

    @Test("a byte flipped into a newline splits a line: the entry is lost by number and the stray piece by line")
    func splitLine() async throws {
        let dir = try await ledger(150)
        defer { dir.remove() }
        try flipByte(inLine: 100, of: journal(dir), to: UInt8(ascii: "\n"))
        let report = try await recover(dir)
        #expect(report.lost.map(\.sequence) == [100, nil], "\(report)")
        #expect(report.lost.map { $0.place?.line } == [100, 101])
        #expect(report.keptEntries == 149)
        #expect(report.description.contains("an entry whose number cannot be told, journal.jsonl line 101"))
    }

    @Test("an intact line whose sequence number was flipped is kept, placed by its neighbours")
    func renumbered() async throws {
        let dir = try await ledger(150)
        defer { dir.remove() }
        var text = try readText(journal(dir))
        text = text.replacingOccurrences(of: "{\"seq\":100,", with: "{\"seq\":900,")
        try write(text, to: journal(dir))
        #expect(!StoreInspector.check(directory: dir.store).isHealthy)

        let report = try await recover(dir)
        #expect(report.lost.isEmpty, "\(report)")
        #expect(report.repaired.map(\.how) == [.renumbered(read: 900)])
        #expect(report.keptEntries == 150)
        #expect(try await openRecovered(dir).items.count == 150)
    }

    @Test("a damaged line is repaired from the journal backed up at the last start")
    func repairedFromBackup() async throws {
        let dir = try await ledger(50)
        defer { dir.remove() }
        // The next start backs up the journal (entries 1…50) before taking more.
        let store = try await JSONStore<LedgerSchema>.open(dir.store)
        for id in 51...60 { try await store.commit([.add(id: id, text: "item \(id)")]) }
        try await store.close()
        let backups = StoreInspector.check(directory: dir.store).journalBackups
        #expect(
            backups.count == 1 && backups.first?.hasPrefix("journal-seq0-v1-") == true
                && backups.first?.contains("-to50") == true)

        try flipByte(inLine: 20, of: journal(dir))
        let report = try await recover(dir)
        #expect(report.lost.isEmpty, "\(report)")
        guard case let .copy(place)? = report.repaired.first?.how else {
            Issue.record("expected a repair from a copy: \(report)")
            return
        }
        #expect(place.name.hasPrefix("backups/journal-seq0-") && place.line == 20)
        #expect(report.description.contains("Repaired seq 20 at journal.jsonl line 20"))
        #expect(try await openRecovered(dir).items.count == 60)
    }

    @Test("refuses while the store is open, into a non-empty directory, and into the store itself; writes nothing")
    func refusals() async throws {
        let dir = try await ledger(5)
        defer { dir.remove() }
        let store = try await JSONStore<LedgerSchema>.open(dir.store)
        let locked = await #expect(throws: StoreError.self) { _ = try await recover(dir) }
        guard case .locked? = locked else {
            Issue.record("expected .locked, got \(String(describing: locked))")
            return
        }
        try await store.close()
        #expect(!FileManager.default.fileExists(atPath: recovered(dir).path))

        try FileManager.default.createDirectory(at: recovered(dir), withIntermediateDirectories: true)
        try write("keep me", to: recovered(dir).appendingPathComponent("notes.txt"))
        await #expect(throws: RecoveryError.destinationNotEmpty(recovered(dir).standardizedFileURL.path)) {
            _ = try await recover(dir)
        }
        #expect(try contents(of: recovered(dir)).keys.sorted() == ["notes.txt"])

        let inside = dir.store.appendingPathComponent("copy")
        await #expect(throws: RecoveryError.self) {
            _ = try await StoreRecovery.recover(LedgerSchema.self, from: dir.store, into: inside, logger: quietLogger)
        }
        #expect(!FileManager.default.fileExists(atPath: inside.path))

        // An empty directory is fine.
        try FileManager.default.removeItem(at: recovered(dir).appendingPathComponent("notes.txt"))
        #expect(try await recover(dir).lost.isEmpty)
    }

    @Test("nothing to recover: no snapshot or backup reads, and the journal does not begin at the first change")
    func nothingToRecover() async throws {
        let dir = try await ledger(5, options: StoreOptions(backupsToKeep: 0))
        defer { dir.remove() }
        let store = try await JSONStore<LedgerSchema>.open(dir.store, options: StoreOptions(backupsToKeep: 0))
        try await store.compact()
        try await store.commit([.add(id: 6, text: "item 6")])
        try await store.close()
        try write("not a snapshot", to: dir.store.appendingPathComponent("snapshot.json"))
        let error = await #expect(throws: RecoveryError.self) { _ = try await recover(dir) }
        guard case .nothingToRecover? = error else {
            Issue.record("expected .nothingToRecover, got \(String(describing: error))")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: recovered(dir).path))
    }
}
