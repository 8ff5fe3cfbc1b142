import CampaignCore
import Foundation
import Logging

extension Dispatcher {
    /// At start: sealed 评议 ballots that the ballot key at hand cannot open (the key file was lost, or another key
    /// was given) cannot be counted. They are dropped — their raters have not voted after all — and each of them is
    /// told privately to rate again. Logged with the number of raters, never who.
    func dropUnreadableSeals() async throws {
        let now = clock.now()
        let raters: [String] = try await transact { state in
            guard let round = state.evaluations.unclosed else { return ([], []) }
            let groups = round.sealed.filter { $0.value.unreadable != nil }.keys.sorted()
            guard !groups.isEmpty else { return ([], []) }
            var scratch = state
            var changes: [Change] = []
            func emit(_ change: Change) throws {
                try scratch.apply(change)
                changes.append(change)
            }
            try emit(.evaluationSealsLost(round: round.number, groups: groups))
            let raters = groups.flatMap { round.sealed[$0]?.raters ?? [] }.sorted()
            let text =
                "您在评议“\(round.name)”中提交的评价未能保存（服务器的评议密钥已更换），没有计入。请发送“评议”重新评价，评价仍然匿名。"
            for rater in raters {
                for address in scratch.directChats[rater] ?? [] {
                    try emit(
                        .enqueue(
                            OutboxMessage(
                                id: scratch.nextOutboxID, to: address, text: text, kind: .notice, staffID: rater,
                                createdAt: now, audience: .person, forgetOnceSent: true)))
                }
            }
            return (changes, raters)
        }
        guard !raters.isEmpty else { return }
        logger.warning(
            "sealed 评议 ballots could not be opened with this ballot key (\(BallotKey.variable) or the key file beside the store) and were dropped; their raters were asked to rate again",
            metadata: ["raters": "\(raters.count)"])
    }
}
