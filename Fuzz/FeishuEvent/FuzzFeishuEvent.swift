import Crypto
import Foundation
import FuzzDriver
import _CryptoExtras

/// What the symlinked Feishu files need of the transport.
enum FeishuTransport {
    static let name = "feishu"
}

/// libFuzzer's entry: opening a Feishu event callback (`FeishuEventOpener`: signature check, freshness, decryption,
/// JSON; then `FeishuEvent.incoming`), the files shared by symlinks. The first byte picks what the rest is:
/// 0. a body sent without `X-Lark-Signature` (only a small URL check may be opened);
/// 1. a body signed right, now (the JSON envelope and its `encrypt` are read from chosen bytes);
/// 2. an event's plaintext, encrypted with the Encrypt Key and signed (the event JSON is read from chosen bytes);
/// 3. a body for an app without an Encrypt Key (plain JSON);
/// 4. headers and a body separated by zero bytes (signature, timestamp, nonce, body), as an attacker sends them.
enum FeishuEventFuzz {
    static let encryptKey = "fuzz-encrypt-key"
    static let cipher = FeishuCipher(encryptKey: encryptKey)
    static let encrypted = FeishuEventOpener(cipher: cipher)
    static let plain = FeishuEventOpener(cipher: nil)

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let mode = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        let now = Date()
        let timestamp = String(Int(now.timeIntervalSince1970))
        let opened: Result<FeishuEventOpener.Opened, FeishuEventOpener.Refusal>
        switch mode % 5 {
        case 0:
            opened = encrypted.open(rest, signature: nil, timestamp: "", nonce: "", now: now)
            if case .success(let event) = opened { precondition(event.event.type == "url_verification") }
        case 1:
            let signature = cipher.signature(timestamp: timestamp, nonce: "n", body: rest)
            opened = encrypted.open(rest, signature: signature, timestamp: timestamp, nonce: "n", now: now)
        case 2:
            let body = Array(Data(#"{"encrypt":"\#(encrypt(rest))"}"#.utf8))
            let signature = cipher.signature(timestamp: timestamp, nonce: "n", body: body)
            opened = encrypted.open(body, signature: signature, timestamp: timestamp, nonce: "n", now: now)
            if case .failure(let refusal) = opened {
                precondition(refusal.reason != "the X-Lark-Signature does not match")
            }
        case 3:
            opened = plain.open(rest, signature: nil, timestamp: "", nonce: "", now: now)
        default:
            let parts = rest.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
            let text = parts.prefix(3).map { String(decoding: $0, as: UTF8.self) }
            let body = parts.count > 3 ? Array(parts[3]) : []
            opened = encrypted.open(
                body, signature: text.first, timestamp: text.count > 1 ? text[1] : "",
                nonce: text.count > 2 ? text[2] : "", now: now)
        }
        if case .success(let event) = opened {
            _ = event.event.verificationToken
            _ = event.event.incoming(botOpenID: "ou_bot")
        }
    }

    /// Feishu's encryption: base64(IV ‖ AES-256-CBC(key: SHA-256(Encrypt Key), PKCS#7)).
    static func encrypt(_ plaintext: [UInt8]) -> String {
        let key = SymmetricKey(data: SHA256.hash(data: Data(encryptKey.utf8)))
        let ivBytes = [UInt8](repeating: 0x2a, count: 16)
        let sealed = try! AES._CBC.encrypt(plaintext, using: key, iv: try! AES._CBC.IV(ivBytes: ivBytes))
        return (Data(ivBytes) + sealed).base64EncodedString()
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzFeishuEvent(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FeishuEventFuzz.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

@main
enum FuzzFeishuEventMain {
    static func main() { FuzzDriver.run(fuzzFeishuEvent) }
}
