import BotRuntime
import Foundation
import Testing

/// Decodes base64, changes the bytes, re-encodes (CBC lets a test steer plaintext bytes by flipping the block before).
private func tamper(_ base64: String, _ change: (inout [UInt8]) -> Void) throws -> String {
    var bytes = [UInt8](try #require(Data(base64Encoded: base64)))
    change(&bytes)
    return Data(bytes).base64EncodedString()
}

@Suite("Callback cipher (WXBizMsgCrypt)")
struct CallbackCipherTests {
    let vectors: PlatformVectors
    init() throws { vectors = try PlatformVectors.load() }

    @Test("WeCom URL verification vector: signature over echostr, decrypts to the plaintext")
    func wecomURLVerification() throws {
        let v = vectors.wecom.urlVerification
        let cipher = try vectors.wecomCipher()
        #expect(cipher.signature(timestamp: v.timestamp, nonce: v.nonce, encrypted: v.echostr) == v.msgSignature)
        #expect(cipher.verify(signature: v.msgSignature, timestamp: v.timestamp, nonce: v.nonce, encrypted: v.echostr))
        #expect(
            try cipher.open(signature: v.msgSignature, timestamp: v.timestamp, nonce: v.nonce, encrypted: v.echostr)
                == v.plaintext)
    }

    @Test("WeCom message vector: signature, exact XML plaintext, fields")
    func wecomMessage() throws {
        let v = vectors.wecom.message
        let cipher = try vectors.wecomCipher()
        #expect(cipher.signature(timestamp: v.timestamp, nonce: v.nonce, encrypted: v.encrypt) == v.msgSignature)
        let xml = try cipher.open(
            signature: v.msgSignature, timestamp: v.timestamp, nonce: v.nonce, encrypted: v.encrypt)
        #expect(xml == v.plaintext)
        let fields = try WeComXML.fields(xml)
        #expect(fields["ToUserName"] == vectors.wecom.receiveId)
        #expect(fields["FromUserName"] == "mycreate")
        #expect(fields["CreateTime"] == "1409659813")
        #expect(fields["MsgType"] == "text")
        #expect(fields["Content"] == "hello")
        #expect(fields["MsgId"] == "4561255354251345929")
        #expect(fields["AgentID"] == "218")
        #expect(fields["AgentID"] == v.agentId)
        #expect(fields.count == 7)

        // The outer body as POSTed: Encrypt comes back out of the envelope unchanged.
        let body = WeComXML.envelope(toUser: vectors.wecom.receiveId, agentID: v.agentId, encrypted: v.encrypt)
        let outer = try WeComXML.fields(body)
        #expect(outer == ["ToUserName": vectors.wecom.receiveId, "AgentID": v.agentId, "Encrypt": v.encrypt])
    }

    @Test("DingTalk HTTP callback vector: same algorithm, receive id is the DingTalk key")
    func dingTalk() throws {
        let v = vectors.dingtalkHttpCallback
        #expect(v.receiveId == "ding6ccabc44d2c8d38b")
        let cipher = try CallbackCipher(token: v.token, encodingAESKey: v.aesKey, receiveID: v.receiveId)
        #expect(cipher.signature(timestamp: v.timestamp, nonce: v.nonce, encrypted: v.encrypt) == v.signature)
        let plain = try cipher.open(
            signature: v.signature, timestamp: v.timestamp, nonce: v.nonce, encrypted: v.encrypt)
        #expect(plain == #"{"EventType":"check_url"}"#)
        #expect(plain == v.plaintext)
    }

    @Test("encrypt then decrypt returns the message, for every padding length")
    func roundTrip() throws {
        let cipher = try vectors.wecomCipher()
        for length in 0...80 {
            let message = String(repeating: "a", count: length)
            #expect(try cipher.decrypt(cipher.encrypt(message)) == message)
        }
        let chinese = "<xml><Content><![CDATA[打卡 第3周 ✅ 🎉]]></Content></xml>"
        let sealed = cipher.encrypt(chinese)
        let signature = cipher.signature(timestamp: "1700000000", nonce: "abc", encrypted: sealed)
        #expect(
            try cipher.open(signature: signature, timestamp: "1700000000", nonce: "abc", encrypted: sealed) == chinese)
        // A fixed random prefix makes the output deterministic; the default one does not repeat.
        let fixed = [UInt8](repeating: 7, count: 16)
        #expect(cipher.encrypt("x", random: fixed) == cipher.encrypt("x", random: fixed))
        #expect(cipher.encrypt("x") != cipher.encrypt("x"))
    }

    @Test("a tampered or malformed signature is refused")
    func badSignature() throws {
        let v = vectors.wecom.message
        let cipher = try vectors.wecomCipher()
        var flipped = Array(v.msgSignature)
        flipped[10] = flipped[10] == "0" ? "1" : "0"
        for signature in [
            String(flipped), String(v.msgSignature.dropLast()), v.msgSignature + "0", v.msgSignature.uppercased(), "",
        ] {
            #expect(!cipher.verify(signature: signature, timestamp: v.timestamp, nonce: v.nonce, encrypted: v.encrypt))
            #expect(throws: CallbackCipherError.badSignature) {
                try cipher.open(signature: signature, timestamp: v.timestamp, nonce: v.nonce, encrypted: v.encrypt)
            }
        }
        // The signature also covers the timestamp, the nonce and the token.
        #expect(
            !cipher.verify(
                signature: v.msgSignature, timestamp: v.timestamp + "1", nonce: v.nonce, encrypted: v.encrypt))
        #expect(
            !cipher.verify(
                signature: v.msgSignature, timestamp: v.timestamp, nonce: v.nonce + "1", encrypted: v.encrypt))
        let otherToken = try CallbackCipher(
            token: "other", encodingAESKey: vectors.wecom.encodingAesKey, receiveID: vectors.wecom.receiveId)
        #expect(
            !otherToken.verify(signature: v.msgSignature, timestamp: v.timestamp, nonce: v.nonce, encrypted: v.encrypt))
    }

    @Test("a payload for another receive id is refused")
    func wrongReceiveID() throws {
        let v = vectors.wecom.message
        let other = try vectors.wecomCipher(receiveID: "wx0000000000000000")
        #expect(throws: CallbackCipherError.wrongReceiveID) {
            try other.open(signature: v.msgSignature, timestamp: v.timestamp, nonce: v.nonce, encrypted: v.encrypt)
        }
        let prefix = try vectors.wecomCipher(receiveID: "wx5823bf96d3bd56c")
        #expect(throws: CallbackCipherError.wrongReceiveID) { try prefix.decrypt(v.encrypt) }
        let d = vectors.dingtalkHttpCallback
        let ding = try CallbackCipher(token: d.token, encodingAESKey: d.aesKey, receiveID: "ding0000000000000000")
        #expect(throws: CallbackCipherError.wrongReceiveID) { try ding.decrypt(d.encrypt) }
    }

    @Test("truncated or non-block ciphertext is refused")
    func truncated() throws {
        let cipher = try vectors.wecomCipher()
        let encrypt = vectors.wecom.message.encrypt
        #expect(throws: CallbackCipherError.self) { try cipher.decrypt(tamper(encrypt) { $0.removeLast(16) }) }
        #expect(throws: CallbackCipherError.self) { try cipher.decrypt(tamper(encrypt) { $0.removeLast(32) }) }
        #expect(throws: CallbackCipherError.badCiphertextLength(15)) {
            try cipher.decrypt(tamper(encrypt) { $0 = Array($0.prefix(15)) })
        }
        #expect(throws: CallbackCipherError.badCiphertextLength(0)) { try cipher.decrypt("") }
        #expect(throws: CallbackCipherError.notBase64) { try cipher.decrypt("not base64!") }
        #expect(throws: CallbackCipherError.notBase64) { try cipher.decrypt(String(encrypt.dropLast())) }
    }

    @Test("padding bytes 0 or 33, or unequal padding bytes, are refused")
    func badPadding() throws {
        let cipher = try vectors.wecomCipher()
        let message = "hello"
        let sealed = cipher.encrypt(message, random: Array(0..<16))
        let pad = UInt8(32 - (20 + message.utf8.count + vectors.wecom.receiveId.utf8.count) % 32)
        #expect(try cipher.decrypt(sealed) == message)
        // Flipping byte i of the next-to-last block flips byte i of the last plaintext block.
        for bad: UInt8 in [0, 33, 255] {
            let repadded = try tamper(sealed) { $0[$0.count - 17] ^= pad ^ bad }
            #expect(throws: CallbackCipherError.badPadding) { try cipher.decrypt(repadded) }
        }
        let uneven = try tamper(sealed) { $0[$0.count - 18] ^= 1 }
        #expect(throws: CallbackCipherError.badPadding) { try cipher.decrypt(uneven) }
    }

    @Test("a bad length field or non-UTF-8 message is refused")
    func badLength() throws {
        let cipher = try vectors.wecomCipher()
        let sealed = cipher.encrypt("hello", random: Array(0..<16))
        // Block 0 of the ciphertext steers plaintext bytes 16..<32: the length (16..<20) and the message start.
        let huge = try tamper(sealed) { $0[0] ^= 1 }
        #expect(throws: CallbackCipherError.badMessageLength(declared: 0x0100_0005, available: 5 + 18)) {
            try cipher.decrypt(huge)
        }
        let shorter = try tamper(sealed) { $0[3] ^= 5 ^ 4 }
        #expect(throws: CallbackCipherError.wrongReceiveID) { try cipher.decrypt(shorter) }
        let notUTF8 = try tamper(sealed) { $0[4] ^= UInt8(ascii: "h") ^ 0xFF }
        #expect(throws: CallbackCipherError.notUTF8) { try cipher.decrypt(notUTF8) }

        // Plaintext of 20 bytes + 12 padding bytes; rewrite bytes 19..<32 (length low byte 0, then 12 × 12)
        // to 13 × 13: valid padding leaving 19 bytes, too short for the random prefix and the length.
        let empty = try CallbackCipher(token: "t", encodingAESKey: vectors.wecom.encodingAesKey, receiveID: "")
        let short = empty.encrypt("", random: Array(0..<16))
        #expect(try empty.decrypt(short) == "")
        let tooShort = try tamper(short) { bytes in
            bytes[3] ^= 0 ^ 13
            for index in 4..<16 { bytes[index] ^= 12 ^ 13 }
        }
        #expect(throws: CallbackCipherError.truncated) { try empty.decrypt(tooShort) }
    }

    @Test("an EncodingAESKey that is not 43 base64 characters for 32 bytes is refused")
    func badKey() {
        let key = vectors.wecom.encodingAesKey
        for bad in [
            "", String(key.dropLast()), key + "A", String(key.dropLast()) + "!", String(repeating: "=", count: 43),
        ] {
            #expect(throws: CallbackCipherError.badAESKey(length: bad.count)) {
                try CallbackCipher(token: "t", encodingAESKey: bad, receiveID: "r")
            }
        }
        #expect(!CallbackCipherError.badAESKey(length: 42).description.contains(key))
    }

    @Test("callback XML: entities, CDATA, nesting, and refusals")
    func xml() throws {
        let fields = try WeComXML.fields(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <xml><Content><![CDATA[a]]]]><![CDATA[>b]]>&amp;&lt;中</Content><Event>scancode_push</Event>
            <ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>
            <Empty></Empty><Self/></xml>
            """)
        #expect(fields["Content"] == "a]]>b&<中")
        #expect(fields["Event"] == "scancode_push")
        #expect(fields["ScanType"] == "qrcode")
        #expect(fields["ScanResult"] == "1")
        #expect(fields["Empty"] == "")
        #expect(fields["Self"] == "")

        let tricky = WeComXML.envelope(toUser: "a]]>b", agentID: "1000002", encrypted: "x<y&z")
        #expect(try WeComXML.fields(tricky) == ["ToUserName": "a]]>b", "AgentID": "1000002", "Encrypt": "x<y&z"])

        for malformed in [
            "<xml><A>1</A>", "<xml><A>1</B></xml>", "<xml><A>1</A></xml><xml/>", "<xml><A>&undefined;</A></xml>",
        ] {
            #expect(throws: WeComXMLError.self) { try WeComXML.fields(malformed) }
        }
        let doctype = """
            <?xml version="1.0"?><!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><A>&e;</A></xml>
            """
        for refused in ["", "hello", "<other><A>1</A></other>", "<xmlx/>", "<!-- c --><xml/>", doctype] {
            #expect(throws: WeComXMLError.notCallbackXML) { try WeComXML.fields(refused) }
        }
        #expect(throws: WeComXMLError.duplicateField("Encrypt")) {
            try WeComXML.fields("<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>")
        }
    }
}
