import Crypto
package import Foundation

/// DingTalk's HTTP-mode signature: the headers `timestamp` (milliseconds) and `sign` =
/// Base64(HMAC-SHA256(key: AppSecret, "timestamp\nAppSecret")). A file of its own, with Foundation and Crypto only, so
/// the fuzz targets compile it as it is.
package enum DingTalkSignature {
    /// How far a request's timestamp may be from this machine's clock (DingTalk's rule: an hour either way).
    package static let window: TimeInterval = 3600
    /// The longest `sign` header read: Base64 of a 32-byte HMAC is 44 characters, percent-encoded at most three times
    /// as long.
    package static let maxSign = 256

    /// The `sign` DingTalk sends with `timestamp`.
    package static func sign(timestamp: String, secret: String) -> String {
        Data(
            HMAC<SHA256>.authenticationCode(
                for: Data("\(timestamp)\n\(secret)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        )
        .base64EncodedString()
    }

    /// A request's signature once checked: its timestamp in seconds and the sign's bytes.
    package struct Signed: Sendable, Equatable {
        package var seconds: Double
        package var sign: Data
    }

    /// The checked signature when `sign` is right for `timestamp` (compared in constant time) and the timestamp (in
    /// milliseconds) is within the window of `now` on this machine's clock; nil otherwise.
    package static func verify(timestamp: String, sign: String, secret: String, now: Date) -> Signed? {
        guard
            let seconds = CallbackTimestamp.seconds(timestamp, now: now, window: window, unitsPerSecond: 1000),
            sign.utf8.count <= maxSign,
            let given = Data(base64Encoded: sign.removingPercentEncoding ?? sign),
            HMAC<SHA256>.isValidAuthenticationCode(
                given, authenticating: Data("\(timestamp)\n\(secret)".utf8),
                using: SymmetricKey(data: Data(secret.utf8)))
        else { return nil }
        return Signed(seconds: seconds, sign: given)
    }
}
