/// A message from a person on some transport.
package struct IncomingMessage: Sendable, Equatable {
    package var identity: ChatIdentity
    /// Where it was said, and where the answer goes.
    package var chat: ChatAddress
    package var isGroup: Bool
    /// The platform's message id, so the answer can quote it.
    package var messageID: String?
    package var text: String
    /// A photo or document sent with the message (its caption is `text`), already checked and stored, or refused.
    package var file: IncomingFile?

    package init(
        identity: ChatIdentity, chat: ChatAddress, isGroup: Bool = false, messageID: String? = nil, text: String,
        file: IncomingFile? = nil
    ) {
        self.identity = identity
        self.chat = chat
        self.isGroup = isGroup
        self.messageID = messageID
        self.text = text
        self.file = file
    }
}
