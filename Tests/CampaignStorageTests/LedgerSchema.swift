@testable import CampaignStorage

/// A schema as strict as the bot's: item ids are handed out in order and `apply` refuses one that skips ahead,
/// so an entry that follows a lost one is refused unless recovery is allowed to bridge the gap.
enum LedgerSchema: StoreSchema {
    struct State: Codable, Sendable, Equatable {
        var items: [Int: String] = [:]
        var next = 1
    }

    enum Change: Codable, Sendable, Equatable {
        case add(id: Int, text: String)
        case remove(id: Int)
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String
    }

    static let currentVersion = 1
    static func initialState() -> State { State() }
    static func apply(_ change: Change, to state: inout State) throws {
        switch change {
        case let .add(id, text):
            guard id == state.next else { throw Refused(description: "item \(id) out of order (next \(state.next))") }
            state.items[id] = text
            state.next += 1
        case let .remove(id):
            guard state.items.removeValue(forKey: id) != nil else { throw Refused(description: "no item \(id)") }
        }
    }

    /// Lets `next` skip the ids that lost entries took.
    static let bridge: StoreRecovery.Bridge<LedgerSchema> = { changes, state in
        var notes: [String] = []
        for case let .add(id, _) in changes where id > state.next {
            notes.append("ids \(state.next)…\(id - 1) skipped")
            state.next = id
        }
        return notes
    }
}
