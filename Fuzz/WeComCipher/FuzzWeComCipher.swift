import Crypto
import Foundation
import FuzzDriver
import _CryptoExtras

/// libFuzzer's entry: the WeCom callback cipher (`CallbackCipher`, the file is shared by a symlink). The first byte
/// picks what the rest is:
/// 0. an `<Encrypt>` value as sent (base64 text): decrypted, and opened with a signature over it;
/// 1. a plaintext under the right key (as a platform with the key could send): encrypted with raw AES-CBC, then
///    decrypted, so padding, the length and the receive id are read from chosen bytes;
/// 2. a message: encrypted and decrypted again, which must give it back;
/// 3. timestamp, nonce and ciphertext separated by zero bytes: their signature must verify, a changed one must not.
enum WeComCipherFuzz {
    static let aesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
    static let receiveID = "wx5823bf96d3bd56c7"
    static let cipher = try! CallbackCipher(token: "QDG6eK", encodingAESKey: aesKey, receiveID: receiveID)
    static let key = [UInt8](Data(base64Encoded: aesKey + "=")!)

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let mode = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        switch mode % 4 {
        case 0:
            let text = String(decoding: rest, as: UTF8.self)
            _ = try? cipher.decrypt(text)
            let signature = cipher.signature(timestamp: "1", nonce: "n", encrypted: text)
            _ = try? cipher.open(signature: signature, timestamp: "1", nonce: "n", encrypted: text)
        case 1:
            var plain = rest
            if plain.isEmpty || plain.count % 16 != 0 { plain += [UInt8](repeating: 0, count: 16 - plain.count % 16) }
            let iv = try! AES._CBC.IV(ivBytes: key[0..<16])
            let encrypted = try! AES._CBC.encrypt(plain, using: SymmetricKey(data: key), iv: iv, noPadding: true)
            if case .success(let text) = Result(catching: { try cipher.decrypt(encrypted.base64EncodedString()) }) {
                precondition(text.utf8.count + 20 + receiveID.utf8.count <= plain.count)
            }
        case 2:
            let message = String(decoding: rest, as: UTF8.self)
            let random = Array((rest + [UInt8](repeating: 7, count: 16)).prefix(16))
            let encrypted = cipher.encrypt(message, random: random)
            precondition((try? cipher.decrypt(encrypted)) == message)
        default:
            let parts = rest.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
            let (timestamp, nonce, encrypted) = (parts.first ?? "", parts.dropFirst().first ?? "", parts.last ?? "")
            let signature = cipher.signature(timestamp: timestamp, nonce: nonce, encrypted: encrypted)
            precondition(cipher.verify(signature: signature, timestamp: timestamp, nonce: nonce, encrypted: encrypted))
            let changed = String(signature.dropLast()) + (signature.hasSuffix("0") ? "1" : "0")
            precondition(!cipher.verify(signature: changed, timestamp: timestamp, nonce: nonce, encrypted: encrypted))
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzWeComCipher(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    WeComCipherFuzz.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

@main
enum FuzzWeComCipherMain {
    static func main() { FuzzDriver.run(fuzzWeComCipher) }
}
