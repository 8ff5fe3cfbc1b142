import CampaignCore
import CampaignIntents
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The bot's HTTP side: `GET /healthz`, and the Telegram webhook when it runs in webhook mode.
public enum HTTPServer {
    public struct Webhook: Sendable {
        public var path: String
        public var secret: String
        public init(path: String, secret: String) {
            self.path = path
            self.secret = secret
        }
    }

    static let secretHeader = HTTPField.Name("X-Telegram-Bot-Api-Secret-Token") ?? .authorization

    /// Largest update body accepted; real updates are a few kilobytes.
    public static let maxBody = 1 << 20

    public static func application(host: String, port: Int, bot: Bot, health: Health, webhook: Webhook?,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        let dispatcher = bot.dispatcher
        let store = bot.store
        router.get("/healthz") { _, _ -> Response in
            let state = await store.state
            let polls = await health.lastPoll
            var writer = JSONObjectWriter()
            writer.add("status", "ok")
            writer.add("store", "open")
            writer.add("store_sequence", Int(await store.lastSequence))
            writer.add("outbox", state.outbox.count)
            for (transport, date) in polls.sorted(by: { $0.key < $1.key }) {
                writer.add("last_poll_\(transport)", CampaignTime.format(date))
            }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: writer.finish() + "\n")))
        }
        if let webhook {
            let logger = bot.logger
            router.post(RouterPath(webhook.path)) { request, _ -> Response in
                // Constant-time check, before reading the body: nothing is stored for a wrong or missing secret.
                let given = request.headers[secretHeader] ?? ""
                guard constantTimeEqual(given, webhook.secret) else {
                    logger.warning("webhook request with a wrong or missing secret token refused")
                    return Response(status: .unauthorized)
                }
                var request = request
                let body: ByteBuffer
                do {
                    body = try await request.collectBody(upTo: maxBody)
                } catch {
                    return Response(status: .contentTooLarge)
                }
                guard let update = try? JSONDecoder().decode(TelegramObjects.Update.self, from: Data(buffer: body)) else {
                    return Response(status: .badRequest)
                }
                // 200 only after the durable commit: otherwise Telegram delivers the update again.
                try await dispatcher.handleOnce(TelegramTransport.incoming(update), transport: TelegramTransport.name,
                                                sequence: update.update_id)
                await health.polled(TelegramTransport.name, at: bot.clock.now())
                return Response(status: .ok)
            }
        }
        var logger = bot.logger
        logger.logLevel = max(logger.logLevel, .notice)
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "cxzy"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
                           logger: logger)
    }
}
