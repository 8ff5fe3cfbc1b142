@testable import BotRuntime
import FeishuFake
import Foundation
import Testing

@Suite("Feishu event encryption and signature")
struct FeishuCipherTests {
    struct Vector: Decodable {
        struct Feishu: Decodable { var encrypt_key, encrypt, plaintext: String }
        var feishu: Feishu
    }

    @Test("Feishu's published vector: encrypt_key “test key” decrypts to “hello world”")
    func vector() throws {
        let url = try #require(
            Bundle.module.url(forResource: "platform-vectors", withExtension: "json", subdirectory: "Fixtures"))
        let v = try JSONDecoder().decode(Vector.self, from: Data(contentsOf: url)).feishu
        #expect(v.encrypt_key == "test key")
        #expect(try FeishuCipher(encryptKey: v.encrypt_key).decrypt(v.encrypt) == "hello world")
        #expect(try FeishuCipher(encryptKey: v.encrypt_key).decrypt(v.encrypt) == v.plaintext)
        #expect(throws: FeishuCipherError.decryptionFailed) {
            try FeishuCipher(encryptKey: "other key").decrypt(v.encrypt)
        }
    }

    @Test("bodies sealed by the documented algorithm open; signatures verify; damage is refused")
    func roundTrip() throws {
        let cipher = FeishuCipher(encryptKey: "k-中文-key")
        for length in [0, 1, 15, 16, 17, 100] {
            let text = String(repeating: "好", count: length)
            let body = FeishuEvents.encrypted(text, encryptKey: "k-中文-key")
            let encrypt = try #require(
                (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String])?["encrypt"])
            #expect(try cipher.decrypt(encrypt) == text)
            let signed = FeishuEvents.signed(body, encryptKey: "k-中文-key", timestamp: "1700000000", nonce: "n")
            #expect(
                cipher.verify(
                    signature: signed.headers["X-Lark-Signature"] ?? "", timestamp: "1700000000", nonce: "n",
                    body: Array(body.utf8)))
            #expect(
                !cipher.verify(
                    signature: signed.headers["X-Lark-Signature"] ?? "", timestamp: "1700000001", nonce: "n",
                    body: Array(body.utf8)))
        }
        #expect(throws: FeishuCipherError.notBase64) { try cipher.decrypt("not base64!") }
        #expect(throws: FeishuCipherError.badLength(16)) { try cipher.decrypt(Data(count: 16).base64EncodedString()) }
        #expect(throws: FeishuCipherError.badLength(33)) { try cipher.decrypt(Data(count: 33).base64EncodedString()) }
        #expect(!cipher.verify(signature: "", timestamp: "1", nonce: "n", body: Array("{}".utf8)))
    }
}
