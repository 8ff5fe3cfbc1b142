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
    /// A reply holding student data. In a private chat it is simply `details`. In a group the group hears only
    /// `group` with “详情已私信您”, and the details go to the asker's private chat; when the bot has none for them,
    /// the group is asked to use one.
    mutating func replyPrivately(inGroup group: some Reply, _ details: some PrivateReply) throws {
        let english = english
        try replyPrivately(inGroup: group) { (reader: borrowing PrivateReader) -> (String, Attachment?) in
            (details.text(english: english, for: reader), nil)
        }
    }

    /// The same, with a file (an export) made from the data as well.
    mutating func replyPrivately(
        inGroup group: some Reply, _ compose: (borrowing PrivateReader) -> (text: String, attachment: Attachment?)
    ) throws {
        let reader = PrivateReader()
        guard message.isGroup else {
            spoken.append(group)
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
            try reply(PrivacyReply.askInPrivate(group))
            return
        }
        try reply(PrivacyReply.sentPrivately(group))
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
    mutating func notifyPrivately(_ person: Person, kind: OutboxKind, _ details: some PrivateReply) throws -> Bool {
        let text = details.text(english: english, for: PrivateReader())
        return try notify(person, text, kind: kind)
    }
}

/// What a group hears after a reply with student data: the reply's shared part, and where the details went.
enum PrivacyReply: Reply {
    /// The bot has no private chat with the asker.
    case askInPrivate(any Reply)
    case sentPrivately(any Reply)

    func text(english: Bool) -> String {
        switch self {
        case .askInPrivate(let group):
            group.text(english: english) + "\n"
                + (english
                    ? "The details concern a student and are shown only in a private chat: ask me there."
                    : "详情含学生信息，只在私聊中显示：请私聊我再问一次。")
        case .sentPrivately(let group):
            group.text(english: english) + "\n" + (english ? "Details sent to you privately." : "详情已私信您。")
        }
    }
}
