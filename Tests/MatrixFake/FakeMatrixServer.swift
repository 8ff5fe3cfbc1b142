import FakeServer
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat

extension FakeMatrix {
    /// Runs the server until the task is cancelled. Use `ready()` to wait until it listens.
    package func serve() async throws {
        let router = Router()
        for method in [HTTPRequest.Method.get, .post, .put] {
            router.on("/**", method: method) { request, _ -> Response in
                var request = request
                let body = try await request.collectBody(upTo: 64 << 20)
                var query: [String: String] = [:]
                for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
                let authorization = request.headers[.authorization] ?? ""
                let token =
                    authorization.hasPrefix("Bearer ") ? String(authorization.dropFirst(7)) : query["access_token"]
                let path = request.uri.path.split(separator: "/").map {
                    String($0).removingPercentEncoding ?? String($0)
                }
                let answer = await self.answer(
                    Request(
                        method: request.method.rawValue, path: path, query: query, token: token,
                        body: Data(buffer: body),
                        contentType: request.headers[.contentType] ?? ""))
                if answer.delay > 0 { try? await Task.sleep(for: .milliseconds(Int(answer.delay * 1000))) }
                return Response(
                    status: .init(code: answer.status), headers: [.contentType: answer.contentType],
                    body: ResponseBody(byteBuffer: ByteBuffer(data: answer.body)))
            }
        }
        try await listener.run(router)
    }

    /// The answer to a request; a sync with nothing new waits for something to happen (at most 2 s of the client's
    /// timeout, then an empty answer with the current token, as a homeserver answers when its timeout runs out).
    nonisolated func answer(_ request: Request) async -> Answer {
        switch await route(request) {
        case .answer(let answer):
            return answer
        case .sync(let session, let sync, let fault):
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: .milliseconds(min(max(sync.timeoutMs, 0), 2000)))
            var answer: Answer?
            while answer == nil && clock.now < deadline && !Task.isCancelled {
                answer = await syncAnswer(session, sync, final: false)
                if answer == nil { try? await Task.sleep(for: .milliseconds(10)) }
            }
            if answer == nil { answer = await syncAnswer(session, sync, final: true) }
            return Self.applying(fault) { answer ?? .json([:]) }
        }
    }
}
