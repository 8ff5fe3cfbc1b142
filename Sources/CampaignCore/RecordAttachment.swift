import Foundation

/// A file attached to a record (W-, L- or V-…): the content lives beside the store, the state keeps this reference.
public struct RecordAttachment: Codable, Sendable, Hashable {
    public var file: StoredFile
    /// Staff id of who attached it.
    public var by: String
    public var at: Date

    public init(file: StoredFile, by: String, at: Date) {
        self.file = file
        self.by = by
        self.at = at
    }
}

/// A file that came without saying which record it belongs to; the next `附件 W-0003` attaches it.
public struct HeldFile: Codable, Sendable, Hashable {
    public var file: StoredFile
    public var at: Date

    public init(file: StoredFile, at: Date) {
        self.file = file
        self.at = at
    }
}
