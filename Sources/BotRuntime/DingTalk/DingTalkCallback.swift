import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOFoundationCompat

/// HTTP mode: the robot's message callback (消息接收地址). DingTalk signs each request with the headers `timestamp`
/// (milliseconds) and `sign` = Base64(HMAC-SHA256(key: AppSecret, "timestamp\nAppSecret")); a wrong or missing
/// signature, a timestamp more than an hour away from this machine's clock, or a (timestamp, sign) pair accepted
/// before — also before a restart — is answered 403 and nothing is stored. The sign does not cover the body, so each
/// pair is accepted once (`SignedCallbackLedger`, remembered in the store with the request's effects). A message is
/// answered 200 only after its effects, its `msgId` and its pair are durable.
struct DingTalkCallback: Sendable {
    let path: String
    let secret: String
    let mention: String

    /// Where accepted (timestamp, sign) pairs are remembered in the store's dedupe memory.
    static let journalKey = DingTalkTransport.name + ".sign"

    func addRoutes(to router: Router<ListenerRequestContext>, context: TransportContext) {
        let callback = self
        let ledger = Self.ledger(context.dispatcher)
        router.post(RouterPath(path)) { request, requestContext -> Response in
            try await callback.receive(request, client: requestContext.client, context: context, ledger: ledger)
        }
    }

    /// The ledger of accepted pairs: DingTalk's hour, milliseconds, kept in `dispatcher`'s store.
    static func ledger(_ dispatcher: Dispatcher) -> SignedCallbackLedger {
        SignedCallbackLedger(
            window: DingTalkSignature.window, unitsPerSecond: 1000, journal: .store(journalKey, of: dispatcher))
    }

    func receive(
        _ request: Request, client: String, context: TransportContext, ledger: SignedCallbackLedger
    ) async throws -> Response {
        let timestamp = HTTPField.Name("timestamp").flatMap { request.headers[$0] } ?? ""
        let sign = HTTPField.Name("sign").flatMap { request.headers[$0] } ?? ""
        // This machine's clock, never the campaign's (which may be set to another day): the window is about when
        // DingTalk signed the request.
        guard let signed = DingTalkSignature.verify(timestamp: timestamp, sign: sign, secret: secret, now: Date())
        else {
            context.refuse("DingTalk callback with a wrong, missing or stale signature refused", client: client)
            return Response(status: .forbidden)
        }
        let use: SignedCallbackLedger.Use
        do {
            // The sign's bytes, not its text: the same pair percent-encoded or not is one pair.
            use = try await ledger.admit(
                signature: timestamp + "\n" + signed.sign.base64EncodedString(), timestamp: timestamp)
        } catch {
            context.refuse("DingTalk callback refused: its timestamp and sign were used before", client: client)
            return Response(status: .forbidden)
        }
        do {
            guard let body = await HTTPServer.body(of: request, limit: HTTPServer.maxCallbackBody) else {
                try await context.dispatcher.remember(use)
                context.refuse("DingTalk callback over the size limit refused", client: client)
                return Response(status: .contentTooLarge)
            }
            guard let message = try? JSONDecoder().decode(DingTalkRobotMessage.self, from: Data(buffer: body)) else {
                try await context.dispatcher.remember(use)
                context.refuse("unreadable DingTalk callback refused", client: client)
                return Response(status: .badRequest)
            }
            if let (incoming, deliveryID) = message.incoming(mention: mention) {
                try await context.dispatcher.handleOnce(
                    incoming, transport: DingTalkTransport.name, deliveryID: deliveryID, signature: use)
            } else {
                try await context.dispatcher.remember(use)
            }
        } catch {
            // Not stored: DingTalk's retry with the same headers must get through.
            await ledger.release(use)
            throw error
        }
        await context.health.polled(DingTalkTransport.name, at: context.clock.now())
        return Response(status: .ok)
    }
}
