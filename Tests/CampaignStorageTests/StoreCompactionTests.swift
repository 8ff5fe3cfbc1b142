import Foundation
import Testing
@testable import CampaignStorage

extension StoreTests {
    @Test("compaction under concurrent commits loses nothing and does not stall them")
    func compactionUnderLoad() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<NotesSchema>.open(dir.store)
        // A state big enough that writing its snapshot takes a while.
        for batch in 0..<40 {
            try await store.commit(
                (0..<1_000).map { .put(id: "big\(batch)-\($0)", text: String(repeating: "x", count: 40)) })
        }
        let compactionDone = Shared(false)
        let committedDuringCompaction = Shared(0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for _ in 0..<3 { try await store.compact() }
                compactionDone.store(true)
            }
            for worker in 0..<8 {
                group.addTask {
                    var i = 0
                    while !compactionDone.load() || i < 50 {
                        try await store.commit([.put(id: "w\(worker)-\(i)", text: "\(i)")])
                        if !compactionDone.load() {
                            committedDuringCompaction.add(1)
                        }
                        i += 1
                    }
                }
            }
            try await group.waitForAll()
        }
        // Blocking commits for the whole snapshot write would let through at most a couple per worker between
        // the three compactions (under 50 in all). The bound is that, not a rate: a busy machine commits fewer.
        #expect(committedDuringCompaction.load() >= 50)
        let expected = await store.state
        let last = await store.lastSequence
        try await store.close()

        let reopened = try await JSONStore<NotesSchema>.open(dir.store)
        #expect(await reopened.state == expected)
        #expect(await reopened.lastSequence == last)
        try await reopened.close()
        let report = StoreInspector.check(directory: dir.store)
        #expect(report.isHealthy)
        #expect(report.snapshot.map { $0.sequence } ?? 0 > 20)
    }

    @Test("automatic compaction keeps the journal short")
    func automaticCompaction() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<NotesSchema>.open(
            dir.store, options: StoreOptions(compactAfterJournalEntries: 10))
        for i in 1...35 { try await store.commit([.put(id: "n\(i)", text: "\(i)")]) }
        try await store.close()
        let report = StoreInspector.check(directory: dir.store)
        #expect(report.isHealthy)
        #expect((report.snapshot?.sequence ?? 0) >= 10)
        #expect((report.journal?.entries ?? 99) < 35)
        let reopened = try await JSONStore<NotesSchema>.open(dir.store)
        #expect(await reopened.state.notes.count == 35)
        try await reopened.close()
    }

    @Test("backups rotate, keeping the newest N")
    func backupRotation() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let clock = Shared(1_700_000_000)
        let options = StoreOptions(
            backupsToKeep: 3,
            now: {
                Date(timeIntervalSince1970: TimeInterval(clock.add(60)))
            })
        let store = try await JSONStore<NotesSchema>.open(dir.store, options: options)
        for round in 1...6 {
            try await store.commit([.put(id: "r\(round)", text: "\(round)")])
            try await store.compact()
        }
        try await store.close()
        let backups = SnapshotFiles.backups(in: StoreLayout(dir.store))
        // Replaced snapshots were at seq 0 (the empty one written on create), 1, 2, 3, 4, 5; the newest 3 remain.
        #expect(backups.map { $0.prefix { $0 != "v" } } == ["snapshot-seq3-", "snapshot-seq4-", "snapshot-seq5-"])
        for name in backups {
            let data = try Data(contentsOf: dir.store.appendingPathComponent("backups/\(name)"))
            _ = try SnapshotFormat.parse(data, file: name)
        }
        let reopened = try await JSONStore<NotesSchema>.open(dir.store)
        #expect(await reopened.state.notes.count == 6)
        try await reopened.close()
    }
}
