import Foundation
import Logging
import Testing
import TestSupport
@testable import CampaignStorage

/// Backups while the store runs (`JSONStore.backUp`) and consistent copies of a running store (`StoreCopy`).
@Suite("Live backups and copies")
struct LiveBackupTests {
    @Test("backUp copies the journal's new entries, checked, and nothing when nothing is new; files 0600, dirs 0700")
    func backUpWhileRunning() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<LedgerSchema>.open(dir.store)
        for id in 1...30 { try await store.commit([.add(id: id, text: "item \(id)")]) }
        let written = try await store.backUp()
        #expect(written.count == 1 && written.first?.hasPrefix("journal-seq0-v1-") == true)
        #expect(written.first?.hasSuffix("-to30.jsonl") == true, "\(written)")
        #expect(try await store.backUp().isEmpty, "nothing new: nothing written")
        for id in 31...35 { try await store.commit([.add(id: id, text: "item \(id)")]) }
        let again = try await store.backUp()
        #expect(again.first?.hasSuffix("-to35.jsonl") == true)
        let report = StoreInspector.check(directory: dir.store)
        #expect(report.backedUpThrough == 35)
        #expect(report.journalBackups.count == 1, "the newer copy of the same journal replaces the older")
        let backups = dir.store.appendingPathComponent("backups")
        #expect(try mode(backups) == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: backups.path) {
            #expect(try mode(backups.appendingPathComponent(name)) == 0o600, "\(name)")
        }
        try await store.close()
        // The backups alone rebuild everything: recovery from them after losing the live files.
        try FileManager.default.removeItem(at: dir.store.appendingPathComponent("journal.jsonl"))
        try FileManager.default.removeItem(at: dir.store.appendingPathComponent("snapshot.json"))
        let out = dir.url.appendingPathComponent("recovered")
        let recovered = try await StoreRecovery.recover(
            LedgerSchema.self, from: dir.store, into: out, logger: quietLogger)
        #expect(recovered.keptEntries == 35 && recovered.lost.isEmpty, "\(recovered)")
    }

    @Test("backUp keeps a bounded number of generations however often it runs between compactions")
    func bounded() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<LedgerSchema>.open(dir.store, options: StoreOptions(backupsToKeep: 3))
        var id = 0
        for round in 0..<12 {
            for _ in 0..<4 {
                id += 1
                try await store.commit([.add(id: id, text: "item \(id)")])
                try await store.backUp()
            }
            if round % 2 == 1 { try await store.compact() }
        }
        try await store.close()
        let report = StoreInspector.check(directory: dir.store)
        #expect(report.backups.count == 3, "\(report.backups)")
        #expect(report.journalBackups.count <= 4, "\(report.journalBackups)")
        #expect(report.backedUpThrough == UInt64(id))
    }

    @Test("a history rewrite covers the backups backUp made, also when both run at once")
    func rewriteCoversLiveBackups() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<LedgerSchema>.open(dir.store)
        for id in 1...20 { try await store.commit([.add(id: id, text: id % 2 == 0 ? "secret \(id)" : "item \(id)")]) }
        try await store.backUp()
        let rewrite = HistoryRewrite(
            state: { backup, _ in backup },
            change: { change in
                guard case .object(let add)? = change["add"], case .string(let text)? = add["text"],
                    text.hasPrefix("secret")
                else { return change }
                return nil
            })
        for id in 21...30 { try await store.commit([.add(id: id, text: "secret \(id)")]) }
        async let backedUp = store.backUp()
        async let compacted: Void = store.compact(rewritingHistory: rewrite)
        _ = try await (backedUp, compacted)
        try await store.close()
        for (name, data) in try contents(of: dir.store.appendingPathComponent("backups")) {
            guard name.hasPrefix("journal-") else { continue }
            #expect(!String(decoding: data, as: UTF8.self).contains("secret"), "\(name)")
        }
    }

    @Test("a copy taken while commits and compactions run is always one consistent state of the store")
    func copyWhileWriting() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let options = StoreOptions(compactAfterJournalEntries: 7)
        let store = try await JSONStore<LedgerSchema>.open(dir.store, options: options)
        let writer = Task {
            for id in 1...400 {
                try await store.commit([.add(id: id, text: "item \(id)")])
                if id % 50 == 0 { try await store.compact() }
            }
        }
        var copies: [UInt64] = []
        for index in 0..<12 {
            let target = dir.url.appendingPathComponent("copy-\(index)")
            let (report, _) = try await StoreCopy.copy(
                LedgerSchema.self, from: dir.store, into: target, logger: quietLogger
            ) { _ in () }
            #expect(StoreInspector.check(directory: target).isHealthy)
            let copy = try await JSONStore<LedgerSchema>.open(target, options: StoreOptions(createIfMissing: false))
            let state = await copy.state
            let last = await copy.lastSequence
            try await copy.close()
            #expect(last == report.lastSequence)
            // Item i was added by commit i: a consistent copy at seq L holds exactly items 1…L.
            #expect(state.next == Int(last) + 1 && state.items.count == Int(last), "copy \(index) at seq \(last)")
            #expect(state.items.allSatisfy { $0.value == "item \($0.key)" })
            copies.append(last)
        }
        try await writer.value
        let (final, _) = try await StoreCopy.copy(
            LedgerSchema.self, from: dir.store, into: dir.url.appendingPathComponent("copy-final"),
            logger: quietLogger
        ) { _ in () }
        #expect(final.lastSequence == 400)
        #expect(copies == copies.sorted())
        // The store being copied was never written by the copies, and keeps working.
        try await store.commit([.add(id: 401, text: "item 401")])
        try await store.close()
    }

    @Test("a copy goes into a new or empty directory outside the store, and a missing store is refused")
    func copyRefusals() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<LedgerSchema>.open(dir.store)
        try await store.commit([.add(id: 1, text: "item 1")])
        let busy = dir.url.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: busy, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: busy.appendingPathComponent("file"))
        await #expect(throws: StoreCopyError.destinationNotEmpty(busy.path)) {
            _ = try await StoreCopy.copy(LedgerSchema.self, from: dir.store, into: busy, logger: quietLogger) { _ in
                ()
            }
        }
        let inside = dir.store.appendingPathComponent("copy")
        await #expect(throws: StoreCopyError.self) {
            _ = try await StoreCopy.copy(LedgerSchema.self, from: dir.store, into: inside, logger: quietLogger) {
                _ in ()
            }
        }
        #expect(!FileManager.default.fileExists(atPath: inside.path))
        let empty = dir.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let (report, _) = try await StoreCopy.copy(LedgerSchema.self, from: dir.store, into: empty, logger: quietLogger)
        { _ in () }
        #expect(report.lastSequence == 1)
        #expect(try mode(empty) == 0o700)
        try await store.close()
        await #expect(throws: StoreError.self) {
            _ = try await StoreCopy.copy(
                LedgerSchema.self, from: dir.url.appendingPathComponent("nothing"),
                into: dir.url.appendingPathComponent("copy-of-nothing"), logger: quietLogger
            ) { _ in () }
        }
    }

    private func mode(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }
}
