import Foundation
import Testing
@testable import CampaignStorage
import Logging

/// Version 2 of a roster: version 1 kept bare names (`{"names": ["Ann"]}`, change `{"add":{"name":"Cy"}}`);
/// version 2 keeps people with points.
enum RosterSchema: StoreSchema {
    struct Person: Codable, Sendable, Equatable {
        var name: String
        var points: Int
    }

    struct State: Codable, Sendable, Equatable {
        var people: [Person] = []
    }

    enum Change: Codable, Sendable {
        case add(name: String, points: Int)
    }

    struct BadMigration: Error {}

    static let currentVersion = 2
    static func initialState() -> State { State() }
    static func apply(_ change: Change, to state: inout State) throws {
        switch change {
        case let .add(name, points): state.people.append(Person(name: name, points: points))
        }
    }

    static func migrate(state: JSONValue, from version: Int) throws -> JSONValue {
        guard version == 1, case let .array(names)? = state["names"] else { throw BadMigration() }
        return .object(["people": .array(names.map { .object(["name": $0, "points": .integer(0)]) })])
    }

    static func migrate(change: JSONValue, from version: Int) throws -> JSONValue {
        guard version == 1, var add = change["add"] else { throw BadMigration() }
        add["points"] = .integer(0)
        return .object(["add": add])
    }
}

@Suite("Migrations")
struct MigrationTests {
    private func copyFixture(to destination: URL) throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("migration-v1"), to: destination)
    }

    @Test("a version-1 store migrates to version 2, keeping the old snapshot as a backup")
    func migratesFixture() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try copyFixture(to: dir.store)
        let oldSnapshot = try Data(contentsOf: dir.store.appendingPathComponent("snapshot.json"))

        let log = LogCapture()
        let store = try await JSONStore<RosterSchema>.open(dir.store, logger: log.logger)
        // Snapshot (Ann, Bo at seq 2) + journal entries 3 and 4; entries 1 and 2 are already in the snapshot.
        let expected = ["Ann", "Bo", "Cy", "Di"].map { RosterSchema.Person(name: $0, points: 0) }
        #expect(await store.state.people == expected)
        #expect(await store.lastSequence == 4)
        #expect(log.messages(at: .notice).contains { $0.message.contains("Migrated") })
        try await store.commit([.add(name: "Ed", points: 3)])
        try await store.close()

        let report = StoreInspector.check(directory: dir.store)
        #expect(report.isHealthy)
        #expect(report.snapshot?.schemaVersion == 2)
        #expect(report.snapshot?.sequence == 4)
        #expect(report.journal?.entries == 1)
        #expect(report.backups.count == 1)
        let backup = try Data(
            contentsOf: dir.store.appendingPathComponent("backups/\(try #require(report.backups.first))"))
        #expect(backup == oldSnapshot)
        #expect(report.backups.first?.hasPrefix("snapshot-seq2-v1-") == true)

        let reopened = try await JSONStore<RosterSchema>.open(dir.store)
        #expect(await reopened.state.people.count == 5)
        try await reopened.close()
    }

    @Test("a failing migration refuses to open and writes nothing")
    func failingMigration() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        try copyFixture(to: dir.store)
        let snapshot = dir.store.appendingPathComponent("snapshot.json")
        let bytes = SnapshotFormat.encode(prettyState: Data(#"{"people": []}"#.utf8), schema: 1, seq: 2)
        try bytes.write(to: snapshot)
        let before = try contents(of: dir.store)
        let error = await expectStoreError { _ = try await JSONStore<RosterSchema>.open(dir.store) }
        guard case let .migrationFailed(file, fromVersion, _)? = error else {
            Issue.record("expected .migrationFailed, got \(String(describing: error))")
            return
        }
        #expect(file.hasSuffix("/snapshot.json"))
        #expect(fromVersion == 1)
        #expect(try contents(of: dir.store) == before)
    }
}
