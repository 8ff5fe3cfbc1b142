public import Foundation

/// Tunables of a `JSONStore`, read once at open.
public struct StoreOptions: Sendable {
    /// Compact automatically once the journal holds this many bytes.
    public var compactAfterJournalBytes: Int
    /// Compact automatically once the journal holds this many entries.
    public var compactAfterJournalEntries: Int
    /// How many replaced snapshots to keep in `DIR/backups/`.
    public var backupsToKeep: Int
    /// Create the directory and an empty store when there is none; otherwise `open` throws `.notFound`.
    public var createIfMissing: Bool
    /// The clock, used only for backup names and the lock holder's start time.
    public var now: @Sendable () -> Date
    /// Handed to every encoder and decoder of the state (`Encoder.userInfo`, `Decoder.userInfo`): what the schema's
    /// types need to write or read themselves, e.g. a key for a part of the state that is only ever written
    /// encrypted. The store does not look inside.
    public var codingUserInfo: [CodingUserInfoKey: any Sendable] = [:]
    /// Makes journal appends durable; replaced by tests to simulate a failing disk.
    var syncJournal: @Sendable (_ fd: Int32, _ path: String) throws -> Void = POSIX.dataSync

    public init(
        compactAfterJournalBytes: Int = 64 << 20,
        compactAfterJournalEntries: Int = 100_000,
        backupsToKeep: Int = 5,
        createIfMissing: Bool = true,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.compactAfterJournalBytes = compactAfterJournalBytes
        self.compactAfterJournalEntries = compactAfterJournalEntries
        self.backupsToKeep = backupsToKeep
        self.createIfMissing = createIfMissing
        self.now = now
    }
}
