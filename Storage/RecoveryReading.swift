import Dispatch
import Foundation
import Logging

/// What recovery reads (it never writes here): the destination check, the newest good base, the journals, and why
/// anything was passed over.
extension Recovery {
    func checkDestination() throws {
        switch Destination.problem(destination, source: source) {
        case .insideSource:
            throw RecoveryError.destinationInsideSource(destination: destination.directory, source: source.directory)
        case .notEmpty: throw RecoveryError.destinationNotEmpty(destination.directory)
        case nil: return
        }
    }

    /// The newest snapshot that reads and decodes: `snapshot.json`, else the backups, newest first. Also returns
    /// the schema version of `snapshot.json` when its header could be read (the live journal's version).
    func readBase(passedOver: inout [StoreError]) throws -> (Base?, Int?) {
        let backups = StoreBackups.list(source).filter { $0.kind == .snapshot }.reversed().map {
            source.backups + "/" + $0.file
        }
        var currentVersion: Int?
        for path in [source.snapshot] + backups {
            guard let data = try POSIX.readFile(path) else { continue }
            do {
                let parsed = try SnapshotFormat.parse(data, file: path)
                let version = parsed.header.schema
                if path == source.snapshot { currentVersion = version }
                guard version <= Schema.currentVersion else {
                    let newer = StoreError.futureVersion(file: path, found: version, supported: Schema.currentVersion)
                    // The store itself is newer than this program: recovering it would lose everything newer.
                    if path == source.snapshot { throw newer }
                    passedOver.append(newer)
                    continue
                }
                let state = try Loader<Schema>.decodeState(
                    data[parsed.state], version: version, parsed: parsed, file: path, userInfo: options.codingUserInfo)
                return (Base(state: state, seq: parsed.header.seq, file: path), currentVersion)
            } catch let error as StoreError {
                if case .futureVersion = error, path == source.snapshot { throw error }
                passedOver.append(error)
            }
        }
        return (nil, currentVersion)
    }

    /// The live journal, then the backed-up ones, newest first.
    func readJournals(currentVersion: Int) throws -> [Journal] {
        var journals: [Journal] = []
        if let data = try POSIX.readFile(source.journal) {
            journals.append(
                Journal(
                    path: source.journal, data: data, version: currentVersion, isCurrent: true,
                    placed: JournalPlacement(JournalFormat.lines(data))))
        }
        for name in StoreBackups.list(source).filter({ $0.kind == .journal }).reversed() {
            let path = source.backups + "/" + name.file
            guard let data = try POSIX.readFile(path) else { continue }
            journals.append(
                Journal(
                    path: path, data: data, version: name.schema, isCurrent: false,
                    placed: JournalPlacement(JournalFormat.lines(data))))
        }
        return journals
    }

    /// Damaged lines whose entry is kept anyway (from a copy, or in the base), and damage in backups that was
    /// not needed. Damage that loses an entry is already reported, by the replay.
    func explainDamage(
        _ journals: [Journal], base: Base,
        chosen: [UInt64: (journal: Int, entry: JournalFormat.Entry, read: UInt64)],
        into report: inout RecoveryReport
    ) {
        let lost = Set(report.lostSequences)
        for journal in journals {
            for problem in journal.placed.problems {
                let place = Self.place(journal, problem.line.line, problem.line.bytes.lowerBound)
                guard let seq = problem.seq else {
                    if !journal.isCurrent { report.unneededDamage.append(place) }
                    continue
                }
                if seq <= base.seq {
                    if journal.isCurrent {
                        report.repaired.append(.init(sequence: seq, place: place, how: .inSnapshot))
                    } else {
                        report.unneededDamage.append(place)
                    }
                } else if let copy = chosen[seq], !lost.contains(seq) {
                    if journal.isCurrent {
                        let from = journals[copy.journal]
                        report.repaired.append(
                            .init(
                                sequence: seq, place: place,
                                how: .copy(Self.place(from, copy.entry.line, copy.entry.bytes.lowerBound))))
                    } else {
                        report.unneededDamage.append(place)
                    }
                }
            }
        }
    }

    static func place(_ journal: Journal, _ line: Int, _ offset: Int) -> RecoveryReport.Place {
        .init(file: journal.path, line: line, offset: offset)
    }

    static func text(_ data: Data, _ bytes: Range<Int>) -> String {
        var text = String(decoding: data[bytes], as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
