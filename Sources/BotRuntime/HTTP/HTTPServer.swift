import CampaignCore
import CampaignIntents
import Foundation
import HTTPTypes
package import Hummingbird
import Logging
import CampaignStorage

/// The bot's one HTTP server: `GET /healthz`, and the routes of the platforms that receive by HTTP (webhooks,
/// callbacks).
package enum HTTPServer {
    /// Largest request body accepted; real updates and callbacks are a few kilobytes.
    package static let maxBody = 1 << 20

    /// A request's body, or nil when it is larger than `maxBody` (answer 413).
    static func body(of request: Request) async -> ByteBuffer? {
        var request = request
        return try? await request.collectBody(upTo: maxBody)
    }

    package static func application(
        host: String, port: Int, context: TransportContext, transports: [any ConnectedTransport],
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        let store = context.bot.store
        let health = context.health
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
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: writer.finish() + "\n")))
        }
        for transport in transports { transport.addRoutes(to: router, context: context) }
        var logger = context.logger
        logger.logLevel = max(logger.logLevel, .notice)
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "cxzy"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
