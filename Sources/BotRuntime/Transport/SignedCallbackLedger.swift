package import CampaignCore
import CampaignStorage
import Crypto
package import Foundation

/// Freshness and single use for signed callbacks: a request's timestamp must be
/// within `window` of this machine's real clock (never the campaign's clock, which may be set to another day), and a
/// signature is accepted once while its timestamp is in the window. A captured callback therefore cannot be handled
/// again once the store's dedupe memory has moved on: before then the dedupe skips it, after then the window refuses
/// it. Where a platform's signature covers only the timestamp and the secret, not the body, single use is what stops
/// a captured pair from carrying any other message.
///
/// The signatures accepted are also remembered in the store, in the same commit as the effects of their request (the
/// dedupe memory, under `journal.key`, as a digest: a stored entry is no credential), and a signature found there is
/// refused: a restart within the window does not reopen a captured request.
///
/// At most `capacity` signatures are kept in memory: when more arrive within the window, the oldest are forgotten and
/// every timestamp up to theirs is refused from then on, so memory stays bounded and a forgotten signature cannot come
/// back.
package actor SignedCallbackLedger {
    package static let window: TimeInterval = 300
    package static let capacity = 20_000

    package let window: TimeInterval
    package let capacity: Int
    /// Timestamp units in a second: 1 for seconds, 1,000 for milliseconds.
    package let unitsPerSecond: Double
    package let journal: Journal?
    /// Accepted signatures (by digest), with their timestamp in seconds.
    private var seen: [String: Double] = [:]
    /// Timestamps at or below this (seconds) are refused: their signatures may have been forgotten.
    private var floor = -Double.infinity
    private var nextSweep = -Double.infinity

    /// Where accepted signatures are kept in the store: the dedupe memory's entries under `key`.
    package struct Journal: Sendable {
        package let key: String
        package let contains: @Sendable (String) async -> Bool

        package init(key: String, contains: @escaping @Sendable (String) async -> Bool) {
            self.key = key
            self.contains = contains
        }

        /// The dedupe memory of `dispatcher`'s store, under `key`.
        package static func store(_ key: String, of dispatcher: Dispatcher) -> Journal {
            let store = dispatcher.store
            return Journal(key: key) { id in await store.state.seenDeliveries[key]?.contains(id) == true }
        }
    }

    package init(
        window: TimeInterval = SignedCallbackLedger.window, capacity: Int = SignedCallbackLedger.capacity,
        unitsPerSecond: Double = 1, journal: Journal? = nil
    ) {
        self.window = window
        self.capacity = capacity
        self.unitsPerSecond = unitsPerSecond
        self.journal = journal
    }

    package enum Refusal: Error, Equatable, CustomStringConvertible {
        /// The timestamp is missing, not a number, or more than the window away from now.
        case stale
        /// The signature was accepted before (or is older than what had to be forgotten).
        case replayed

        package var description: String {
            switch self {
            case .stale: "the timestamp is missing or too far from this machine's clock"
            case .replayed: "the signature was accepted before"
            }
        }
    }

    /// An accepted signature: what the request's commit records (`change`), or what is given back (`release`) when
    /// its request could not be stored.
    package struct Use: Sendable, Equatable {
        /// The signature's digest, with its timestamp in seconds.
        package let id: String
        package let digest: String
        package let journalKey: String?

        /// The change that remembers the signature in the store, at `at` on this machine's clock; nil without a journal.
        package func change(at: Date = Date()) -> Change? {
            journalKey.map { .sawDelivery(transport: $0, id: id, at: at) }
        }
    }

    /// Accepts the signature of a request whose signature was already checked, once, if its timestamp is fresh and
    /// the store has not seen it.
    @discardableResult
    package func admit(signature: String, timestamp: String, now: Date = Date()) async throws(Refusal) -> Use {
        guard
            let seconds = CallbackTimestamp.seconds(
                timestamp, now: now, window: window, unitsPerSecond: unitsPerSecond)
        else {
            throw .stale
        }
        let digest = SHA256.hash(data: Data(signature.utf8)).map { String(format: "%02x", $0) }.joined()
        guard seconds > floor, seen[digest] == nil else { throw .replayed }
        let now = now.timeIntervalSince1970
        sweep(now: now)
        if seen.count >= capacity { shed() }
        // Taken before the store is asked, so a concurrent copy of the request is refused meanwhile.
        seen[digest] = seconds
        let use = Use(id: "\(Int64(seconds.rounded(.down))) \(digest)", digest: digest, journalKey: journal?.key)
        if let journal, await journal.contains(use.id) { throw .replayed }
        return use
    }

    /// Gives back a signature whose request could not be stored, so the platform's retry of it is accepted.
    package func release(_ use: Use) { seen[use.digest] = nil }

    /// How many signatures are remembered in memory.
    package var count: Int { seen.count }

    /// Forgets the signatures whose timestamp has left the window, at most once a minute (or when full).
    private func sweep(now: Double) {
        guard seen.count >= capacity || now >= nextSweep else { return }
        nextSweep = now + 60
        let horizon = now - window
        seen = seen.filter { $0.value >= horizon }
    }

    /// Still full within the window: forgets the oldest quarter and refuses every timestamp up to theirs.
    private func shed() {
        let oldest = seen.sorted { $0.value < $1.value }.prefix(max(1, capacity / 4))
        for (key, _) in oldest { seen[key] = nil }
        if let last = oldest.last?.value { floor = max(floor, last) }
    }
}
