import FakeServer
package import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOFoundationCompat

/// A fake DingTalk on 127.0.0.1 for tests: the open API (`oauth2/accessToken`, `gateway/connections/open`, the robot's
/// `oToMessages/batchSend` and `groupMessages/send`) and the Stream gateway, a WebSocket that pushes robot messages as
/// CALLBACK frames and keeps each one until its ACK comes back: a message not acknowledged is pushed again on the next
/// connection, as DingTalk does. It answers SYSTEM pings' ACKs, can ask a client to reconnect (`disconnect`), drop
/// the connection, lose ACKs, expire tokens and answer with injected errors.
package actor FakeDingTalk {
    package struct Sent: Sendable, Equatable {
        /// The staff userid (private chat) or nil.
        package var user: String?
        /// The openConversationId (group) or nil.
        package var conversation: String?
        package var content: String
        package var robotCode: String
    }

    package nonisolated let clientID: String
    package nonisolated let clientSecret: String
    package private(set) var sent: [Sent] = []
    package private(set) var tokensIssued = 0
    package private(set) var ticketsIssued = 0
    /// WebSocket connections accepted, in all.
    package private(set) var connectionsOpened = 0
    /// The subscriptions of the last `connections/open` request (`type`, `topic`).
    package private(set) var subscriptions: [[String: String]] = []
    /// Robot message ids whose ACK arrived, in order (a message acknowledged twice appears twice).
    package private(set) var acknowledged: [String] = []
    /// How often each robot message was pushed.
    package private(set) var pushes: [String: Int] = [:]
    /// Every ACK frame received.
    package private(set) var ackFrames: [Ack] = []
    /// Errors answered, per path.
    package private(set) var errorsAnswered: [String: [Int]] = [:]
    /// While true, ACKs are received but not counted (as if lost): the messages stay pending.
    package var losesAcks = false

    private var validTokens: Set<String> = []
    private var tickets: Set<String> = []
    private var pending: [(msgID: String, data: String)] = []
    /// Frame message id → robot message id (or `system:…`).
    private var frameIDs: [String: String] = [:]
    private var live: [Int: AsyncStream<String>.Continuation] = [:]
    private var faults: [String: [(status: Int, code: String)]] = [:]
    let listener = LoopbackListener("fake-dingtalk")

    package init(clientID: String = "dingcxzytestapp", clientSecret: String = "client-secret-for-tests") {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    package var baseURL: URL { listener.url }

    /// Waits until the server listens.
    package func ready() async { await listener.ready() }

    package func setLosesAcks(_ value: Bool) { losesAcks = value }

    /// The next `times` calls to `path` (`oauth2/accessToken`, `connections/open`, `batchSend`, `send`) answer so.
    package func inject(status: Int, code: String, for path: String, times: Int = 1) {
        faults[path, default: []] += Array(repeating: (status, code), count: times)
    }

    /// Every token issued so far stops working (DingTalk then answers 401).
    package func expireTokens() { validTokens.removeAll() }

    package func sent(to user: String) -> [Sent] { sent.filter { $0.user == user } }
    package func sent(toGroup conversation: String) -> [Sent] { sent.filter { $0.conversation == conversation } }
    package var liveConnections: Int { live.count }
    /// Robot messages not acknowledged yet.
    package var unacknowledged: [String] { pending.map(\.msgID) }

    // MARK: the Stream gateway

    /// Queues a robot message (the JSON text of a CALLBACK frame's `data`): pushed now to the newest connection, and
    /// again on each new connection until it is acknowledged.
    package func deliver(_ data: String, msgID: String) {
        pending.append((msgID, data))
        if let newest = live.keys.max() { push(msgID, data, to: newest) }
    }

    /// Sends a SYSTEM frame (`ping` with an `opaque`, or `disconnect`) to every connection; returns its message id.
    @discardableResult
    package func system(_ topic: String, data: String = "{}") -> String {
        let id = "sys-\(UUID().uuidString)"
        frameIDs[id] = "system:\(topic)"
        let frame = Self.frame(type: "SYSTEM", topic: topic, messageID: id, data: data)
        for continuation in live.values { continuation.yield(frame) }
        return id
    }

    /// Closes every connection at once, without a `disconnect` first.
    package func dropConnections() {
        for continuation in live.values { continuation.finish() }
        live.removeAll()
    }

    private func push(_ msgID: String, _ data: String, to connection: Int) {
        let id = "frame-\(UUID().uuidString)"
        frameIDs[id] = msgID
        pushes[msgID, default: 0] += 1
        live[connection]?.yield(
            Self.frame(type: "CALLBACK", topic: "/v1.0/im/bot/messages/get", messageID: id, data: data))
    }

    func redeem(_ ticket: String) -> Bool { tickets.remove(ticket) != nil }

    /// A new connection: its outgoing frames, starting with every message still unacknowledged.
    func attach() -> (Int, AsyncStream<String>) {
        connectionsOpened += 1
        let id = connectionsOpened
        let (stream, continuation) = AsyncStream<String>.makeStream()
        live[id] = continuation
        for (msgID, data) in pending { push(msgID, data, to: id) }
        return (id, stream)
    }

    func detach(_ id: Int) {
        live[id]?.finish()
        live[id] = nil
    }

    func received(_ text: String) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return }
        let headers = object["headers"] as? [String: Any]
        let ack = Ack(
            code: object["code"] as? Int, messageID: headers?["messageId"] as? String,
            contentType: headers?["contentType"] as? String, message: object["message"] as? String,
            data: object["data"] as? String)
        ackFrames.append(ack)
        guard !losesAcks, ack.code == 200, let frameID = ack.messageID, let msgID = frameIDs[frameID],
            !msgID.hasPrefix("system:")
        else { return }
        acknowledged.append(msgID)
        pending.removeAll { $0.msgID == msgID }
    }

    /// The ACK frames answering SYSTEM frame `id`.
    package func acks(of id: String) -> [Ack] {
        ackFrames.filter { $0.messageID == id }
    }

    // MARK: the open API

    private func fault(_ path: String) -> (Int, String)? {
        guard var list = faults[path], !list.isEmpty else { return nil }
        let (status, code) = list.removeFirst()
        faults[path] = list
        errorsAnswered[path, default: []].append(status)
        return (status, #"{"code":"\#(code)","message":"injected","requestid":"fake"}"#)
    }

    private func refuse(_ path: String, _ status: Int, _ code: String) -> (Int, String) {
        errorsAnswered[path, default: []].append(status)
        return (status, #"{"code":"\#(code)","message":"refused by the fake","requestid":"fake"}"#)
    }

    func handle(path: String, token: String?, body: ByteBuffer) -> (Int, String) {
        if let answer = fault(path) { return answer }
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        switch path {
        case "oauth2/accessToken":
            guard json["appKey"] as? String == clientID, json["appSecret"] as? String == clientSecret else {
                return refuse(path, 400, "invalidClientIdOrSecret")
            }
            tokensIssued += 1
            let token = "token-\(tokensIssued)-\(UUID().uuidString.prefix(8))"
            validTokens.insert(token)
            return (200, #"{"accessToken":"\#(token)","expireIn":7200}"#)
        case "connections/open":
            guard json["clientId"] as? String == clientID, json["clientSecret"] as? String == clientSecret else {
                return refuse(path, 401, "invalidClientIdOrSecret")
            }
            subscriptions = (json["subscriptions"] as? [[String: String]]) ?? []
            ticketsIssued += 1
            let ticket = "ticket+\(ticketsIssued)/\(UUID().uuidString)="
            tickets.insert(ticket)
            return (
                200,
                String(
                    decoding: (try? JSONSerialization.data(withJSONObject: [
                        "endpoint": "ws://127.0.0.1:\(listener.url.port ?? 0)/connect", "ticket": ticket,
                    ])) ?? Data(), as: UTF8.self)
            )
        case "batchSend", "send":
            guard let token, validTokens.contains(token) else { return refuse(path, 401, "InvalidAuthentication") }
            guard json["robotCode"] as? String == clientID, json["msgKey"] as? String == "sampleText",
                let param = json["msgParam"] as? String,
                let content = ((try? JSONSerialization.jsonObject(with: Data(param.utf8))) as? [String: Any])?[
                    "content"] as? String
            else { return refuse(path, 400, "invalidParameter") }
            if path == "batchSend" {
                for user in json["userIds"] as? [String] ?? [] {
                    sent.append(Sent(user: user, conversation: nil, content: content, robotCode: clientID))
                }
                return (
                    200,
                    #"{"processQueryKey":"q\#(sent.count)","invalidStaffIdList":[],"flowControlledStaffIdList":[]}"#
                )
            }
            guard let conversation = json["openConversationId"] as? String else {
                return refuse(path, 400, "invalidParameter")
            }
            sent.append(Sent(user: nil, conversation: conversation, content: content, robotCode: clientID))
            return (200, #"{"processQueryKey":"q\#(sent.count)"}"#)
        default:
            return (404, "{}")
        }
    }

    /// Runs the server until the task is cancelled. Use `ready()` to wait until it listens.
    package func serve() async throws {
        let router = Router()
        for (route, path) in [
            ("/v1.0/oauth2/accessToken", "oauth2/accessToken"), ("/v1.0/gateway/connections/open", "connections/open"),
            ("/v1.0/robot/oToMessages/batchSend", "batchSend"), ("/v1.0/robot/groupMessages/send", "send"),
        ] {
            router.post(RouterPath(route)) { request, _ -> Response in
                var request = request
                let body = try await request.collectBody(upTo: 1 << 20)
                let token = request.headers.first { $0.name.canonicalName == "x-acs-dingtalk-access-token" }?.value
                let (status, text) = await self.handle(path: path, token: token, body: body)
                return Response(
                    status: .init(code: status), headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            }
        }
        let gateway = Router(context: BasicWebSocketRequestContext.self)
        gateway.ws("/connect") { request, _ in
            guard let ticket = request.uri.queryParameters["ticket"], await self.redeem(String(ticket)) else {
                return .dontUpgrade
            }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, _ in
            let (id, frames) = await self.attach()
            await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        if case .text(let text) = message { await self.received(text) }
                    }
                }
                group.addTask {
                    for await frame in frames { try await outbound.write(.text(frame)) }
                }
                _ = try? await group.next()
                group.cancelAll()
            }
            await self.detach(id)
        }
        try await listener.run(router, server: .http1WebSocketUpgrade(webSocketRouter: gateway))
    }
}
