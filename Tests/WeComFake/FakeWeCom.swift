package import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat

/// A fake WeCom server API on 127.0.0.1 for tests: `gettoken`, the app's `message/send` and a group robot's
/// `webhook/send`, answering as WeCom does (HTTP 200 with an `errcode`). It records every message, expires tokens and
/// answers with injected errcodes on request (45009 frequency, 42001 expired token, -1 busy, 60020 untrusted IP…).
package actor FakeWeCom {
    package struct Sent: Sendable, Equatable {
        package var toUser: String
        package var content: String
        package var agentID: Int?
        package var msgType: String
    }

    package nonisolated let corpID: String
    package nonisolated let secret: String
    package nonisolated let robotKey: String
    package private(set) var sent: [Sent] = []
    package private(set) var robotSent: [Sent] = []
    package private(set) var tokensIssued = 0
    /// Every errcode answered, in order, per path (`message/send`, `gettoken`, `webhook/send`).
    package private(set) var errorsAnswered: [String: [Int]] = [:]
    /// Access tokens the fake accepts; `expireTokens()` empties it.
    private var validTokens: Set<String> = []
    private var faults: [String: [Int]] = [:]
    private var port = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    package init(
        corpID: String = "wwcxzytestcorp", secret: String = "app-secret-for-tests",
        robotKey: String = "robot-key-for-tests"
    ) {
        self.corpID = corpID
        self.secret = secret
        self.robotKey = robotKey
    }

    package var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    func setPort(_ p: Int) {
        port = p
        for w in waiters { w.resume() }
        waiters.removeAll()
    }

    /// Waits until the server listens.
    package func ready() async {
        if port != 0 { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// The next `times` calls to `path` answer with `errcode`.
    package func inject(errcode: Int, for path: String, times: Int = 1) {
        faults[path, default: []] += Array(repeating: errcode, count: times)
    }

    /// Every token issued so far stops working (WeCom then answers 42001).
    package func expireTokens() { validTokens.removeAll() }

    package func sent(to user: String) -> [Sent] { sent.filter { $0.toUser == user } }

    private func answer(_ path: String, _ code: Int, _ message: String) -> (Int, String) {
        errorsAnswered[path, default: []].append(code)
        return (200, #"{"errcode":\#(code),"errmsg":"\#(message)"}"#)
    }

    func handle(path: String, query: [String: String], body: ByteBuffer) -> (Int, String) {
        if var list = faults[path], !list.isEmpty {
            let code = list.removeFirst()
            faults[path] = list
            return answer(path, code, "injected")
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        switch path {
        case "gettoken":
            guard query["corpid"] == corpID else { return answer(path, 40013, "invalid corpid") }
            guard query["corpsecret"] == secret else { return answer(path, 40001, "invalid secret") }
            tokensIssued += 1
            let token = "token-\(tokensIssued)-\(UUID().uuidString.prefix(8))"
            validTokens.insert(token)
            return (200, #"{"errcode":0,"errmsg":"ok","access_token":"\#(token)","expires_in":7200}"#)
        case "message/send":
            guard let token = query["access_token"], validTokens.contains(token) else {
                return answer(path, 42001, "access_token expired")
            }
            sent.append(Self.message(json))
            return (200, #"{"errcode":0,"errmsg":"ok","invaliduser":"","msgid":"m\#(sent.count)"}"#)
        case "webhook/send":
            guard query["key"] == robotKey else { return answer(path, 93000, "invalid webhook url") }
            robotSent.append(Self.message(json))
            return (200, #"{"errcode":0,"errmsg":"ok"}"#)
        default:
            return (404, "not found")
        }
    }

    static func message(_ json: [String: Any]) -> Sent {
        let type = json["msgtype"] as? String ?? ""
        let content = (json[type] as? [String: Any])?["content"] as? String ?? ""
        return Sent(
            toUser: json["touser"] as? String ?? "", content: content,
            agentID: (json["agentid"] as? NSNumber)?.intValue, msgType: type)
    }

    /// Runs the server until the task is cancelled. Use `ready()` to wait for the port.
    package func serve() async throws {
        let router = Router()
        for (method, path) in [(HTTPRequest.Method.get, "gettoken"), (.post, "message/send"), (.post, "webhook/send")] {
            router.on(RouterPath("/cgi-bin/" + path), method: method) { request, _ -> Response in
                var request = request
                let body = try await request.collectBody(upTo: 1 << 20)
                var query: [String: String] = [:]
                for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
                let (status, text) = await self.handle(path: path, query: query, body: body)
                return Response(
                    status: .init(code: status), headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            }
        }
        var logger = Logger(label: "fake-wecom")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in await self.setPort(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }
}
