import Crypto
import _CryptoExtras
import Foundation

/// Why an event body was refused. Descriptions are safe to log: they never contain the key or the plaintext.
package enum FeishuCipherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The payload is not valid base64.
    case notBase64
    /// The payload is shorter than an IV and one block, or not whole AES blocks.
    case badLength(Int)
    /// AES-CBC decryption or its PKCS#7 padding failed (a wrong Encrypt Key).
    case decryptionFailed
    /// The plaintext is not UTF-8.
    case notUTF8

    package var description: String {
        switch self {
        case .notBase64: "the encrypted event is not valid base64"
        case .badLength(let n): "the encrypted event is \(n) bytes, not an IV and whole 16-byte AES blocks"
        case .decryptionFailed: "the encrypted event does not decrypt (wrong Encrypt Key?)"
        case .notUTF8: "the decrypted event is not UTF-8"
        }
    }
}

/// Feishu's event encryption and signature, with the app's Encrypt Key: AES-256-CBC with key = SHA-256(Encrypt Key),
/// the IV the first 16 bytes of the base64-decoded payload, PKCS#7 padding; and `X-Lark-Signature` = lowercase hex
/// SHA-256 of timestamp + nonce + Encrypt Key + the raw body.
package struct FeishuCipher: Sendable {
    /// SHA-256 of the Encrypt Key (`SymmetricKey` is not `Sendable` in swift-crypto 3.x: one is made per call).
    private let keyBytes: [UInt8]
    private let encryptKey: String

    package init(encryptKey: String) {
        self.encryptKey = encryptKey
        keyBytes = Array(SHA256.hash(data: Data(encryptKey.utf8)))
    }

    package func decrypt(_ base64: String) throws(FeishuCipherError) -> String {
        guard let data = Data(base64Encoded: base64) else { throw .notBase64 }
        guard data.count >= 32, data.count % 16 == 0 else { throw .badLength(data.count) }
        let plain: Data
        do {
            let iv = try AES._CBC.IV(ivBytes: data.prefix(16))
            plain = try AES._CBC.decrypt(data.dropFirst(16), using: SymmetricKey(data: keyBytes), iv: iv)
        } catch {
            throw .decryptionFailed
        }
        guard let text = String(validating: plain, as: UTF8.self) else { throw .notUTF8 }
        return text
    }

    private func digest(timestamp: String, nonce: String, body: some Sequence<UInt8>) -> SHA256.Digest {
        var hasher = SHA256()
        hasher.update(data: Data((timestamp + nonce + encryptKey).utf8))
        hasher.update(data: Data(body))
        return hasher.finalize()
    }

    /// The `X-Lark-Signature` of a request.
    package func signature(timestamp: String, nonce: String, body: some Sequence<UInt8>) -> String {
        digest(timestamp: timestamp, nonce: nonce, body: body).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether `signature` is right, compared in constant time (as SHA-256 digests, whose equality is constant-time).
    package func verify(signature: String, timestamp: String, nonce: String, body: some Sequence<UInt8>) -> Bool {
        let expected = self.signature(timestamp: timestamp, nonce: nonce, body: body)
        return SHA256.hash(data: Data(expected.utf8)) == SHA256.hash(data: Data(signature.utf8))
    }
}
