import CampaignCore
import CampaignStorage
import Foundation

/// Anonymity on disk for 评议 (docs/evaluation.md). After a ballot is submitted, a batch is counted, a round ends or
/// a reply of a finished ballot conversation is sent, the store forgets every copy of what it wrote on the way: it
/// compacts (the live journal, which held each answer under the rater's id and each reply's text, is replaced by an
/// empty one) and rewrites every retained backup — each snapshot gets the newest 评议 state without ballots, each
/// journal loses its 评议 changes, and ballot replies lose their text in both. Only then is `unforgotten` counted
/// down; a crash before that leaves it above zero, and the next start does it again.
enum BallotForgetting {
    /// What a forgotten ballot reply says instead, in a backup (a recovered store would send this, not the reply).
    static let forgottenReply = "（评议对话中的一条回复，发送后按匿名要求不再保存）"

    /// Changes of 评议 (ballots, casts, rounds) are dropped from backed-up journals; their effect is in the
    /// backed-up snapshots' state instead (the newest tallies and marks). A ballot reply's `enqueue` stays (its
    /// number keeps the outbox's numbering whole for recovery) without its text.
    static let rewrite = HistoryRewrite(
        state: { backup, newest in
            var backup = backup
            var evaluations = newest["evaluations"] ?? .object([:])
            evaluations["ballots"] = .object([:])
            evaluations["unforgotten"] = .integer(0)
            backup["evaluations"] = evaluations
            if case .array(let outbox)? = backup["outbox"] { backup["outbox"] = .array(outbox.map(forget)) }
            return backup
        },
        change: { change in
            guard case .object(let members) = change, members.count == 1, let key = members.keys.first else {
                return change
            }
            if key.hasPrefix("evaluation") { return nil }
            // `{"enqueue":{"_0":{…message…}}}`, as Codable writes a case with one unlabelled value.
            if key == "enqueue", var payload = members[key], let message = payload["_0"] {
                payload["_0"] = forget(message)
                return .object([key: payload])
            }
            return change
        })

    /// An outbox message as a backup keeps it: a ballot reply without its text, anything else as it was.
    static func forget(_ message: JSONValue) -> JSONValue {
        guard case .bool(true)? = message["forgetOnceSent"] else { return message }
        var kept = message
        kept["text"] = .string(forgottenReply)
        kept["attachment"] = nil
        kept["media"] = nil
        return kept
    }
}

extension Dispatcher {
    /// One pass: when the state says submitted ballots, counted batches, closed rounds or sent ballot replies may
    /// still be on disk, compacts rewriting the backups, then counts down what was forgotten. Returns false when
    /// nothing was left to forget.
    func forgetBallotsOnce() async throws -> Bool {
        let count = await store.state.evaluations.unforgotten
        guard count > 0 else { return false }
        try await store.compact(rewritingHistory: BallotForgetting.rewrite)
        try await store.commit([.evaluationForgotten(count: count)])
        return true
    }
}
