import CampaignCore
import CampaignStorage
import Foundation

/// Anonymity on disk for 评议 (docs/evaluation.md). After a ballot is counted or a round ends, the store forgets
/// every copy of the unfinished ballots it wrote on the way: it compacts (the live journal, which held each
/// answer under the rater's id, is replaced by an empty one) and rewrites every retained backup — each snapshot
/// gets the newest tallies and marks without ballots, each journal loses its 评议 changes. Only then is
/// `unforgotten` counted down; a crash before that leaves it above zero, and the next start does it again.
enum BallotForgetting {
    /// Changes of 评议 (ballots, casts, rounds) are dropped from backed-up journals; their effect is in the
    /// backed-up snapshots' state instead (the newest tallies and marks).
    static let rewrite = HistoryRewrite(
        state: { backup, newest in
            var backup = backup
            var evaluations = newest["evaluations"] ?? .object([:])
            evaluations["ballots"] = .object([:])
            evaluations["unforgotten"] = .integer(0)
            backup["evaluations"] = evaluations
            return backup
        },
        change: { change in
            guard case .object(let members) = change, members.count == 1, let key = members.keys.first,
                key.hasPrefix("evaluation")
            else { return change }
            return nil
        })
}

extension Dispatcher {
    /// One pass: when the state says counted or dropped ballots may still be on disk, compacts rewriting the
    /// backups, then counts down what was forgotten. Returns false when nothing was left to forget.
    func forgetBallotsOnce() async throws -> Bool {
        let count = await store.state.evaluations.unforgotten
        guard count > 0 else { return false }
        try await store.compact(rewritingHistory: BallotForgetting.rewrite)
        try await store.commit([.evaluationForgotten(count: count)])
        return true
    }
}
