/// Proof that text made with it is read by one person only: the asker in their private chat, a record's owner in
/// theirs, or the server's operator. It cannot be copied or kept: it lives for one `compose` call.
package struct PrivateReader: ~Copyable, Sendable {
    fileprivate init() {}

    /// For commands the server's operator runs on the server itself (`cxzy export`, `cxzy privacy`): whoever runs
    /// them can read the store already.
    package static func forServerOperator<Result>(_ body: (borrowing PrivateReader) throws -> Result) rethrows
        -> Result
    {
        try body(PrivateReader())
    }
}

/// Where words about a student may go. Only these make a `PrivateReader`, so a rule cannot put a student's name or a
/// visit's note into a group chat, a notice or a log: the compiler does not let it.
extension Turn {
    /// A reply holding student data. In a private chat it is simply the reply. In a group the group hears only
    /// `groupText` with “详情已私信您”, and the details go to the asker's private chat; when the bot has none for
    /// them, the group is asked to use one.
    mutating func replyPrivately(inGroup groupText: String, _ compose: (borrowing PrivateReader) -> String) throws {
        try replyPrivately(inGroup: groupText) { (reader: borrowing PrivateReader) -> (String, Attachment?) in
            (compose(reader), nil)
        }
    }

    /// The same, with a file (an export) made from the data as well.
    mutating func replyPrivately(
        inGroup groupText: String, _ compose: (borrowing PrivateReader) -> (text: String, attachment: Attachment?)
    ) throws {
        let reader = PrivateReader()
        guard message.isGroup else {
            let content = compose(reader)
            return try emit(
                .enqueue(
                    OutboxMessage(
                        id: state.nextOutboxID, to: message.chat, text: content.text, replyTo: message.messageID,
                        kind: .reply, createdAt: now, attachment: content.attachment, audience: .person)))
        }
        let asker = state.person(bound: message.identity)
        let chats = asker.map { state.directChats[$0.staffID] ?? [] } ?? []
        if chats.isEmpty {
            try reply(
                groupText + "\n"
                    + t(
                        "详情含学生信息，只在私聊中显示：请私聊我再问一次。",
                        "The details concern a student and are shown only in a private chat: ask me there."))
            return
        }
        try reply(groupText + "\n" + t("详情已私信您。", "Details sent to you privately."))
        let content = compose(reader)
        for chat in chats {
            try emit(
                .enqueue(
                    OutboxMessage(
                        id: state.nextOutboxID, to: chat, text: content.text, kind: .reply,
                        staffID: asker?.staffID, createdAt: now, attachment: content.attachment, audience: .person)))
        }
    }

    /// A notice holding student data, to `person`'s private chats only. False when the bot has none for them.
    mutating func notifyPrivately(
        _ person: Person, kind: OutboxKind, _ compose: (borrowing PrivateReader) -> String
    ) throws -> Bool {
        let reader = PrivateReader()
        return try notify(person, compose(reader), kind: kind)
    }
}
