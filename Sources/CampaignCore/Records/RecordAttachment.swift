package import Foundation

/// A file attached to a record (W-, L- or V-…): the content lives beside the store, the state keeps this reference.
package struct RecordAttachment: Codable, Sendable, Hashable {
    package var file: StoredFile
    /// Staff id of who attached it.
    package var by: String
    package var at: Date

    package init(file: StoredFile, by: String, at: Date) {
        self.file = file
        self.by = by
        self.at = at
    }
}

/// A file that came without saying which record it belongs to; the next `附件 W-0003` attaches it.
package struct HeldFile: Codable, Sendable, Hashable {
    package var file: StoredFile
    package var at: Date

    package init(file: StoredFile, at: Date) {
        self.file = file
        self.at = at
    }
}
