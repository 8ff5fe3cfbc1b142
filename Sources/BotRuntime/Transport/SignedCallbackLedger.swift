package import Foundation

/// Freshness and single use for signed callbacks (WeCom, Feishu): a request's timestamp must be within `window` of
/// this machine's real clock (never the campaign's clock, which may be set to another day), and a signature is
/// accepted once while its timestamp is in the window. A captured callback therefore cannot be handled again once the
/// store's dedupe memory has moved on: before then the dedupe skips it, after then the window refuses it.
///
/// At most `capacity` signatures are kept: when more arrive within the window, the oldest are forgotten and every
/// timestamp up to theirs is refused from then on, so memory stays bounded and a forgotten signature cannot come back.
package actor SignedCallbackLedger {
    package static let window: TimeInterval = 300
    package static let capacity = 20_000

    package let window: TimeInterval
    package let capacity: Int
    /// Accepted signatures, with their timestamp in seconds.
    private var seen: [String: Double] = [:]
    /// Timestamps at or below this (seconds) are refused: their signatures may have been forgotten.
    private var floor = -Double.infinity
    private var nextSweep = -Double.infinity

    package init(window: TimeInterval = SignedCallbackLedger.window, capacity: Int = SignedCallbackLedger.capacity) {
        self.window = window
        self.capacity = capacity
    }

    package enum Refusal: Error, Equatable, CustomStringConvertible {
        /// The timestamp is missing, not a number, or more than the window away from now.
        case stale
        /// The signature was accepted before (or is older than what had to be forgotten).
        case replayed

        package var description: String {
            switch self {
            case .stale: "the timestamp is missing or more than five minutes from this machine's clock"
            case .replayed: "the signature was accepted before"
            }
        }
    }

    /// Whether a timestamp (seconds since 1970, as text) is within `window` of `now`; its value when it is.
    package nonisolated static func fresh(_ timestamp: String, now: Date, window: TimeInterval = window) -> Double? {
        guard timestamp.utf8.count <= 20, let seconds = Double(timestamp), seconds.isFinite,
            abs(now.timeIntervalSince1970 - seconds) <= window
        else { return nil }
        return seconds
    }

    /// Accepts the signature of a request whose signature was already checked, once, if its timestamp is fresh.
    package func admit(signature: String, timestamp: String, now: Date = Date()) throws(Refusal) {
        guard let seconds = Self.fresh(timestamp, now: now, window: window) else { throw .stale }
        guard seconds > floor, seen[signature] == nil else { throw .replayed }
        let now = now.timeIntervalSince1970
        sweep(now: now)
        if seen.count >= capacity { shed() }
        seen[signature] = seconds
    }

    /// Gives back a signature whose request could not be stored, so the platform's retry of it is accepted.
    package func release(signature: String) { seen[signature] = nil }

    /// How many signatures are remembered.
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
