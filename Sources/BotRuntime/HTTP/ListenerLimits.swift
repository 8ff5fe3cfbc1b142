import Foundation
import HTTPTypes
package import Logging
import NIOCore
import NIOHTTPTypes
import Synchronization
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How long the listener waits for a client, and how many it serves at once. A client that sends nothing, a partial
/// request head, or a body that never ends is dropped; so is any connection after an error answer, so a refused
/// request's unread body cannot hold it open.
package struct ListenerLimits: Sendable {
    /// From the connection's start (or the first byte after an answer) to the end of the request head.
    package var head: Duration = .seconds(10)
    /// From the request head to the end of its body.
    package var body: Duration = .seconds(30)
    /// Between requests on a kept-alive connection.
    package var idle: Duration = .seconds(60)
    /// Connections served at once; nil: from the file-descriptor limit at start (`ListenerLimits.connections`).
    package var connections: Int?
    /// Connections one client address may hold at once (a platform's servers open a few; loopback, where a reverse
    /// proxy would connect from, is exempt unless `limitLoopback`).
    package var perClient = 64
    package var limitLoopback = false

    package init(
        head: Duration = .seconds(10), body: Duration = .seconds(30), idle: Duration = .seconds(60),
        connections: Int? = nil
    ) {
        self.head = head
        self.body = body
        self.idle = idle
        self.connections = connections
    }

    /// The limits the next listener is built with; tests bind shorter ones around `BotService.prepare`.
    @TaskLocal package static var current = ListenerLimits()

    /// Connections for a soft file-descriptor limit: a quarter of the descriptors are left for the store, the
    /// platforms' clients and the log, between 64 and 16,384.
    package static func connections(forDescriptors limit: Int) -> Int {
        min(16_384, max(64, limit - max(256, limit / 4)))
    }

    /// Raises the soft limit on open files to the hard limit and returns the soft limit in force (nil when it cannot
    /// be read). The bot's default of 1,024 is what 1,100 idle connections exhausted.
    package static func raiseDescriptorLimit(logger: Logger) -> Int? {
        var limit = rlimit()
        #if canImport(Glibc)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return nil }
        let before = limit.rlim_cur
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            #if canImport(Darwin)
                // macOS refuses more than OPEN_MAX for the soft limit.
                raised.rlim_cur = min(raised.rlim_cur, rlim_t(OPEN_MAX))
            #endif
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        let soft = Int(clamping: limit.rlim_cur)
        logger.notice(
            "open-file limit",
            metadata: ["soft_before": "\(before)", "soft": "\(limit.rlim_cur)", "hard": "\(limit.rlim_max)"])
        return soft
    }
}

/// Enforces `ListenerLimits` on one connection, after Hummingbird's HTTP decoding: the body deadline from a request
/// head to its end, and closing after an answer with an error status (or one written before its request ended). It
/// puts a `RawActivity` watcher in front of the pipeline for the head deadline, which needs the first raw byte.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: ListenerLimits
    private let clients: ClientConnections
    /// The address this connection was counted under, until it closes.
    private var counted: String?
    private var deadline: Scheduled<Void>?
    private var readingRequest = false
    private var closeAfterAnswer = false
    /// True between an answer's end and the next request's first byte: the idle deadline runs.
    private var betweenRequests = false

    init(limits: ListenerLimits, clients: ClientConnections) {
        self.limits = limits
        self.clients = clients
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if let address = context.channel.remoteAddress?.ipAddress,
            limits.limitLoopback || !ListenerRequestContext.isLoopback(address)
        {
            guard clients.open(address, limit: limits.perClient) else {
                context.close(promise: nil)
                return
            }
            counted = address
        }
        let watcher = RawActivity(owner: self)
        try? context.pipeline.syncOperations.addHandler(watcher, position: .first)
        if context.channel.isActive { arm(context, limits.head) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, limits.head)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { release() }

    func channelInactive(context: ChannelHandlerContext) {
        release()
        context.fireChannelInactive()
    }

    private func release() {
        disarm()
        if let counted { clients.close(counted) }
        counted = nil
    }

    /// The first raw byte after an answer: the next head must be complete within the head deadline.
    fileprivate func sawBytes(_ context: ChannelHandlerContext) {
        guard betweenRequests else { return }
        betweenRequests = false
        arm(context, limits.head)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            readingRequest = true
            betweenRequests = false
            arm(context, limits.body)
        case .body:
            break
        case .end:
            readingRequest = false
            disarm()  // the handler answers; Hummingbird's own idle timer takes over after the answer
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            if head.status.code >= 400 || readingRequest {
                closeAfterAnswer = true
                head.headerFields[.connection] = "close"
                context.write(wrapOutboundOut(.head(head)), promise: promise)
                return
            }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            if closeAfterAnswer {
                let closing = context.eventLoop.makePromise(of: Void.self)
                closing.futureResult.whenComplete { [channel = context.channel] _ in channel.close(promise: nil) }
                if let promise { closing.futureResult.cascade(to: promise) }
                context.writeAndFlush(data, promise: closing)
                return
            }
            betweenRequests = true
            arm(context, limits.idle)
            context.write(data, promise: promise)
        }
    }

    private func arm(_ context: ChannelHandlerContext, _ after: Duration) {
        disarm()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: TimeAmount(after)) { channel.close(promise: nil) }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}

/// How many connections each client address holds, shared by the listener's connections.
final class ClientConnections: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// Counts a new connection from `address`; false (not counted) when it already holds `limit`.
    func open(_ address: String, limit: Int) -> Bool {
        counts.withLock { counts in
            let held = counts[address, default: 0]
            guard held < limit else { return false }
            counts[address] = held + 1
            return true
        }
    }

    func close(_ address: String) {
        counts.withLock { counts in
            let held = counts[address, default: 1] - 1
            counts[address] = held > 0 ? held : nil
        }
    }
}

/// In front of the pipeline: tells the `ConnectionGuard` when raw bytes arrive, before any HTTP part is decoded.
private final class RawActivity: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private weak var owner: ConnectionGuard?

    init(owner: ConnectionGuard) { self.owner = owner }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if let owner, let guardContext = try? context.pipeline.syncOperations.context(handler: owner) {
            owner.sawBytes(guardContext)
        }
        context.fireChannelRead(data)
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
