/// A rule's decision as words for a person. Rules decide and say what happened with a typed outcome; each family's
/// replies (`PledgeReply`, `VisitReply`, …) hold all of that family's Chinese and English copy and render it here,
/// in the asker's language.
package protocol Reply {
    func text(english: Bool) -> String
}

/// Words about a student. They render only with a `PrivateReader`, which exists only inside a reply to one person in
/// a private chat (`Turn.replyPrivately`, `Turn.notifyPrivately`): a rule cannot put them anywhere else.
package protocol PrivateReply {
    func text(english: Bool, for reader: borrowing PrivateReader) -> String
}
