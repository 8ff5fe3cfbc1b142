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

    func addRoutes(to router: Router<ListenerRequestContext>, context: TransportContext) {
        let callback = self
        let ledger = SignedCallbackLedger()
        router.post(RouterPath(path)) { request, requestContext -> Response in
            try await callback.receive(request, client: requestContext.client, context: context, ledger: ledger)
        }
    }

    static func json(_ object: [String: String]) -> Response {
        let data = (try? JSONEncoder().encode(object)) ?? Data("{}".utf8)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    func receive(
        _ request: Request, client: String, context: TransportContext, ledger: SignedCallbackLedger
    ) async throws -> Response {
        guard let buffer = await HTTPServer.body(of: request, limit: HTTPServer.maxCallbackBody) else {
            context.refuse("Feishu event over the size limit refused", client: client)
            return Response(status: .contentTooLarge)
        }
        let body = Array(buffer.readableBytesView)
        let opened: Opened
        switch open(body, headers: request.headers) {
        case .success(let success): opened = success
        case .failure(let refusal):
            context.refuse("Feishu event refused", client: client, ["reason": "\(refusal.reason)"])
            return Response(status: refusal.status)
        }
        let event = opened.event
        guard let token = event.verificationToken,
            SHA256.hash(data: Data(token.utf8)) == SHA256.hash(data: Data(verificationToken.utf8))
        else {
            context.refuse("Feishu event with a wrong verification token refused", client: client)
            return Response(status: .forbidden)
        }
        if event.type == "url_verification" {
            context.logger.notice("Feishu request URL verified")
            return Self.json(["challenge": event.challenge ?? ""])
        }
        // A signed event is handled once, and only within five minutes of its timestamp on this machine's clock.
        if let signed = opened.signature {
            do {
                try await ledger.admit(signature: signed.signature, timestamp: signed.timestamp)
            } catch {
                context.refuse("Feishu event refused: stale or replayed", client: client, ["reason": "\(error)"])
                return Response(status: .forbidden)
            }
        }
        guard let eventID = event.header?.event_id, !eventID.isEmpty else { return Self.json([:]) }
        if event.header?.event_type == FeishuEvent.messageReceived {
            do {
                // A message the bot does not answer is still remembered, so its retries are skipped at once.
                try await context.dispatcher.handleOnce(
                    event.incoming(botOpenID: botOpenID), transport: FeishuTransport.name, deliveryID: eventID)
            } catch {
                // Not stored: Feishu's retry of this very request must get through.
                if let signed = opened.signature { await ledger.release(signature: signed.signature) }
                throw error
            }
            await context.health.polled(FeishuTransport.name, at: context.clock.now())
        }
        return Self.json([:])
    }

    /// An event and, when it came signed, its signature and timestamp.
    struct Opened {
        var event: FeishuEvent
        var signature: (signature: String, timestamp: String)?
    }

    /// The longest body opened without a signature: the URL check, the one unsigned request, is a few hundred bytes.
    static let maxUnsignedBody = 1024

    struct Refusal: Error {
        var status: HTTPResponse.Status
        var reason: String
    }

    /// The event in a body. With an Encrypt Key, a signed body's `X-Lark-Signature` is checked before anything is
    /// decrypted; an unsigned one is decrypted only when it is small enough to be the URL check, and must be one.
    func open(_ body: [UInt8], headers: HTTPFields) -> Result<Opened, Refusal> {
        struct Envelope: Decodable { var encrypt: String? }
        guard let cipher else {
            guard let event = try? JSONDecoder().decode(FeishuEvent.self, from: Data(body)) else {
                return .failure(Refusal(status: .badRequest, reason: "the event is not JSON"))
            }
            return .success(Opened(event: event))
        }
        let signature = HTTPField.Name("X-Lark-Signature").flatMap { headers[$0] }
        var signed: (signature: String, timestamp: String)?
        if let signature {
            let timestamp = HTTPField.Name("X-Lark-Request-Timestamp").flatMap { headers[$0] } ?? ""
            let nonce = HTTPField.Name("X-Lark-Request-Nonce").flatMap { headers[$0] } ?? ""
            guard cipher.verify(signature: signature, timestamp: timestamp, nonce: nonce, body: body) else {
                return .failure(Refusal(status: .forbidden, reason: "the X-Lark-Signature does not match"))
            }
            // Stale requests are refused before decrypting too; the ledger checks again and remembers the signature.
            guard SignedCallbackLedger.fresh(timestamp, now: Date()) != nil else {
                return .failure(Refusal(status: .forbidden, reason: SignedCallbackLedger.Refusal.stale.description))
            }
            signed = (signature, timestamp)
        } else if body.count > Self.maxUnsignedBody {
            return .failure(Refusal(status: .forbidden, reason: "an event without X-Lark-Signature"))
        }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(body)) else {
            return .failure(Refusal(status: .badRequest, reason: "the body is not JSON"))
        }
        guard let encrypted = envelope.encrypt else {
            return .failure(Refusal(status: .forbidden, reason: "a plaintext body, but an Encrypt Key is configured"))
        }
        let plaintext: Data
        do {
            plaintext = Data(try cipher.decrypt(encrypted).utf8)
        } catch {
            return .failure(Refusal(status: .badRequest, reason: error.description))
        }
        guard let event = try? JSONDecoder().decode(FeishuEvent.self, from: plaintext) else {
            return .failure(Refusal(status: .badRequest, reason: "the decrypted event is not JSON"))
        }
        // Only the URL check comes unsigned.
        guard signed != nil || event.type == "url_verification" else {
            return .failure(Refusal(status: .forbidden, reason: "an event without X-Lark-Signature"))
        }
        return .success(Opened(event: event, signature: signed))
    }
}
