package import Foundation

/// Deliveries already handled on one platform that names them by id instead of an increasing offset (each
/// platform's message or event id). Kept, oldest first, for `retention` — far longer than any platform goes on
/// retrying — and at most `capacity` of them, so the set stays small in the store.
package struct SeenDeliveries: Codable, Sendable, Equatable {
    package static let retention: TimeInterval = 3 * 86_400
    package static let capacity = 20_000

    struct Entry: Codable, Sendable, Equatable {
        var id: String
        var at: Date
    }

    private var entries: [Entry] = []
    private var start = 0
    private var ids: Set<String> = []

    package init() {}

    package var count: Int { ids.count }

    package func contains(_ id: String) -> Bool { ids.contains(id) }

    /// Remembers `id` (seen at `date`) and forgets what is older than the retention window or over capacity.
    /// Depends only on the dates recorded, so replaying the journal rebuilds exactly the same set.
    package mutating func insert(_ id: String, at date: Date) {
        guard ids.insert(id).inserted else { return }
        entries.append(Entry(id: id, at: date))
        let horizon = date.addingTimeInterval(-Self.retention)
        while start < entries.count && (entries[start].at < horizon || entries.count - start > Self.capacity) {
            ids.remove(entries[start].id)
            start += 1
        }
        if start > 1024 && start * 2 > entries.count {
            entries.removeFirst(start)
            start = 0
        }
    }

    package init(from decoder: any Decoder) throws {
        entries = try decoder.singleValueContainer().decode([Entry].self)
        ids = Set(entries.map(\.id))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Array(entries[start...]))
    }

    package static func == (lhs: SeenDeliveries, rhs: SeenDeliveries) -> Bool {
        lhs.entries[lhs.start...] == rhs.entries[rhs.start...]
    }
}
