import CampaignIntents
package import Foundation

/// A question the bot asked because one argument was missing (`预约示范课 10月21日 高二3班 数列` → “第几节？”); the
/// next message answers it. Kept in the store, so it survives a restart.
package struct PendingQuestion: Codable, Sendable, Hashable {
    /// The message that lacked the argument, as the person wrote it.
    package var text: String
    /// The argument asked for (`CommandArgument` raw value).
    package var argument: String
    package var askedAt: Date

    package init(text: String, argument: String, askedAt: Date) {
        self.text = text
        self.argument = argument
        self.askedAt = askedAt
    }

    /// An answer later than this is a new message, not an answer.
    package static let timeout: TimeInterval = 15 * 60
}

extension Turn {
    static let stopWords: Set<String> = ["取消", "算了", "不用了", "不了", "cancel", "stop"]

    /// The outcome of this message, read as the answer to a pending question when it is one, with the whole text it
    /// was read from (the question's message and the answer). Clears the question when it is answered, dropped
    /// (`取消`), stale, or replaced by a new command.
    mutating func outcomeAnsweringPending(_ context: ParseContext) throws -> (ParseOutcome, text: String)? {
        let key = message.identity.key
        guard let question = state.pending[key], !message.isGroup else { return nil }
        try emit(.setPending(identity: key, nil))
        guard now.timeIntervalSince(question.askedAt) <= PendingQuestion.timeout else { return nil }
        let answer = message.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if Self.stopWords.contains(answer.lowercased()) {
            english = !question.text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            try reply(ConversationReply.dropped(String(question.text.prefix(30))))
            return (.ignored, answer)
        }
        // A message that is a command of its own is that command.
        let alone = IntentParser.parse(answer, context: context)
        if case .failure(let error) = alone, error.kind == .unknownCommand {
            let combined = question.text + " " + question.argument + ":" + answer
            return (IntentParser.parse(combined, context: context), combined)
        }
        return (alone, answer)
    }

    /// Asks for a missing argument and remembers the question (in private chats, from bound people).
    mutating func ask(_ error: ParseError, person: Person?, text: String) throws {
        guard error.kind == .missingArgument, let argument = error.argument, person != nil, !message.isGroup,
            error.intent != .edit, error.intent != .withdraw
        else {
            try reply(ConversationReply.unreadable(error))
            return
        }
        try emit(
            .setPending(
                identity: message.identity.key,
                PendingQuestion(text: text, argument: argument.rawValue, askedAt: now)))
        try reply(ConversationReply.ask(error.message, argument, error.intent))
    }
}
