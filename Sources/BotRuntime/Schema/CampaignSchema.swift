package import CampaignCore
package import CampaignStorage
import Crypto
import Foundation

/// How the bot's state lives in the JSON store.
package enum CampaignSchema: StoreSchema {
    package typealias State = BotState
    package typealias Change = CampaignCore.Change

    package static let currentVersion = 5
    package static func initialState() -> BotState { BotState() }
    package static func apply(_ change: Change, to state: inout BotState) throws {
        // A sent 评议 ballot reply is forgotten (BallotForgetting): the state counts it before it leaves the outbox.
        if case .markSent(let id) = change { state.noteSentBallotReplies([id]) }
        try state.apply(change)
    }

    /// Bookkeeping changes (sent marks, positions, reminder marks) cannot fail, so they are applied in place; the
    /// hot path of the outbox then never copies the state. Anything else is applied all-or-none on a copy.
    package static func applyAll(_ changes: [Change], to state: inout BotState) throws {
        // A batch of sent marks (what the outbox commits): one pass over the outbox, not one per message.
        let sent = changes.compactMap { change -> Int? in
            if case .markSent(let id) = change { return id }
            return nil
        }
        if sent.count == changes.count, sent.count > 1 {
            let ids = Set(sent)
            state.noteSentBallotReplies(ids)
            state.outbox.removeAll { ids.contains($0.id) }
            return
        }
        if changes.allSatisfy(\.cannotFail) {
            for change in changes { try apply(change, to: &state) }
            return
        }
        var next = state
        for change in changes { try apply(change, to: &next) }
        state = next
    }
}

package typealias CampaignStore = JSONStore<CampaignSchema>

/// One-time bind codes: short, without look-alike characters, stored only as a SHA-256 hash.
package enum BindCodes {
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    package static func make<G: RandomNumberGenerator>(using rng: inout G) -> String {
        String((0..<6).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }

    package static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        return make(using: &rng)
    }

    @Sendable package static func hash(_ code: String) -> String {
        let normalized = code.uppercased().trimmingCharacters(in: .whitespaces)
        return SHA256.hash(data: Data(normalized.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
