package import CampaignIntents
package import Foundation

/// The campaign's rules: one message in, the changes it makes (its reply included) out.
///
/// Pure and synchronous: the state it is given already holds everything committed before, and every change it
/// makes is applied to that state as it goes, so several messages can be handled in one commit.
package struct Engine: Sendable {
    package var campaign: Campaign
    package var botNames: [String]
    /// Group chats every notice is also posted to (a staff group's robot), besides each person's private chat.
    package var broadcastChannels: [ChatAddress]
    /// Wrong bind codes allowed per chat identity before binding is refused.
    package var maxBindFailures = 10
    /// 评议 results are shown for a subject only when at least this many raters rated it (configurable).
    package var evaluationMinRaters = 5
    /// Hashes bind codes; injected so the domain needs no crypto library.
    package var hashCode: @Sendable (String) -> String
    /// Whether a code matches what the store keeps for it (a salted, slow hash at run time); by default, the same
    /// `hashCode`.
    package var verifyCode: @Sendable (_ code: String, _ stored: String) -> Bool
    /// The web back office, when it is enabled (`后台` answers with a login link from it).
    package var webAccess: (any WebAccess)?

    package init(
        campaign: Campaign, botNames: [String] = [], broadcastChannels: [ChatAddress] = [],
        hashCode: @escaping @Sendable (String) -> String
    ) {
        self.campaign = campaign
        self.botNames = botNames
        self.broadcastChannels = broadcastChannels
        self.hashCode = hashCode
        verifyCode = { code, stored in constantTimeEqual(stored, hashCode(code)) }
    }

    package func parseContext(now: Date, isGroup: Bool) -> ParseContext {
        ParseContext(
            today: CampaignTime.local(now).date, isGroup: isGroup, botNames: botNames,
            morningPeriods: campaign.morningPeriods)
    }

    /// If this throws, `state` may hold part of the message's changes: the caller must drop it (the dispatcher
    /// rebuilds it from the last good state).
    package func handle(_ message: IncomingMessage, in state: inout BotState, now: Date) throws -> [Change] {
        try decide(message, in: &state, now: now).changes
    }

    /// `handle`, with what the message came to (its intent and outcome, in names only).
    package func handleSummarized(_ message: IncomingMessage, in state: inout BotState, now: Date) throws -> (
        changes: [Change], summary: TurnSummary
    ) {
        let decided = try decide(message, in: &state, now: now)
        return (decided.changes, decided.summary)
    }

    /// `handle`, with the replies as the rules decided them, before they were put into words (what a test of a rule
    /// asserts on), and the summary.
    package func decide(_ message: IncomingMessage, in state: inout BotState, now: Date) throws
        -> (changes: [Change], replies: [any Reply], summary: TurnSummary)
    {
        // The state moves into the turn and back, so collections are mutated in place instead of copied.
        var turn = Turn(engine: self, message: message, now: now, state: BotState())
        swap(&turn.state, &state)
        defer { swap(&turn.state, &state) }
        try turn.run()
        return (turn.changes, turn.spoken, turn.summary)
    }
}
