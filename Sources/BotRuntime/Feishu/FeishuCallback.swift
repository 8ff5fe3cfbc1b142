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
    let opener: FeishuEventOpener
    /// Compared as SHA-256 digests, whose equality is constant-time.
    let verificationToken: String
    let botOpenID: String

    init(path: String, encryptKey: String?, verificationToken: String, botOpenID: String) {
        self.path = path
        opener = FeishuEventOpener(cipher: encryptKey.map { FeishuCipher(encryptKey: $0) })
        self.verificationToken = verificationToken
        self.botOpenID = botOpenID
    }

    func addRoutes(to router: Router<ListenerRequestContext>, context: TransportContext) {
        let callback = self
        let ledger = SignedCallbackLedger(journal: .store(FeishuTransport.name + ".sign", of: context.dispatcher))
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
        let opened: FeishuEventOpener.Opened
        let header = { (name: String) in HTTPField.Name(name).flatMap { request.headers[$0] } }
        switch opener.open(
            body, signature: header("X-Lark-Signature"), timestamp: header("X-Lark-Request-Timestamp") ?? "",
            nonce: header("X-Lark-Request-Nonce") ?? "", now: Date())
        {
        case .success(let success): opened = success
        case .failure(let refusal):
            context.refuse("Feishu event refused", client: client, ["reason": "\(refusal.reason)"])
            return Response(status: refusal.status == .forbidden ? .forbidden : .badRequest)
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
        var use: SignedCallbackLedger.Use?
        if let signed = opened.signature {
            do {
                use = try await ledger.admit(signature: signed.signature, timestamp: signed.timestamp)
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
                    event.incoming(botOpenID: botOpenID), transport: FeishuTransport.name, deliveryID: eventID,
                    signature: use)
            } catch {
                // Not stored: Feishu's retry of this very request must get through.
                if let use { await ledger.release(use) }
                throw error
            }
            await context.health.polled(FeishuTransport.name, at: context.clock.now())
        }
        return Self.json([:])
    }
}
