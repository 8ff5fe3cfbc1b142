import BotRuntime
import Testing

/// The flat scan of WeCom's outer body: exactly one `Encrypt`, base64, in CDATA or bare, inside `<xml>…</xml>`.
@Suite("WeCom's outer body is read by a flat scan")
struct WeComEnvelopeTests {
    static func scan(_ text: String) -> String? { WeComEnvelope.encrypt(Array(text.utf8)) }

    @Test("the envelopes WeCom and wechatpy send are read")
    func accepted() {
        #expect(Self.scan(WeComXML.envelope(toUser: "ww1", agentID: "1000002", encrypted: "QUJD+/==")) == "QUJD+/==")
        #expect(Self.scan("<xml><Encrypt>QUJDRA==</Encrypt></xml>") == "QUJDRA==")
        #expect(
            Self.scan("\n <xml>\n<ToUserName>x</ToUserName>\n<Encrypt><![CDATA[abc]]></Encrypt>\n</xml>\r\n") == "abc")
    }

    @Test("anything else is refused: no root, two Encrypts, an empty or non-base64 value, an attribute bomb")
    func refused() {
        let bodies = [
            "", "<xml></xml>", "<Encrypt>QUJD</Encrypt>", "<xml><Encrypt>QUJD</Encrypt>",
            "<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>", "<xml><Encrypt>a</Encrypt></Encrypt></xml>",
            "<xml><Encrypt></Encrypt></xml>", "<xml><Encrypt><![CDATA[]]></Encrypt></xml>",
            "<xml><Encrypt><![CDATA[abc]]]]><![CDATA[>]]></Encrypt></xml>", "<xml><Encrypt>a<b</Encrypt></xml>",
            "<xml><Encrypt attr='1'>QUJD</Encrypt></xml>", "<xml><Encrypt><![CDATA[QUJD</Encrypt></xml>",
            "<xml><E " + (0..<6_000).map { "a\($0)=''" }.joined(separator: " ") + "/></xml>",
            "<xml><Encrypt>" + String(repeating: "A", count: WeComEnvelope.maxEncrypt + 4) + "</Encrypt></xml>",
        ]
        for body in bodies { #expect(Self.scan(body) == nil, "\(body.prefix(60))") }
    }
}
