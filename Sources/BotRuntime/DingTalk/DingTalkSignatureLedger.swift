package import Foundation

/// The (timestamp, sign) pairs of DingTalk HTTP callbacks already accepted. DingTalk's `sign` covers only the
/// timestamp and the secret, not the body, so a captured pair would carry any message for as long as its timestamp is
/// in the window: each pair is accepted once. A pair is kept until its timestamp has left the window (then the window
/// check refuses it anyway), and at most `capacity` of them: when more valid pairs arrive within the window than that,
/// the oldest are forgotten and every timestamp up to theirs is refused from then on, so memory stays bounded and a
/// forgotten pair still cannot come back.
package actor DingTalkSignatureLedger {
    package static let capacity = 20_000

    /// How far a timestamp may be from this machine's clock (DingTalk's rule: an hour either way).
    package let window: TimeInterval
    package let capacity: Int
    /// Accepted pairs, by key, with their timestamp in seconds.
    private var seen: [String: Double] = [:]
    /// Timestamps at or below this (seconds) are refused: their pairs may have been forgotten to stay in bounds.
    private var floor = -Double.infinity
    private var nextSweep = Date.distantPast

    package init(window: TimeInterval, capacity: Int = DingTalkSignatureLedger.capacity) {
        self.window = window
        self.capacity = capacity
    }

    /// Why a pair is refused.
    package enum Refusal: Error, Equatable {
        /// The timestamp is more than the window away from `now`.
        case outsideWindow
        /// The pair was accepted before (or is older than what had to be forgotten).
        case replayed
    }

    /// Accepts the pair of a request whose sign was already checked, once; `now` is this machine's clock.
    package func admit(timestamp: String, sign: Data, seconds: Double, now: Date) throws(Refusal) {
        let now = now.timeIntervalSince1970
        guard abs(now - seconds) <= window else { throw .outsideWindow }
        let key = timestamp + "\n" + sign.base64EncodedString()
        guard seconds > floor, seen[key] == nil else { throw .replayed }
        sweep(now: now)
        if seen.count >= capacity { shed() }
        seen[key] = seconds
    }

    /// Gives back a pair whose request could not be stored, so the platform's retry of it is accepted.
    package func release(timestamp: String, sign: Data) {
        seen[timestamp + "\n" + sign.base64EncodedString()] = nil
    }

    /// How many pairs are remembered.
    package var count: Int { seen.count }

    /// Forgets the pairs whose timestamp has left the window, at most once a minute (or when full).
    private func sweep(now: Double) {
        guard seen.count >= capacity || Date(timeIntervalSince1970: now) >= nextSweep else { return }
        nextSweep = Date(timeIntervalSince1970: now + 60)
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
