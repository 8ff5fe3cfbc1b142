/// What one message came to, in ids and names of kinds only (never its text): for the per-message log line and the
/// command counts.
package struct TurnSummary: Sendable, Equatable {
    package enum Outcome: String, Sendable, CaseIterable {
        /// The command was read, the sender may use it, and its rule answered (which may be a "no" of the rule's own).
        case ok
        /// Not understood (unknown command, missing or invalid argument), or the sender may not use it (not bound,
        /// no longer on the roster, not permitted).
        case refused
        /// Not addressed to the bot (a group message without a mention or a slash command): no answer.
        case ignored
        /// Handling it failed (a bug): the sender got an apology and the log an error line.
        case error
    }

    /// The intent's id (`pledge`, `book_lesson`, …); `unknown` for an unknown command; `none` when ignored.
    package var intent: String
    package var outcome: Outcome
    /// The sender's staff id when they are bound to the roster.
    package var staffID: String?

    package init(intent: String, outcome: Outcome, staffID: String? = nil) {
        self.intent = intent
        self.outcome = outcome
        self.staffID = staffID
    }
}
