import CampaignStorage

/// The schema of the store's crash test: the child process (`store-crash-child`) commits numbers, the test kills
/// it and checks every confirmed number is there exactly once.
package enum CrashSchema: StoreSchema {
    package struct State: Codable, Sendable {
        package var numbers: Set<Int> = []
    }

    package enum Change: Codable, Sendable {
        case add(Int)
    }

    package struct Duplicate: Error {}

    package static let currentVersion = 1
    package static func initialState() -> State { State() }
    package static func apply(_ change: Change, to state: inout State) throws {
        switch change {
        case let .add(n):
            guard !state.numbers.contains(n) else { throw Duplicate() }
            state.numbers.insert(n)
        }
    }
}
