import CampaignCore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The app's event request URL (事件订阅 → 请求地址), event subscription v2. With an Encrypt Key, every body is
/// `{"encrypt": …}`: a signed request's `X-Lark-Signature` is checked first (wrong → 403, nothing decrypted or
/// stored), and a plaintext body is refused. The verification token is checked on every event (wrong → 403). The URL
/// check is answered with its challenge; `im.message.receive_v1` goes to the dispatcher, exactly once by `event_id`
/// (Feishu retries an event that was not answered in time), and is answered 200 only after the durable commit.
struct FeishuCallback: Sendable {
    let path: String
    let cipher: FeishuCipher?
    /// Compared as SHA-256 digests, whose equality is constant-time.
    let verificationToken: String
    let botOpenID: String

    init(path: String, encryptKey: String?, verificationToken: String, botOpenID: String) {
        self.path = path
        cipher = encryptKey.map { FeishuCipher(encryptKey: $0) }
        self.verificationToken = verificationToken
        self.botOpenID = botOpenID
    }

    func addRoutes(to router: Router<BasicRequestContext>, context: TransportContext) {
        let callback = self
        router.post(RouterPath(path)) { request, _ -> Response in
            try await callback.receive(request, context: context)
        }
    }

    static func json(_ object: [String: String]) -> Response {
        let data = (try? JSONEncoder().encode(object)) ?? Data("{}".utf8)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    func receive(_ request: Request, context: TransportContext) async throws -> Response {
        guard let buffer = await HTTPServer.body(of: request) else { return Response(status: .contentTooLarge) }
        let body = Array(buffer.readableBytesView)
        let event: FeishuEvent
        switch open(body, headers: request.headers) {
        case .success(let opened): event = opened
        case .failure(let refusal):
            context.logger.warning("Feishu event refused", metadata: ["reason": "\(refusal.reason)"])
            return Response(status: refusal.status)
        }
        guard let token = event.verificationToken,
            SHA256.hash(data: Data(token.utf8)) == SHA256.hash(data: Data(verificationToken.utf8))
        else {
            context.logger.warning("Feishu event with a wrong verification token refused")
            return Response(status: .forbidden)
        }
        if event.type == "url_verification" {
            context.logger.notice("Feishu request URL verified")
            return Self.json(["challenge": event.challenge ?? ""])
        }
        guard let eventID = event.header?.event_id, !eventID.isEmpty else { return Self.json([:]) }
        if event.header?.event_type == FeishuEvent.messageReceived {
            // A message the bot does not answer is still remembered, so its retries are skipped at once.
            try await context.dispatcher.handleOnce(
                event.incoming(botOpenID: botOpenID), transport: FeishuTransport.name,
                deliveryID: eventID)
            await context.health.polled(FeishuTransport.name, at: context.clock.now())
        }
        return Self.json([:])
    }

    struct Refusal: Error {
        var status: HTTPResponse.Status
        var reason: String
    }

    /// The event in a body: signature checked and decrypted when there is an Encrypt Key.
    func open(_ body: [UInt8], headers: HTTPFields) -> Result<FeishuEvent, Refusal> {
        struct Envelope: Decodable { var encrypt: String? }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(body)) else {
            return .failure(Refusal(status: .badRequest, reason: "the body is not JSON"))
        }
        var plaintext = Data(body)
        if let cipher {
            guard let encrypted = envelope.encrypt else {
                return .failure(
                    Refusal(status: .forbidden, reason: "a plaintext body, but an Encrypt Key is configured"))
            }
            let signature = HTTPField.Name("X-Lark-Signature").flatMap { headers[$0] }
            if let signature {
                let timestamp = HTTPField.Name("X-Lark-Request-Timestamp").flatMap { headers[$0] } ?? ""
                let nonce = HTTPField.Name("X-Lark-Request-Nonce").flatMap { headers[$0] } ?? ""
                guard cipher.verify(signature: signature, timestamp: timestamp, nonce: nonce, body: body) else {
                    return .failure(Refusal(status: .forbidden, reason: "the X-Lark-Signature does not match"))
                }
            }
            do {
                plaintext = Data(try cipher.decrypt(encrypted).utf8)
            } catch {
                return .failure(Refusal(status: .badRequest, reason: error.description))
            }
            guard let event = try? JSONDecoder().decode(FeishuEvent.self, from: plaintext) else {
                return .failure(Refusal(status: .badRequest, reason: "the decrypted event is not JSON"))
            }
            // Only the URL check comes unsigned.
            guard signature != nil || event.type == "url_verification" else {
                return .failure(Refusal(status: .forbidden, reason: "an event without X-Lark-Signature"))
            }
            return .success(event)
        }
        guard let event = try? JSONDecoder().decode(FeishuEvent.self, from: plaintext) else {
            return .failure(Refusal(status: .badRequest, reason: "the event is not JSON"))
        }
        return .success(event)
    }
}
