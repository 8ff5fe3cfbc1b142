package import Foundation

/// Why a message is in the outbox.
package enum OutboxKind: String, Codable, Sendable {
    case reply, reminder, broadcast, notice
}

/// Who may read a message. A reply in a private chat and every notice to a person are read by that person only; a
/// reply in a group by everyone in it; a notice by a branch or the whole school.
package enum Audience: String, Codable, Sendable {
    case person, chat, branch, school
}

/// A file sent with a message (the CSV of `导出`).
package struct Attachment: Codable, Sendable, Hashable {
    package var fileName: String
    package var mimeType: String
    package var content: String
}

/// A message waiting to be sent. It is committed together with the change it reports, and removed once sent.
package struct OutboxMessage: Codable, Sendable, Hashable, Identifiable {
    package var id: Int
    package var to: ChatAddress
    package var text: String
    /// The platform's id of the message this one answers.
    package var replyTo: String?
    package var kind: OutboxKind
    /// The person it is for (reminders, broadcasts).
    package var staffID: String?
    package var createdAt: Date
    package var attachment: Attachment?
    /// For reminders: `milestone|offset|staff`.
    package var reminderKey: String?
    /// A chart, the report or a stored file, made or read when the message is sent.
    package var media: MediaRequest?
    /// Who may read it (nil in messages queued before audiences were recorded).
    package var audience: Audience?
    /// True for a reply of the 评议 ballot conversation: once sent, the store forgets its text (docs/evaluation.md).
    package var forgetOnceSent: Bool?

    package init(
        id: Int, to: ChatAddress, text: String, replyTo: String? = nil, kind: OutboxKind, staffID: String? = nil,
        createdAt: Date, attachment: Attachment? = nil, reminderKey: String? = nil, media: MediaRequest? = nil,
        audience: Audience? = nil, forgetOnceSent: Bool? = nil
    ) {
        self.id = id
        self.to = to
        self.text = text
        self.replyTo = replyTo
        self.kind = kind
        self.staffID = staffID
        self.createdAt = createdAt
        self.attachment = attachment
        self.reminderKey = reminderKey
        self.media = media
        self.audience = audience
        self.forgetOnceSent = forgetOnceSent
    }
}
