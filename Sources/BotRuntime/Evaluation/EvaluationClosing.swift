import CampaignCore
import CampaignIntents
import Foundation

/// The scheduler closes a 评议 round when its last day ends (messages refuse late votes before that anyway).
extension ReminderScheduler {
    /// Closes the open round if its deadline has passed; its unfinished ballots are dropped and forgotten.
    func closeOverdueEvaluation(now: Date) async throws {
        try await dispatcher.transact { state in
            guard let round = state.evaluations.unclosed, !round.isOpen(on: CampaignTime.local(now).date) else {
                return ([], ())
            }
            return ([.evaluationClose(round: round.number, at: now)], ())
        }
    }

    /// When the open round closes: the start of the day after its deadline.
    static func evaluationClosing(_ state: BotState) -> Date? {
        state.evaluations.unclosed.map { CampaignTime.instant($0.deadline.adding(days: 1), minutes: 0) }
    }
}
