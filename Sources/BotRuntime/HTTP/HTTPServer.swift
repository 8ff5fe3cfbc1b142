import CampaignCore
import CampaignIntents
import Foundation
import HTTPTypes
import Hummingbird
package import ServiceLifecycle
import HummingbirdCore
import NIOCore
package import Prometheus
import Logging
import CampaignStorage

/// The bot's one HTTP server: `GET /healthz`, the routes of the platforms that receive by HTTP (webhooks,
/// callbacks), and the back office's pages when it is enabled (`WebOffice`). Routes match exactly (no doubled or trailing slash), slow clients are dropped (`ListenerLimits`), and
/// refusals are logged at most once per kind every ten seconds (`RefusalLog`).
package enum HTTPServer {
    /// Largest request body accepted by default (a webhook's updates); real updates are a few kilobytes.
    package static let maxBody = 1 << 20
    /// Largest body of a signed callback route: text events are a few kilobytes.
    package static let maxCallbackBody = 64 << 10

    /// A request's body, or nil when it is larger than `limit` (answer 413).
    static func body(of request: Request, limit: Int = maxBody) async -> ByteBuffer? {
        var request = request
        return try? await request.collectBody(upTo: limit)
    }

    /// Refused requests on the listener (one per process), logged at most once per kind every ten seconds.
    package static let refusals = RefusalLog()

    package static func application(
        host: String, port: Int, context: TransportContext, transports: [any ConnectedTransport],
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }, web: WebOffice? = nil,
        metrics: PrometheusCollectorRegistry? = BotMetrics.exporting, late: LateRoutes = LateRoutes()
    ) -> any Service {
        let router = Router(context: ListenerRequestContext.self)
        router.add(middleware: ExactPathMiddleware(context: context))
        let store = context.bot.store
        let health = context.health
        router.get("/healthz") { _, request -> Response in
            // A platform that cannot be reached makes the bot degraded (503), named so the operator knows which;
            // the answer holds platform names only, never an account or a secret.
            let degraded = await health.degraded.sorted()
            var body = "{\"status\":\"\(degraded.isEmpty ? "ok" : "degraded")\""
            if !degraded.isEmpty {
                body += ",\"degraded\":["
                for (index, platform) in degraded.enumerated() {
                    if index > 0 { body += "," }
                    JSONObjectWriter.quote(platform, into: &body)
                }
                body += "]"
            }
            // Activity figures only to this machine: from outside, the answer says the bot is up and no more.
            if request.isLoopback {
                var writer = JSONObjectWriter()
                let state = await store.state
                let polls = await health.lastPoll
                writer.add("store", "open")
                writer.add("store_sequence", Int(await store.lastSequence))
                writer.add("outbox", state.outbox.count)
                for (transport, date) in polls.sorted(by: { $0.key < $1.key }) {
                    writer.add("last_poll_\(transport)", CampaignTime.format(date))
                }
                // The writer's object without its braces, after the status.
                body += "," + writer.finish().dropFirst().dropLast()
            }
            body += "}"
            return Response(
                status: degraded.isEmpty ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: body + "\n")))
        }
        if let metrics {
            // Counts only, but of the bot's activity: to this machine only, as /healthz's figures.
            router.get("/metrics") { _, request -> Response in
                guard request.isLoopback else { return Response(status: .notFound) }
                // The figures read from the store (outbox, size) are taken as they are now, at the scrape.
                BotMetrics.observe(
                    state: await store.state, storeDirectory: store.directory, now: context.clock.now(),
                    platforms: await health.platforms.sorted(), degraded: await health.degraded)
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
            }
        }
        for transport in transports { transport.addRoutes(to: router, context: context) }
        if let web { WebRoutes(office: web, bot: context.bot, logger: context.logger).add(to: router) }
        var logger = context.logger
        logger.logLevel = max(logger.logLevel, .notice)
        var limits = ListenerLimits.current
        if limits.connections == nil {
            let descriptors = ListenerLimits.raiseDescriptorLimit(logger: context.logger) ?? 1024
            limits.connections = ListenerLimits.connections(forDescriptors: descriptors)
        }
        let connections = limits.connections ?? 64
        let guarded = limits
        let clients = ClientConnections()
        context.logger.notice(
            "HTTP listener limits",
            metadata: [
                "connections": "\(connections)", "per_client": "\(limits.perClient)", "head_timeout": "\(limits.head)",
                "body_timeout": "\(limits.body)",
                "idle_timeout": "\(limits.idle)",
            ])
        let application = Application(
            responder: ListenerResponder(main: router.buildResponder(), late: late),
            server: .http1(
                configuration: .init(additionalChannelHandlers: [ConnectionGuard(limits: guarded, clients: clients)])),
            configuration: .init(
                address: .hostname(host, port: port), serverName: "cxzy",
                availableConnectionsDelegate: MaximumAvailableConnections(connections, logger: logger)),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                context.logger.notice("HTTP listener listening", metadata: ["address": "\(host):\(bound)"])
                await onRunning(bound)
            },
            logger: logger)
        return Listener(application: application, address: "\(host):\(port)")
    }

    /// The application as a service whose failure to bind because the address is taken says which address, and
    /// which setting chooses it (`BotService.ListenAddressInUse`).
    struct Listener: Service {
        let application: any Service
        let address: String

        func run() async throws {
            do {
                try await application.run()
            } catch let error as IOError where error.errnoCode == EADDRINUSE {
                throw BotService.ListenAddressInUse(address: address)
            }
        }
    }
}

/// Routes match the request's path exactly: `//x//callback` or `/x/callback/` is not `/x/callback`
/// (Hummingbird's router skips empty path components).
struct ExactPathMiddleware: RouterMiddleware {
    typealias Context = ListenerRequestContext
    let context: TransportContext

    func handle(
        _ request: Request, context: ListenerRequestContext,
        next: (Request, ListenerRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let endpoint = context.endpointPath, request.uri.path == endpoint else {
            self.context.refuse("request for an inexact path refused", client: context.client)
            return Response(status: .notFound)
        }
        return try await next(request, context)
    }
}
