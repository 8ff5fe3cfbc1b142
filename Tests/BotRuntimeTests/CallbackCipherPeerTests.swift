import BotRuntime
import Foundation
import TestSupport
import Testing

/// Cross-checks against wechatpy via Tests/WeCom/peer.py. Runs when a Python with wechatpy is found:
/// $CXZY_WECOM_PEER_PYTHON, else the repository's .venv (CI installs wechatpy there).
@Suite("Callback cipher against wechatpy")
struct CallbackCipherPeerTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let python =
        ProcessInfo.processInfo.environment["CXZY_WECOM_PEER_PYTHON"]
        ?? repo.appendingPathComponent(".venv/bin/python").path

    /// For a trait that cannot `try` (`.enabled(if: CallbackCipherPeerTests.available, …)`): true when wechatpy is
    /// there, and in strict mode true anyway, so the test runs and fails on the missing peer. Prefer
    /// `.enabled(if: try Prerequisite.available(PythonPeer.wechatpy), …)`, whose failure names what is missing.
    static var available: Bool { Prerequisite.allows(PythonPeer.wechatpy) }

    /// Runs the peer on one request and returns its `results`.
    static func peer(_ request: [String: Any]) async throws -> [[String: Any]] {
        try await PythonPeer.run(script: "Tests/WeCom/peer.py", request: request)
    }

    @Test(
        .enabled(
            if: try Prerequisite.available(PythonPeer.wechatpy),
            "needs a Python with wechatpy (CXZY_WECOM_PEER_PYTHON or .venv)"))
    func bothDirections() async throws {
        let vectors = try PlatformVectors.load()
        let w = vectors.wecom
        let cipher = try vectors.wecomCipher()
        let xml =
            "<xml><ToUserName><![CDATA[\(w.receiveId)]]></ToUserName><FromUserName><![CDATA[T001]]></FromUserName><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[打卡 第3周 ✅]]></Content><AgentID>1000002</AgentID></xml>"

        // Swift seals, wechatpy opens (and refuses a bad signature and another corp id).
        let sealed = cipher.encrypt(xml)
        let signature = cipher.signature(timestamp: "1700000001", nonce: "n1", encrypted: sealed)
        let foreign = try vectors.wecomCipher(receiveID: "wx0000000000000000").encrypt(xml)
        let foreignSignature = cipher.signature(timestamp: "1700000001", nonce: "n1", encrypted: foreign)
        let request: [String: Any] = [
            "token": w.token, "aes_key": w.encodingAesKey, "corp_id": w.receiveId,
            "cases": [
                [
                    "kind": "decrypt", "encrypt": sealed, "msg_signature": signature, "timestamp": "1700000001",
                    "nonce": "n1",
                ],
                [
                    "kind": "decrypt", "encrypt": sealed, "msg_signature": String(repeating: "0", count: 40),
                    "timestamp": "1700000001", "nonce": "n1",
                ],
                [
                    "kind": "decrypt", "encrypt": foreign, "msg_signature": foreignSignature, "timestamp": "1700000001",
                    "nonce": "n1",
                ],
                ["kind": "echo", "echostr_plain": "5927782489442352469", "timestamp": "1700000002", "nonce": "n2"],
                ["kind": "message", "xml": xml, "timestamp": "1700000003", "nonce": "n3", "agent_id": "1000002"],
            ],
        ]
        let results = try await Self.peer(request)
        try #require(results.count == 5)
        #expect(results[0]["ok"] as? Bool == true)
        #expect(results[0]["plaintext"] as? String == xml)
        #expect(results[1]["error"] as? String == "InvalidSignatureException")
        #expect(results[2]["error"] as? String == "InvalidCorpIdException")

        // wechatpy seals, Swift opens.
        let echostr = try #require(results[3]["echostr"] as? String)
        let echoSignature = try #require(results[3]["msg_signature"] as? String)
        #expect(
            try cipher.open(signature: echoSignature, timestamp: "1700000002", nonce: "n2", encrypted: echostr)
                == "5927782489442352469")
        let body = try #require(results[4]["body"] as? String)
        let outer = try WeComXML.fields(body)
        #expect(outer["ToUserName"] == w.receiveId)
        #expect(outer["AgentID"] == "1000002")
        let encrypt = try #require(outer["Encrypt"])
        #expect(encrypt == results[4]["encrypt"] as? String)
        let messageSignature = try #require(results[4]["msg_signature"] as? String)
        let opened = try cipher.open(
            signature: messageSignature, timestamp: "1700000003", nonce: "n3", encrypted: encrypt)
        #expect(opened == xml)
        #expect(try WeComXML.fields(opened)["Content"] == "打卡 第3周 ✅")
    }
}
