import CampaignCore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOFoundationCompat

/// HTTP mode: the robot's message callback (消息接收地址). DingTalk signs each request with the headers `timestamp`
/// (milliseconds) and `sign` = Base64(HMAC-SHA256(key: AppSecret, "timestamp\nAppSecret")); a wrong or missing
/// signature, or a timestamp more than an hour away, is answered 403 and nothing is stored. A message is answered 200
/// only after its effects and its `msgId` are durable.
struct DingTalkCallback: Sendable {
    let path: String
    let secret: String
    let mention: String

    /// How far a request's timestamp may be from this machine's clock.
    static let window: TimeInterval = 3600

    func addRoutes(to router: Router<BasicRequestContext>, context: TransportContext) {
        let callback = self
        router.post(RouterPath(path)) { request, _ -> Response in
            try await callback.receive(request, context: context)
        }
    }

    func receive(_ request: Request, context: TransportContext) async throws -> Response {
        let timestamp = HTTPField.Name("timestamp").flatMap { request.headers[$0] } ?? ""
        let sign = HTTPField.Name("sign").flatMap { request.headers[$0] } ?? ""
        guard Self.verify(timestamp: timestamp, sign: sign, secret: secret, now: Date()) else {
            context.logger.warning("DingTalk callback with a wrong or missing signature refused")
            return Response(status: .forbidden)
        }
        guard let body = await HTTPServer.body(of: request) else { return Response(status: .contentTooLarge) }
        guard let message = try? JSONDecoder().decode(DingTalkRobotMessage.self, from: Data(buffer: body)) else {
            context.logger.warning("unreadable DingTalk callback refused")
            return Response(status: .badRequest)
        }
        if let (incoming, deliveryID) = message.incoming(mention: mention) {
            try await context.dispatcher.handleOnce(incoming, transport: DingTalkTransport.name, deliveryID: deliveryID)
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

    /// Whether `sign` is right for `timestamp`, compared in constant time, and the timestamp within the window.
    static func verify(timestamp: String, sign: String, secret: String, now: Date) -> Bool {
        guard let milliseconds = Double(timestamp),
            abs(now.timeIntervalSince1970 - milliseconds / 1000) <= window,
            let given = Data(base64Encoded: sign.removingPercentEncoding ?? sign)
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(
            given, authenticating: Data("\(timestamp)\n\(secret)".utf8),
            using: SymmetricKey(data: Data(secret.utf8)))
    }
}
