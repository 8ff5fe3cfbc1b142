import Foundation
import Synchronization
import Testing
@testable import CampaignStorage

@Suite("JSONStore")
struct StoreTests {
    @Test("CRC-32 matches the standard check value")
    func crcCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.hex(0xCBF4_3926) == "cbf43926")
        #expect(CRC32.parseHex(Array("cbf43926".utf8)) == 0xCBF4_3926)
        let long = Array(repeating: Array("abcdefghij".utf8), count: 100).flatMap { $0 }
        var crc: UInt32 = 0
        for chunk in stride(from: 0, to: long.count, by: 7) {
            crc = long[chunk..<min(chunk + 7, long.count)].withUnsafeBytes { CRC32.update(crc, $0) }
        }
        #expect(crc == CRC32.checksum(long))
    }

    @Test("commits survive a reopen, and the files are human-readable")
    func commitAndReopen() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<NotesSchema>.open(dir.store)
        let first = try await store.commit([.put(id: "a", text: "Ann")])
        let second = try await store.commit([.put(id: "b", text: "Bo"), .position(7)])
        #expect((first, second) == (1, 2))
        try await store.close()

        let journal = try readText(dir.store.appendingPathComponent("journal.jsonl"))
        #expect(journal.split(separator: "\n").count == 2)
        #expect(journal.hasPrefix(#"{"seq":1,"crc":""#))

        let reopened = try await JSONStore<NotesSchema>.open(dir.store)
        #expect(await reopened.state == NotesSchema.State(notes: ["a": "Ann", "b": "Bo"], position: 7))
        #expect(await reopened.lastSequence == 2)
        try await reopened.close()
    }

    @Test("a multi-change commit is one journal entry, and all-or-none")
    func multiChangeAtomic() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<NotesSchema>.open(dir.store)
        try await store.commit([.put(id: "a", text: "Ann")])
        let before = try contents(of: dir.store)
        let stateBefore = await store.state

        await #expect(throws: NotesSchema.Missing(id: "zz")) {
            try await store.commit([.put(id: "b", text: "Bo"), .position(3), .delete(id: "zz")])
        }
        #expect(await store.state == stateBefore)
        #expect(await store.lastSequence == 1)
        #expect(try contents(of: dir.store) == before)

        try await store.commit([.put(id: "b", text: "Bo"), .position(3), .delete(id: "a")])
        try await store.close()
        let journal = try readText(dir.store.appendingPathComponent("journal.jsonl"))
        #expect(journal.split(separator: "\n").count == 2)
        let reopened = try await JSONStore<NotesSchema>.open(dir.store)
        #expect(await reopened.state == NotesSchema.State(notes: ["b": "Bo"], position: 3))
        try await reopened.close()
    }

    @Test("an apply that throws leaves state and disk unchanged")
    func rejectedChange() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<NotesSchema>.open(dir.store)
        try await store.commit([.put(id: "a", text: "Ann")])
        let before = try contents(of: dir.store)
        await #expect(throws: NotesSchema.Missing(id: "nope")) {
            try await store.commit([.delete(id: "nope")])
        }
        #expect(await store.state.notes == ["a": "Ann"])
        #expect(try contents(of: dir.store) == before)
        // The store still works afterwards.
        #expect(try await store.commit([.delete(id: "a")]) == 2)
        try await store.close()
    }

    @Test("update decides on the current state and returns once durable")
    func checkThenAct() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<NotesSchema>.open(dir.store)
        // 20 concurrent "claim if free" updates: exactly one wins.
        let winners = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<20 {
                group.addTask {
                    (try? await store.update { state in
                        state.notes["seat"] == nil ? ([.put(id: "seat", text: "\(i)")], true) : ([], false)
                    }) ?? false
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(winners == 1)
        #expect(await store.lastSequence == 1)
        try await store.close()
        let reopened = try await JSONStore<NotesSchema>.open(dir.store)
        #expect(await reopened.state.notes["seat"] != nil)
        try await reopened.close()
    }

    @Test("concurrent committers share fsyncs and all land, in sequence")
    func groupCommit() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<NotesSchema>.open(dir.store)
        let seqs = try await withThrowingTaskGroup(of: UInt64.self) { group in
            for i in 0..<200 {
                group.addTask { try await store.commit([.put(id: "k\(i)", text: "v\(i)")]) }
            }
            return try await group.reduce(into: [UInt64]()) { $0.append($1) }
        }
        #expect(Set(seqs) == Set(1...200))
        try await store.close()
        let reopened = try await JSONStore<NotesSchema>.open(dir.store)
        #expect(await reopened.state.notes.count == 200)
        try await reopened.close()
    }

    @Test("a second open in the same process is refused, naming the holder")
    func lockInProcess() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<NotesSchema>.open(
            dir.store, options: StoreOptions(now: { Date(timeIntervalSince1970: 1_700_000_000) }))
        let error = await expectStoreError { _ = try await JSONStore<NotesSchema>.open(dir.store) }
        guard case let .locked(directory, holder)? = error else {
            Issue.record("expected .locked, got \(String(describing: error))")
            return
        }
        #expect(directory == dir.store.standardizedFileURL.path)
        #expect(holder?.pid == getpid())
        #expect(holder?.since == "2023-11-14T22:13:20Z")
        #expect(error?.description.contains("pid \(getpid())") == true)
        try await store.close()
        // Released on close.
        let again = try await JSONStore<NotesSchema>.open(dir.store)
        try await again.close()
    }

    @Test("a failed fsync fails the store for good, and says to restart")
    func failedWrite() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let failing = Shared(false)
        var options = StoreOptions()
        options.syncJournal = { fd, path in
            if failing.load() { throw StoreError.io(path: path, operation: "fsync", errno: EIO) }
            try POSIX.dataSync(fd, path: path)
        }
        let store = try await JSONStore<NotesSchema>.open(dir.store, options: options)
        try await store.commit([.put(id: "a", text: "Ann")])
        failing.store(true)
        let first = await expectStoreError { try await store.commit([.put(id: "b", text: "Bo")]) }
        guard case .failed? = first else {
            Issue.record("expected .failed, got \(String(describing: first))")
            return
        }
        #expect(first?.description.contains("restart") == true)
        failing.store(false)
        let later = await expectStoreError { try await store.commit([.put(id: "c", text: "Cy")]) }
        #expect(later == first)
        await #expect(throws: StoreError.self) { try await store.compact() }
        try await store.close()
        let reopened = try await JSONStore<NotesSchema>.open(dir.store)
        #expect(await reopened.state.notes["a"] == "Ann")
        #expect(await reopened.state.notes["c"] == nil)
        try await reopened.close()
    }

    @Test("a closed store refuses commits")
    func closed() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<NotesSchema>.open(dir.store)
        try await store.close()
        let error = await expectStoreError { try await store.commit([.position(1)]) }
        #expect(error == .closed(directory: dir.store.standardizedFileURL.path))
    }

    @Test("createIfMissing: false refuses a missing store")
    func missingStore() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let error = await expectStoreError {
            _ = try await JSONStore<NotesSchema>.open(dir.store, options: StoreOptions(createIfMissing: false))
        }
        #expect(error == .notFound(directory: dir.store.standardizedFileURL.path))
        #expect(!FileManager.default.fileExists(atPath: dir.store.path))
    }
}
