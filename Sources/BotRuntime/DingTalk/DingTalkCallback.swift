import CampaignCore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOFoundationCompat

/// HTTP mode: the robot's message callback (消息接收地址). DingTalk signs each request with the headers `timestamp`
/// (milliseconds) and `sign` = Base64(HMAC-SHA256(key: AppSecret, "timestamp\nAppSecret")); a wrong or missing
/// signature, a timestamp more than an hour away from this machine's clock, or a (timestamp, sign) pair accepted
/// before is answered 403 and nothing is stored. The sign does not cover the body, so each pair is accepted once
/// (`DingTalkSignatureLedger`). A message is answered 200 only after its effects and its `msgId` are durable.
struct DingTalkCallback: Sendable {
    let path: String
    let secret: String
    let mention: String

    /// How far a request's timestamp may be from this machine's clock.
    static let window: TimeInterval = 3600

    func addRoutes(to router: Router<ListenerRequestContext>, context: TransportContext) {
        let callback = self
        let ledger = DingTalkSignatureLedger(window: Self.window)
        router.post(RouterPath(path)) { request, requestContext -> Response in
            try await callback.receive(request, client: requestContext.client, context: context, ledger: ledger)
        }
    }

    func receive(
        _ request: Request, client: String, context: TransportContext, ledger: DingTalkSignatureLedger
    ) async throws -> Response {
        let timestamp = HTTPField.Name("timestamp").flatMap { request.headers[$0] } ?? ""
        let sign = HTTPField.Name("sign").flatMap { request.headers[$0] } ?? ""
        // This machine's clock, never the campaign's (which may be set to another day): the window is about when
        // DingTalk signed the request.
        guard let signed = Self.verify(timestamp: timestamp, sign: sign, secret: secret, now: Date()) else {
            context.refuse("DingTalk callback with a wrong, missing or stale signature refused", client: client)
            return Response(status: .forbidden)
        }
        do {
            try await ledger.admit(timestamp: timestamp, sign: signed.sign, seconds: signed.seconds, now: Date())
        } catch {
            context.refuse("DingTalk callback refused: its timestamp and sign were used before", client: client)
            return Response(status: .forbidden)
        }
        guard let body = await HTTPServer.body(of: request, limit: HTTPServer.maxCallbackBody) else {
            context.refuse("DingTalk callback over the size limit refused", client: client)
            return Response(status: .contentTooLarge)
        }
        guard let message = try? JSONDecoder().decode(DingTalkRobotMessage.self, from: Data(buffer: body)) else {
            context.refuse("unreadable DingTalk callback refused", client: client)
            return Response(status: .badRequest)
        }
        if let (incoming, deliveryID) = message.incoming(mention: mention) {
            do {
                try await context.dispatcher.handleOnce(
                    incoming, transport: DingTalkTransport.name, deliveryID: deliveryID)
            } catch {
                // Not stored: DingTalk's retry with the same headers must get through.
                await ledger.release(timestamp: timestamp, sign: signed.sign)
                throw error
            }
        }
        await context.health.polled(DingTalkTransport.name, at: context.clock.now())
        return Response(status: .ok)
    }

    /// The `sign` DingTalk sends with `timestamp`.
    static func signature(timestamp: String, secret: String) -> String {
        Data(
            HMAC<SHA256>.authenticationCode(
                for: Data("\(timestamp)\n\(secret)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        )
        .base64EncodedString()
    }

    /// A request's signature once checked: its timestamp in seconds and the sign's bytes.
    struct Signed: Sendable {
        var seconds: Double
        var sign: Data
    }

    /// The checked signature when `sign` is right for `timestamp` (compared in constant time) and the timestamp is
    /// within the window of `now`; nil otherwise.
    static func verify(timestamp: String, sign: String, secret: String, now: Date) -> Signed? {
        guard let milliseconds = Double(timestamp),
            abs(now.timeIntervalSince1970 - milliseconds / 1000) <= window,
            let given = Data(base64Encoded: sign.removingPercentEncoding ?? sign),
            HMAC<SHA256>.isValidAuthenticationCode(
                given, authenticating: Data("\(timestamp)\n\(secret)".utf8),
                using: SymmetricKey(data: Data(secret.utf8)))
        else { return nil }
        return Signed(seconds: milliseconds / 1000, sign: given)
    }
}
