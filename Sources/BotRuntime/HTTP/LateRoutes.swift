import Hummingbird
import Synchronization

/// The routes (webhooks, callbacks) of platforms that connected after the HTTP listener started: a platform that
/// could not be reached at start adds its routes here once it is connected. Until then its paths answer 404, as
/// any unknown path does, and the platform sends its callbacks again later.
package final class LateRoutes: Sendable {
    private let responders = Mutex<[RouterResponder<ListenerRequestContext>]>([])

    package init() {}

    /// Adds `transport`'s routes, matched exactly, before the listener's own.
    package func add(_ transport: any ConnectedTransport, context: TransportContext) {
        let router = Router(context: ListenerRequestContext.self)
        router.add(middleware: Unmatched.Middleware())
        transport.addRoutes(to: router, context: context)
        let responder = router.buildResponder()
        responders.withLock { $0.append(responder) }
    }

    var current: [RouterResponder<ListenerRequestContext>] { responders.withLock { $0 } }

    /// A request none of a late router's routes matches exactly: the next router is asked.
    struct Unmatched: Error {
        struct Middleware: RouterMiddleware {
            typealias Context = ListenerRequestContext

            func handle(
                _ request: Request, context: ListenerRequestContext,
                next: (Request, ListenerRequestContext) async throws -> Response
            ) async throws -> Response {
                guard let endpoint = context.endpointPath, request.uri.path == endpoint else { throw Unmatched() }
                return try await next(request, context)
            }
        }
    }
}

/// The listener's responder: the late platforms' routes first, then the listener's own router (which answers 404,
/// and logs the refusal, for a path nobody serves).
struct ListenerResponder: HTTPResponder {
    typealias Context = ListenerRequestContext
    let main: RouterResponder<ListenerRequestContext>
    let late: LateRoutes

    func respond(to request: Request, context: ListenerRequestContext) async throws -> Response {
        for responder in late.current {
            do {
                return try await responder.respond(to: request, context: context)
            } catch is LateRoutes.Unmatched {
                continue
            }
        }
        return try await main.respond(to: request, context: context)
    }
}
