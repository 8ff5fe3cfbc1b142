import Foundation
import Testing
import TestSupport
@testable import CampaignStorage

/// Recovery from backups, and the backups a store keeps for it.
extension RecoveryTests {
    @Test("a damaged snapshot: recovery starts from the newest backup and replays the journals that followed it")
    func damagedSnapshot() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<LedgerSchema>.open(dir.store)
        for id in 1...25 {
            try await store.commit([.add(id: id, text: "item \(id)")])
            if id % 10 == 0 { try await store.compact() }
        }
        try await store.close()
        let snapshot = dir.store.appendingPathComponent("snapshot.json")
        var text = try readText(snapshot)
        text = text.replacingOccurrences(of: "item 7", with: "item 8")
        try write(text, to: snapshot)
        let before = try contents(of: dir.store)

        let report = try await recover(dir)
        #expect(report.passedOver.first?.damage?.file.hasSuffix("/snapshot.json") == true)
        #expect(report.baseFile?.contains("/backups/snapshot-seq10-") == true, "\(report)")
        #expect(report.lost.isEmpty && report.keptEntries == 15)
        #expect(report.chinese.contains("无法使用：snapshot.json"))
        #expect(try contents(of: dir.store) == before)
        let (items, last) = try await openRecovered(dir)
        #expect(items[7] == "item 7" && items.count == 25 && last == 25)
    }

    @Test("backups exist from the first run on, and rotate in generations of a snapshot and its journal")
    func backupsFromFirstRun() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let options = StoreOptions(backupsToKeep: 2)
        let store = try await JSONStore<LedgerSchema>.open(dir.store, options: options)
        let first = StoreInspector.check(directory: dir.store)
        #expect(first.backups.count == 1 && first.backups.first?.hasPrefix("snapshot-seq0-v1-") == true)
        #expect(!first.chinese.contains("还没有"))
        for id in 1...40 {
            try await store.commit([.add(id: id, text: "item \(id)")])
            if id % 10 == 0 { try await store.compact() }
        }
        try await store.close()
        let report = StoreInspector.check(directory: dir.store)
        #expect(report.backups.map { $0.prefix { $0 != "v" } } == ["snapshot-seq20-", "snapshot-seq30-"])
        #expect(report.journalBackups.map { $0.prefix { $0 != "v" } } == ["journal-seq20-", "journal-seq30-"])
        #expect(report.journalBackups.allSatisfy { $0.contains("-to") })
        for name in report.journalBackups {
            let lines = try readText(dir.store.appendingPathComponent("backups/\(name)")).split(separator: "\n")
            #expect(lines.count == 10, "\(name) holds the ten entries after its snapshot")
        }
    }

    @Test(
        "a journal backup that is the live journal itself (a crash mid-compaction) is replaced by a real copy at open")
    func liveJournalLink() async throws {
        let dir = try await ledger(5)
        defer { dir.remove() }
        let backups = dir.store.appendingPathComponent("backups")
        let stale = backups.appendingPathComponent("journal-seq0-v1-20250101T000000Z-to9.jsonl")
        try FileManager.default.linkItem(at: journal(dir), to: stale)
        let store = try await JSONStore<LedgerSchema>.open(dir.store)
        try await store.commit([.add(id: 6, text: "item 6")])
        try await store.close()
        let report = StoreInspector.check(directory: dir.store)
        #expect(
            report.journalBackups.count == 1 && report.journalBackups.first?.contains("-to5") == true,
            "\(report.journalBackups)")
        let copy = backups.appendingPathComponent(try #require(report.journalBackups.first))
        #expect(try readText(copy).split(separator: "\n").count == 5, "the copy stays as it was at open")
    }
}
