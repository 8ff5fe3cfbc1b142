import Crypto
import Foundation

extension FakeDingTalk {
    /// The `sign` header DingTalk sends with the robot's HTTP callback, by its documented algorithm:
    /// Base64(HMAC-SHA256(key: AppSecret, "timestamp\nAppSecret")), `timestamp` in milliseconds.
    package static func sign(timestamp: String, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Data("\(timestamp)\n\(secret)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(code).base64EncodedString()
    }
}
