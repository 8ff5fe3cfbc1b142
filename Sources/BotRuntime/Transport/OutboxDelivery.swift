package import CampaignCore
import Foundation

/// What a transport reports when a message could not be delivered.
package enum DeliveryError: Error, Sendable, CustomStringConvertible {
    /// The platform asked every send to wait (HTTP 429 `retry_after`).
    case retryAfter(seconds: Double)
    /// Worth trying again later (5xx, timeout, garbage).
    case transient(String)
    /// This message can never be delivered (chat gone, bot blocked): drop it and log.
    case rejected(String)
    /// The bot cannot go on (bad token): stop.
    case fatal(String)

    package var description: String {
        switch self {
        case .retryAfter(let s): "retry after \(s) s"
        case .transient(let d), .rejected(let d), .fatal(let d): d
        }
    }
}

/// A transport's outgoing side: deliver one queued message.
package protocol OutboxDelivery: Sendable {
    var transport: String { get }
    func deliver(_ message: OutboxMessage) async throws(DeliveryError)
    /// True for a group chat (stricter send limits).
    func isGroup(_ chat: String) -> Bool
    /// True when the platform can carry pictures and files (`deliver(_:media:)`); otherwise media requests are
    /// sent as their text with a note.
    var sendsMedia: Bool { get }
    /// The platform's name as a teacher knows it (named in notes where another platform cannot carry a file).
    var displayName: String { get }
    /// Delivers a message with the picture or document made for it.
    func deliver(_ message: OutboxMessage, media: RenderedMedia) async throws(DeliveryError)
    /// False for a message of this transport that this delivery leaves in the outbox for another (the console of
    /// another person's session). A platform delivers every message addressed to it.
    func handles(_ message: OutboxMessage) -> Bool
}

extension OutboxDelivery {
    package var sendsMedia: Bool { false }
    package var displayName: String { transport }
    package func handles(_ message: OutboxMessage) -> Bool { true }

    package func deliver(_ message: OutboxMessage, media: RenderedMedia) async throws(DeliveryError) {
        try await deliver(message)
    }
}
