import Foundation

/// Why a call to a platform's open API (an `errcode`/`code` JSON API) failed, sorted by what the caller should do about it. Never
/// contains a secret or a token.
package struct OpenAPIError: PlatformError, ExpiringTokenError, Sendable {
    package enum Kind: Sendable {
        /// HTTP 429 or a frequency-limit code: wait, every send pauses.
        case tooFrequent
        /// The access token is invalid or expired: fetch a new one.
        case tokenExpired
        /// The app's credentials are refused, or it lacks a permission: the bot stops.
        case refused
        /// A refusal of one message (a user out of range, a chat the bot is not in): drop it.
        case rejected
        /// 5xx, timeouts, connection errors, garbage: retry with backoff.
        case transient
    }

    package var kind: Kind
    /// The platform's name, for the operator's messages.
    package var platform: String
    package var detail: String
    /// For refusals: which setting or permission to check.
    package var advice = ""

    package init(_ kind: Kind, _ platform: String, _ detail: String, advice: String = "") {
        self.kind = kind
        self.platform = platform
        self.detail = detail
        self.advice = advice
    }

    package var description: String {
        switch kind {
        case .tooFrequent: "\(platform) asked to slow down (\(detail))"
        case .tokenExpired: "the \(platform) access token expired (\(detail))"
        case .refused:
            "\(platform) refused the bot's credentials (\(detail)). \(advice) The bot stops rather than retrying."
        case .rejected: "\(platform) rejected the message (\(detail))"
        case .transient: "temporary \(platform) failure: \(detail)"
        }
    }

    package var refusesCredentials: Bool { kind == .refused }
    var isTokenExpiry: Bool { kind == .tokenExpired }

    /// What an outbox delivery reports: a frequency limit pauses every send for `pause` seconds.
    func delivery(pause: Double) -> DeliveryError {
        switch kind {
        case .tooFrequent: .retryAfter(seconds: pause)
        case .tokenExpired, .transient: .transient(description)
        case .rejected: .rejected(description)
        case .refused: .fatal(description)
        }
    }
}
