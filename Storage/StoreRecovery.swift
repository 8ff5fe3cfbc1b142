import Dispatch
public import Foundation
public import Logging
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    public import Darwin
#endif

/// Writes a new store from a damaged one: the last good snapshot (or the newest intact backup) plus every intact
/// journal entry that follows on, read from `journal.jsonl` and the journals in `backups/`. It never writes into
/// the damaged store, holds its lock meanwhile (so no bot starts on it) and reports exactly what it could not keep.
///
/// A lost entry in the middle: the entries after it were made on a state that had it, so each is replayed on its
/// own, all or none, and kept only if the schema applies it cleanly; one the schema refuses is lost too, with the
/// schema's reason. An application whose `apply` insists on unbroken numbering can pass a `Bridge`.
public enum StoreRecovery {
    /// Called when an entry that follows a lost one does not apply: adjust `state` so that an entry that is fine in
    /// itself can follow the gap (typically: let a counter skip the numbers the lost entries used), and say what
    /// was adjusted. Return [] to leave the entry refused. Its changes are then applied to the adjusted state, all
    /// or none; if they still fail, the adjustment is dropped and the entry is lost.
    public typealias Bridge<Schema: StoreSchema> =
        @Sendable (_ changes: [Schema.Change], _ state: inout Schema.State) -> [String]

    /// Recovers the store at `source` into `destination`, which must not exist or be empty and must lie outside
    /// `source`. The new store is written through the store's own code (a snapshot holding everything kept, an
    /// empty journal, and a `RECOVERY.txt` with this report), then opened once as any start would open it.
    /// Throws `StoreError` (`.locked` while a bot runs on `source`, `.notFound`, `.futureVersion`, `.io`) or
    /// `RecoveryError`, and then has written nothing.
    public static func recover<Schema: StoreSchema>(
        _ schema: Schema.Type, from source: URL, into destination: URL, options: StoreOptions = .init(),
        logger: Logger, bridge: Bridge<Schema>? = nil
    ) async throws -> RecoveryReport {
        let recovery = Recovery<Schema>(
            source: StoreLayout(source), destination: StoreLayout(destination), options: options,
            logger: logger, bridge: bridge)
        let report = try await JSONStore<Schema>.offload(DispatchQueue(label: "cxzy.store.recover")) {
            try recovery.run()
        }
        let store = try await JSONStore<Schema>.open(directory: destination, options: options, logger: logger)
        try await store.close()
        logger.notice(
            "Recovered store",
            metadata: [
                "from": "\(report.source)", "into": "\(report.destination)", "kept": "\(report.keptEntries)",
                "lost": "\(report.lost.count)",
            ])
        return report
    }
}

/// One recovery run; reads everything first, then writes the new store in a temp directory and renames it.
struct Recovery<Schema: StoreSchema>: Sendable {
    let source: StoreLayout
    let destination: StoreLayout
    let options: StoreOptions
    let logger: Logger
    let bridge: StoreRecovery.Bridge<Schema>?

    struct Base {
        var state: Schema.State
        var seq: UInt64
        var file: String?
    }

    /// A journal file as read: its lines, and the schema version its entries were written with.
    struct Journal {
        var path: String
        var data: Data
        var version: Int
        var isCurrent: Bool
        var placed: JournalPlacement
    }

    func run() throws -> RecoveryReport {
        try checkDestination()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.directory, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw StoreError.notFound(directory: source.directory)
        }
        let lock = try DirectoryLock.acquireReadOnly(source)
        defer { lock?.abandon() }

        var report = RecoveryReport(
            source: source.directory, destination: destination.directory, baseFile: nil, baseSequence: 0,
            passedOver: [], journalMissing: false, keptEntries: 0, lastSequence: 0, lost: [],
            repaired: [], bridged: [], unneededDamage: [])
        let (found, currentVersion) = try readBase(passedOver: &report.passedOver)
        let journals = try readJournals(currentVersion: currentVersion ?? Schema.currentVersion)
        report.journalMissing = found?.file == source.snapshot && !journals.contains(where: \.isCurrent)

        let base: Base
        if let found {
            base = found
        } else if journals.contains(where: { $0.placed.begins }) {
            base = Base(state: Schema.initialState(), seq: 0, file: nil)
        } else {
            throw RecoveryError.nothingToRecover(
                directory: source.directory,
                reason: journals.isEmpty
                    ? "no snapshot, backup or journal could be read"
                    : "no snapshot or backup could be read, and no journal begins at the first change, so the state the journal continues is lost"
            )
        }
        report.baseFile = base.file
        report.baseSequence = base.seq

        // The first intact copy of each entry: the live journal first, then backups, newest first.
        var chosen: [UInt64: (journal: Int, entry: JournalFormat.Entry, read: UInt64)] = [:]
        for (index, journal) in journals.enumerated() {
            for placed in journal.placed.entries where placed.seq > base.seq && chosen[placed.seq] == nil {
                chosen[placed.seq] = (index, placed.entry, placed.entry.seq)
            }
        }
        let known = journals.flatMap { $0.placed.problems.compactMap(\.seq) } + Array(chosen.keys)
        let top = max(base.seq, known.max() ?? 0)

        var state = base.state
        var lossSoFar = false
        func lose(
            _ seq: UInt64, _ cause: RecoveryReport.Lost.Cause, reason: String, at place: (Journal, JournalFormat.Entry),
            chinese: String? = nil
        ) {
            lossSoFar = true
            let (journal, entry) = place
            report.lost.append(
                .init(
                    sequence: seq, place: Self.place(journal, entry.line, entry.bytes.lowerBound), cause: cause,
                    reason: reason, text: Self.text(journal.data, entry.bytes), lastLine: false, chineseReason: chinese)
            )
        }
        func loseDamaged(_ seq: UInt64) {
            lossSoFar = true
            // The damaged line that held it, the live journal's first.
            for journal in journals {
                if let problem = journal.placed.problems.first(where: { $0.seq == seq }) {
                    let damaged = problem.line
                    report.lost.append(
                        .init(
                            sequence: seq, place: Self.place(journal, damaged.line, damaged.bytes.lowerBound),
                            cause: .damaged, reason: damaged.reason, text: Self.text(journal.data, damaged.bytes),
                            lastLine: journal.isCurrent && damaged.bytes.upperBound == journal.data.count))
                    return
                }
            }
            report.lost.append(
                .init(
                    sequence: seq, place: nil, cause: .damaged, reason: "no journal line holds it", text: "",
                    lastLine: false))
        }
        if top > base.seq {
            for seq in (base.seq + 1)...top {
                guard let (index, entry, read) = chosen[seq] else {
                    loseDamaged(seq)
                    continue
                }
                let journal = journals[index]
                let changes: [Schema.Change]
                do {
                    changes = try Loader<Schema>.decodeEntry(journal.data[entry.payload], version: journal.version)
                } catch {
                    lose(
                        seq, .undecodable,
                        reason:
                            "its checksum is right but it does not decode as schema version \(journal.version): \(describe(error))",
                        at: (journal, entry))
                    continue
                }
                do {
                    try Schema.applyAll(changes, to: &state)
                    report.keptEntries += 1
                    if read != seq {
                        report.repaired.append(
                            .init(
                                sequence: seq, place: Self.place(journal, entry.line, entry.bytes.lowerBound),
                                how: .renumbered(read: read)))
                    }
                } catch {
                    if lossSoFar, let bridge {
                        var trial = state
                        let notes = bridge(changes, &trial)
                        if !notes.isEmpty, (try? Schema.applyAll(changes, to: &trial)) != nil {
                            state = trial
                            report.keptEntries += 1
                            report.bridged.append(.init(sequence: seq, notes: notes))
                            continue
                        }
                    }
                    let explained = Schema.explain(changes, refusal: error)
                    lose(
                        seq, .refused,
                        reason: "the schema refused it\(lossSoFar ? " after the loss above" : "")"
                            + (explained.map { ": " + $0.english } ?? ": \(error)"),
                        at: (journal, entry), chinese: explained?.chinese)
                }
            }
        }
        // Unreadable lines of the live journal that nothing places are lost too, by line.
        for journal in journals where journal.isCurrent {
            for problem in journal.placed.problems where problem.seq == nil {
                report.lost.append(
                    .init(
                        sequence: nil, place: Self.place(journal, problem.line.line, problem.line.bytes.lowerBound),
                        cause: .damaged, reason: problem.line.reason, text: Self.text(journal.data, problem.line.bytes),
                        lastLine: problem.line.bytes.upperBound == journal.data.count))
            }
        }
        explainDamage(journals, base: base, chosen: chosen, into: &report)
        if base.file == nil && report.keptEntries == 0 {
            throw RecoveryError.nothingToRecover(
                directory: source.directory, reason: "no snapshot or backup could be read and no journal entry applies")
        }
        report.lastSequence = top
        try write(state, report: report, journals: journals)
        return report
    }

    // MARK: Writing the new store

    /// A temp directory beside the destination, filled by the store's own code, then renamed into place.
    private func write(_ state: Schema.State, report: RecoveryReport, journals: [Journal]) throws {
        let parent = (destination.directory as NSString).deletingLastPathComponent
        let name = (destination.directory as NSString).lastPathComponent
        let temp = parent + "/." + name + ".recovering-\(getpid())"
        try? FileManager.default.removeItem(atPath: temp)
        do {
            try POSIX.makeDirectories(temp)
            let layout = StoreLayout(URL(fileURLWithPath: temp, isDirectory: true))
            // Journal first, as a new store does, so that a snapshot without a journal always means damage.
            POSIX.close(try JournalFiles.replace(layout, with: []))
            let bytes = try SnapshotFiles.encode(
                state, schema: Schema.currentVersion, seq: report.lastSequence, userInfo: options.codingUserInfo)
            try SnapshotFiles.install(
                bytes, seq: report.lastSequence, replacing: nil, layout: layout, options: options, logger: logger)
            var text = report.chinese + "\n\n" + report.description + "\n"
            let found = report.lost.filter { !$0.text.isEmpty }
            if !found.isEmpty {
                text += "\nThe lines that could not be kept, as found / 无法恢复的日志原文：\n"
                for item in found { text += item.text + "\n" }
            }
            try Data(text.utf8).withUnsafeBytes { _ = try POSIX.writeNewFile(temp + "/RECOVERY.txt", $0) }
            try POSIX.syncDirectory(temp)
            // rename(2) replaces an empty directory.
            try POSIX.rename(temp, destination.directory)
            try POSIX.syncDirectory(parent)
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
    }
}
