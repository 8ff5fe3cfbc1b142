import BotRuntime
import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing
import TestSupport

/// The bot's outbound HTTP (`CurlHTTP`, libcurl's multi interface) against a real HTTP server on loopback.
@Suite("Outbound HTTP on libcurl", .serialized)
struct CurlHTTPTests {
    struct Failed: Error, Equatable { var reason: String }

    static func failure(_ reason: String) -> any Error { Failed(reason: reason) }

    @Test func methodsHeadersAndBodiesArriveAsSent() async throws {
        try await EchoServer.with { server in
            let http = CurlHTTP(maxConnectionsPerHost: 4)
            let body = Data("{\"text\":\"已完成家访 ✓\"}".utf8)
            for method in ["POST", "PUT"] {
                let (data, status) = try await http.exchange(
                    OutboundRequest(
                        method, server.url("/echo"),
                        headers: [("Content-Type", "application/json"), ("X-Token", "abc")], body: body),
                    failure: Self.failure)
                #expect(status == 200)
                let echo = try JSONDecoder().decode(EchoServer.Echo.self, from: data)
                #expect(echo.method == method)
                #expect(echo.contentType == "application/json")
                #expect(echo.token == "abc")
                #expect(echo.body == String(decoding: body, as: UTF8.self))
                #expect(echo.expect == nil)
            }
            let (data, status) = try await http.exchange(
                OutboundRequest(server.url("/echo?x=1")), failure: Self.failure)
            #expect(status == 200)
            let echo = try JSONDecoder().decode(EchoServer.Echo.self, from: data)
            #expect(echo.method == "GET")
            #expect(echo.body.isEmpty)
            // An empty POST body is still a POST with Content-Length 0.
            let (empty, _) = try await http.exchange(
                OutboundRequest("POST", server.url("/echo"), body: Data()), failure: Self.failure)
            #expect(try JSONDecoder().decode(EchoServer.Echo.self, from: empty).method == "POST")
        }
    }

    @Test func everyStatusComesBackWithItsBody() async throws {
        try await EchoServer.with { server in
            let http = CurlHTTP(maxConnectionsPerHost: 4)
            for code in [204, 400, 404, 429, 500, 503] {
                let (data, status) = try await http.exchange(
                    OutboundRequest(server.url("/status/\(code)")), failure: Self.failure)
                #expect(status == code)
                #expect(code == 204 ? data.isEmpty : String(decoding: data, as: UTF8.self) == "status \(code)")
            }
        }
    }

    @Test func manyRequestsAtOnceShareAFewConnectionsAndNeverMixAnswers() async throws {
        try await EchoServer.with { server in
            let http = CurlHTTP(maxConnectionsPerHost: 4)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<400 {
                    group.addTask {
                        let (data, status) = try await http.exchange(
                            OutboundRequest("POST", server.url("/echo"), body: Data("request \(i)".utf8)),
                            failure: Self.failure)
                        #expect(status == 200)
                        #expect(try JSONDecoder().decode(EchoServer.Echo.self, from: data).body == "request \(i)")
                    }
                }
                try await group.waitForAll()
            }
            // Kept alive and reused: at most the four allowed, never one per request.
            #expect(server.connections.count <= 4)
            #expect(server.requests == 400)
        }
    }

    @Test func refusedConnectionsAndTimeoutsBecomeThePlatformsFailure() async throws {
        let http = CurlHTTP(maxConnectionsPerHost: 4)
        let closedPort = Self.portNobodyListensOn()
        let refused = await #expect(throws: Failed.self) {
            _ = try await http.exchange(
                OutboundRequest(URL(string: "http://127.0.0.1:\(closedPort)/")!), failure: Self.failure)
        }
        #expect(refused?.reason.contains("connect") == true, "\(String(describing: refused))")

        try await EchoServer.with { server in
            let started = ContinuousClock.now
            let timedOut = await #expect(throws: Failed.self) {
                _ = try await http.exchange(
                    OutboundRequest(server.url("/slow"), timeout: 0.5), failure: Self.failure)
            }
            #expect(timedOut?.reason.lowercased().contains("timeout") == true)
            #expect(ContinuousClock.now - started < .seconds(4))
        }
    }

    @Test func theTimeoutIsTheLongestSilenceNotTheWholeExchange() async throws {
        try await EchoServer.with { server in
            let http = CurlHTTP(maxConnectionsPerHost: 2)
            // Ten bytes over about 2.5 s, never silent for more than 0.25 s: a 1 s silence limit lets it through.
            let (data, status) = try await http.exchange(
                OutboundRequest(server.url("/trickle"), timeout: 1), failure: Self.failure)
            #expect(status == 200)
            #expect(data == Data(repeating: UInt8(ascii: "x"), count: 10))
        }
    }

    @Test func anAnswerLargerThanTheLimitIsRefused() async throws {
        try await EchoServer.with { server in
            let http = CurlHTTP(maxConnectionsPerHost: 2, largestAnswer: 100_000)
            let (small, _) = try await http.exchange(
                OutboundRequest(server.url("/bytes/100000")), failure: Self.failure)
            #expect(small.count == 100_000)
            let tooLarge = await #expect(throws: Failed.self) {
                _ = try await http.exchange(OutboundRequest(server.url("/bytes/100001")), failure: Self.failure)
            }
            #expect(tooLarge?.reason.contains("larger than 100000 bytes") == true)
        }
    }

    @Test func cancellingEndsTheWaitAtOnceAndTheClientGoesOn() async throws {
        try await EchoServer.with { server in
            let http = CurlHTTP(maxConnectionsPerHost: 2)
            let slow = Task {
                try await http.exchange(OutboundRequest(server.url("/slow"), timeout: 60), failure: Self.failure)
            }
            try await Task.sleep(for: .milliseconds(200))
            let started = ContinuousClock.now
            slow.cancel()
            await #expect(throws: CancellationError.self) { _ = try await slow.value }
            #expect(ContinuousClock.now - started < .seconds(2))
            // Cancelled before it starts: never sent.
            let before = server.requests
            let early = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await http.exchange(OutboundRequest(server.url("/echo")), failure: Self.failure)
            }
            await #expect(throws: CancellationError.self) { _ = try await early.value }
            #expect(server.requests == before)
            let (_, status) = try await http.exchange(OutboundRequest(server.url("/echo")), failure: Self.failure)
            #expect(status == 200)
        }
    }

    @Test func aClientLetGoOfEndsItsThread() async throws {
        // A name of their own: other suites' clients run beside this test.
        @Sendable func httpThreads() -> Int {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
            return tasks.filter {
                (try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8))?.hasPrefix("http-letgo")
                    == true
            }.count
        }
        try await EchoServer.with { server in
            let before = httpThreads()
            #expect(before == 0)
            do {
                var clients: [CurlHTTP] = []
                for _ in 0..<8 { clients.append(CurlHTTP(maxConnectionsPerHost: 1, threadName: "http-letgo")) }
                for client in clients {
                    _ = try await client.exchange(OutboundRequest(server.url("/echo")), failure: Self.failure)
                }
                withExtendedLifetime(clients) { #expect(httpThreads() >= before + 8, "\(Self.threadNames())") }
            }
            #expect(await eventually(10) { httpThreads() <= before }, "the eight clients' threads end")
        }
    }
}

/// A small HTTP server on 127.0.0.1 that echoes requests and answers what the tests ask for.
final class EchoServer: Sendable {
    struct Echo: Codable {
        var method: String
        var contentType: String?
        var token: String?
        var expect: String?
        var body: String
    }

    struct Context: RequestContext {
        var coreContext: CoreRequestContextStorage
        let remote: String

        init(source: ApplicationRequestContextSource) {
            coreContext = .init(source: source)
            remote = source.channel.remoteAddress?.description ?? "?"
        }
    }

    private let state = Mutex<(port: Int, requests: Int, connections: Set<String>)>((0, 0, []))
    var port: Int { state.withLock { $0.port } }
    var requests: Int { state.withLock { $0.requests } }
    var connections: Set<String> { state.withLock { $0.connections } }

    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    /// Runs `body` with a listening server, then stops it.
    static func with<T: Sendable>(_ body: (EchoServer) async throws -> T) async throws -> T {
        let server = EchoServer()
        let running = Task { try await server.serve() }
        defer { running.cancel() }
        // Generous: at the start of a parallel test run the machine is busy starting every suite.
        guard await eventually(90, { server.port != 0 }) else { throw CurlHTTPTests.Failed(reason: "no echo server") }
        return try await body(server)
    }

    private func serve() async throws {
        let router = Router(context: Context.self)
        router.on("/echo", method: .get, use: echo)
        router.on("/echo", method: .post, use: echo)
        router.on("/echo", method: .put, use: echo)
        router.get("/status/:code") { _, context -> Response in
            self.count(context)
            let code = Int(context.parameters.get("code") ?? "") ?? 500
            return Response(
                status: .init(code: code),
                body: code == 204 ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: "status \(code)")))
        }
        router.get("/bytes/:count") { _, context -> Response in
            self.count(context)
            let count = Int(context.parameters.get("count") ?? "") ?? 0
            return Response(
                status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: count)))
        }
        router.get("/trickle") { _, context -> Response in
            self.count(context)
            return Response(
                status: .ok,
                body: ResponseBody { writer in
                    for _ in 0..<10 {
                        try await writer.write(ByteBuffer(string: "x"))
                        try await Task.sleep(for: .milliseconds(250))
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("/slow") { _, context -> Response in
            self.count(context)
            try await Task.sleep(for: .seconds(30))
            return Response(status: .ok)
        }
        var logger = Logger(label: "echo")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in self.state.withLock { $0.port = channel.localAddress?.port ?? 0 } },
            logger: logger)
        try await app.runService()
    }

    private func count(_ context: Context) {
        state.withLock {
            $0.requests += 1
            $0.connections.insert(context.remote)
        }
    }

    @Sendable private func echo(_ request: Request, _ context: Context) async throws -> Response {
        count(context)
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        let echo = Echo(
            method: request.method.rawValue, contentType: request.headers[.contentType],
            token: request.headers[.init("X-Token")!], expect: request.headers[.expect],
            body: String(buffer: body))
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(echo))))
    }
}
extension CurlHTTPTests {
    /// A loopback port bound and closed again, without listening: connecting to it is refused.
    static func portNobodyListensOn() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length)
                return getsockname(socket, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func threadNames() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
    }
}
