/// A message from a person on some transport.
public struct IncomingMessage: Sendable, Equatable {
    public var identity: ChatIdentity
    /// Where it was said, and where the answer goes.
    public var chat: ChatAddress
    public var isGroup: Bool
    /// The platform's message id, so the answer can quote it.
    public var messageID: String?
    public var text: String
    /// A photo or document sent with the message (its caption is `text`), already checked and stored, or refused.
    public var file: IncomingFile?

    public init(identity: ChatIdentity, chat: ChatAddress, isGroup: Bool = false, messageID: String? = nil, text: String,
                file: IncomingFile? = nil) {
        self.identity = identity
        self.chat = chat
        self.isGroup = isGroup
        self.messageID = messageID
        self.text = text
        self.file = file
    }
}
