import Crypto
import _CryptoExtras
import Foundation

/// Why a callback envelope was refused. Descriptions are safe to log: they never contain keys or plaintext.
package enum CallbackCipherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The EncodingAESKey is not 43 base64 characters decoding to 32 bytes.
    case badAESKey(length: Int)
    /// The msg_signature does not match the token, timestamp, nonce and ciphertext.
    case badSignature
    /// The ciphertext is not valid base64.
    case notBase64
    /// The ciphertext is empty or not a whole number of AES blocks.
    case badCiphertextLength(Int)
    /// AES-CBC decryption itself failed.
    case decryptionFailed
    /// The PKCS#7 padding (block size 32) is malformed.
    case badPadding
    /// The plaintext is shorter than its 16-byte random prefix and 4-byte length.
    case truncated
    /// The declared message length runs past the end of the plaintext.
    case badMessageLength(declared: Int, available: Int)
    /// The message is not valid UTF-8.
    case notUTF8
    /// The trailing receive id (corp id, suite id or DingTalk key) is not the configured one.
    case wrongReceiveID

    package var description: String {
        switch self {
        case .badAESKey(let length):
            "the EncodingAESKey must be 43 base64 characters decoding to 32 bytes (got \(length) characters that do not); copy it again from the admin console"
        case .badSignature:
            "the callback signature does not match (wrong token, or the request was not sent by the platform)"
        case .notBase64:
            "the encrypted payload is not valid base64"
        case .badCiphertextLength(let n):
            "the encrypted payload is \(n) bytes, not a positive multiple of the 16-byte AES block"
        case .decryptionFailed:
            "AES-CBC decryption of the payload failed"
        case .badPadding:
            "the decrypted payload has invalid PKCS#7 padding (wrong EncodingAESKey?)"
        case .truncated:
            "the decrypted payload is too short to hold the 16-byte random prefix and 4-byte length"
        case .badMessageLength(let declared, let available):
            "the decrypted payload declares a \(declared)-byte message but only \(available) bytes follow (wrong EncodingAESKey?)"
        case .notUTF8:
            "the decrypted message is not valid UTF-8"
        case .wrongReceiveID:
            "the decrypted payload is addressed to a different receive id (corp id / suite id / app key)"
        }
    }
}

/// The WXBizMsgCrypt callback envelope shared by WeCom and DingTalk's HTTP callbacks:
/// SHA-1 signature over the sorted (token, timestamp, nonce, ciphertext), and
/// AES-256-CBC (IV = key[0..<16], PKCS#7 to 32 bytes) over
/// `random(16) ‖ length(4, big-endian) ‖ message ‖ receiveID`.
package struct CallbackCipher: Sendable {
    private let token: String
    /// Raw key bytes: `SymmetricKey` is not `Sendable` in swift-crypto 3.x, so one is made per call.
    private let keyBytes: [UInt8]
    private let iv: AES._CBC.IV
    private let receiveID: [UInt8]

    /// - Parameters:
    ///   - encodingAESKey: the 43-character key from the admin console (base64 without the trailing `=`).
    ///   - receiveID: the id expected after the message: the corp id (WeCom), suite id, or DingTalk app/corp key.
    package init(token: String, encodingAESKey: String, receiveID: String) throws(CallbackCipherError) {
        guard encodingAESKey.utf8.count == 43,
            let raw = Data(base64Encoded: encodingAESKey + "="),
            raw.count == 32
        else { throw .badAESKey(length: encodingAESKey.count) }
        let bytes = [UInt8](raw)
        guard let iv = try? AES._CBC.IV(ivBytes: bytes[0..<16]) else { throw .badAESKey(length: encodingAESKey.count) }
        self.token = token
        self.keyBytes = bytes
        self.iv = iv
        self.receiveID = Array(receiveID.utf8)
    }

    /// Lowercase hex SHA-1 of token, timestamp, nonce and ciphertext, sorted by bytes and concatenated.
    package func signature(timestamp: String, nonce: String, encrypted: String) -> String {
        let parts = [token, timestamp, nonce, encrypted].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let digest = Insecure.SHA1.hash(data: Array(parts.joined().utf8))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether `signature` matches, compared in constant time (every byte is examined).
    package func verify(signature: String, timestamp: String, nonce: String, encrypted: String) -> Bool {
        let expected = Array(self.signature(timestamp: timestamp, nonce: nonce, encrypted: encrypted).utf8)
        let given = Array(signature.utf8)
        var difference: UInt8 = expected.count == given.count ? 0 : 1
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }

    /// Verifies the signature, then decrypts. Use this on every inbound callback.
    package func open(signature: String, timestamp: String, nonce: String, encrypted: String)
        throws(CallbackCipherError) -> String
    {
        guard verify(signature: signature, timestamp: timestamp, nonce: nonce, encrypted: encrypted) else {
            throw .badSignature
        }
        return try decrypt(encrypted)
    }

    /// Decrypts a base64 payload and checks its padding, length and receive id.
    /// Does not check the signature: call `open` for untrusted input.
    package func decrypt(_ base64: String) throws(CallbackCipherError) -> String {
        guard let data = Data(base64Encoded: base64) else { throw .notBase64 }
        guard !data.isEmpty, data.count % 16 == 0 else { throw .badCiphertextLength(data.count) }
        let plain: [UInt8]
        do {
            plain = [UInt8](try AES._CBC.decrypt(data, using: SymmetricKey(data: keyBytes), iv: iv, noPadding: true))
        } catch {
            throw .decryptionFailed
        }
        guard let pad = plain.last, (1...32).contains(pad), Int(pad) <= plain.count,
            plain.suffix(Int(pad)).allSatisfy({ $0 == pad })
        else { throw .badPadding }
        let content = plain[0..<(plain.count - Int(pad))]
        guard content.count >= 20 else { throw .truncated }
        let length = content[16..<20].reduce(0) { ($0 << 8) | Int($1) }
        let available = content.count - 20
        guard length <= available else { throw .badMessageLength(declared: length, available: available) }
        let message = content[20..<(20 + length)]
        let trailer = content[(20 + length)...]
        guard trailer.elementsEqual(receiveID) else { throw .wrongReceiveID }
        guard let text = String(validating: message, as: UTF8.self) else { throw .notUTF8 }
        return text
    }

    /// Encrypts a message for this receive id and returns base64. `random` (16 bytes) is for tests;
    /// by default it comes from the system CSPRNG.
    package func encrypt(_ message: String, random: [UInt8]? = nil) -> String {
        let prefix: [UInt8]
        if let random {
            precondition(random.count == 16, "CallbackCipher.encrypt: random must be exactly 16 bytes")
            prefix = random
        } else {
            var rng = SystemRandomNumberGenerator()
            prefix = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        }
        let body = Array(message.utf8)
        let length = UInt32(body.count)
        var plain = prefix
        plain += [
            UInt8(truncatingIfNeeded: length >> 24), UInt8(truncatingIfNeeded: length >> 16),
            UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length),
        ]
        plain += body
        plain += receiveID
        let pad = 32 - plain.count % 32
        plain += [UInt8](repeating: UInt8(pad), count: pad)
        do {
            return try AES._CBC.encrypt(plain, using: SymmetricKey(data: keyBytes), iv: iv, noPadding: true)
                .base64EncodedString()
        } catch {
            // Unreachable: the key is 32 bytes and the input is whole blocks.
            preconditionFailure("AES-CBC encryption of whole blocks failed: \(error)")
        }
    }
}
