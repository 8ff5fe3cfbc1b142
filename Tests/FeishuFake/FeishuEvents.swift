import Crypto
import _CryptoExtras
import Foundation

/// Event callbacks as Feishu posts them, built here with the documented algorithm (not with the bot's code): the v2
/// `im.message.receive_v1` event, encrypted with AES-256-CBC (key SHA-256 of the Encrypt Key, a random IV before the
/// ciphertext, PKCS#7) and signed with `X-Lark-Signature` = hex SHA-256(timestamp + nonce + Encrypt Key + body).
package enum FeishuEvents {
    package struct Callback: Sendable {
        package var body: String
        package var headers: [String: String]
        package init(body: String, headers: [String: String]) {
            self.body = body
            self.headers = headers
        }
    }

    /// The plaintext of a text message event from `user` (an open_id), in their private chat or (with `chat`) a group,
    /// @-ing the bot (`mention`) or not.
    package static func message(
        eventID: String, token: String, from user: String, text: String, messageID: String,
        chat: String? = nil, mention: String? = nil, appID: String = "cli_cxzytestapp"
    ) -> String {
        var message: [String: Any] = [
            "message_id": messageID, "chat_id": chat ?? "oc_p2p\(user.dropFirst(3))",
            "chat_type": chat == nil ? "p2p" : "group",
            "message_type": "text", "create_time": "1286800000000",
            "content": String(
                decoding: (try? JSONSerialization.data(withJSONObject: [
                    "text": (mention == nil ? "" : "@_user_1 ") + text
                ])) ?? Data(), as: UTF8.self),
        ]
        if let mention {
            message["mentions"] = [
                [
                    "key": "@_user_1", "id": ["open_id": mention, "union_id": "on_bot", "user_id": ""],
                    "name": "创先争优助手", "tenant_key": "tk",
                ]
            ]
        }
        let object: [String: Any] = [
            "schema": "2.0",
            "header": [
                "event_id": eventID, "token": token, "create_time": "1286800000000",
                "event_type": "im.message.receive_v1",
                "tenant_key": "tk", "app_id": appID,
            ],
            "event": [
                "sender": [
                    "sender_id": ["open_id": user, "union_id": "on_\(user.dropFirst(3))", "user_id": ""],
                    "sender_type": "user", "tenant_key": "tk",
                ],
                "message": message,
            ],
        ]
        return String(
            decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(),
            as: UTF8.self)
    }

    package static func urlVerification(challenge: String, token: String) -> String {
        #"{"challenge":"\#(challenge)","token":"\#(token)","type":"url_verification"}"#
    }

    /// `{"encrypt": …}` for `plaintext`.
    package static func encrypted(_ plaintext: String, encryptKey: String) -> String {
        let key = SymmetricKey(data: SHA256.hash(data: Data(encryptKey.utf8)))
        let iv = (0..<16).map { _ in UInt8.random(in: 0...255) }
        guard let cbcIV = try? AES._CBC.IV(ivBytes: iv),
            let sealed = try? AES._CBC.encrypt(Data(plaintext.utf8), using: key, iv: cbcIV)
        else {
            return "{}"
        }
        return #"{"encrypt":"\#((Data(iv) + sealed).base64EncodedString())"}"#
    }

    /// The signature headers of a body.
    package static func signed(
        _ body: String, encryptKey: String, timestamp: String = String(Int(Date().timeIntervalSince1970)),
        nonce: String = UUID().uuidString
    ) -> Callback {
        let digest = SHA256.hash(data: Data((timestamp + nonce + encryptKey + body).utf8))
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        return Callback(
            body: body,
            headers: ["X-Lark-Request-Timestamp": timestamp, "X-Lark-Request-Nonce": nonce, "X-Lark-Signature": hex])
    }
}
