import Foundation

/// One frame of DingTalk's Stream protocol, as the gateway sends it:
/// `{"specVersion", "type": "SYSTEM" | "CALLBACK" | "EVENT", "headers": {"topic", "messageId", "contentType", …},
/// "data": "<JSON text>"}`.
struct DingTalkStreamFrame: Decodable, Sendable {
    struct Headers: Decodable, Sendable {
        var topic: String?
        var messageId: String?
        var contentType: String?
    }

    var specVersion: String?
    var type: String
    var headers: Headers
    var data: String?

    /// The acknowledgement of this frame: code 200 with the frame's `messageId`; `data` is a JSON text (a ping's
    /// `opaque` is echoed back in it).
    func ack(data: String) -> String {
        struct Ack: Encodable {
            struct Headers: Encodable {
                var contentType = "application/json"
                var messageId: String
            }
            var code = 200
            var headers: Headers
            var message = "OK"
            var data: String
        }
        let ack = Ack(headers: .init(messageId: headers.messageId ?? ""), data: data)
        return (try? JSONEncoder().encode(ack)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
