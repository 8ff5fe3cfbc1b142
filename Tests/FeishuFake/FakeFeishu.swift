import FakeServer
package import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat
import TestSupport

/// A fake Feishu open API on 127.0.0.1 for tests: `tenant_access_token/internal`, `bot/v3/info`, `im/v1/messages`
/// and `im/v1/messages/:message_id/reply` (text, image and file messages), `im/v1/images` and `im/v1/files` (uploads),
/// answering as Feishu does (`{"code": 0, …}`). A send whose `uuid` was seen
/// before is not sent again (the first message's id is answered), as Feishu deduplicates by `uuid`. It records every
/// message, expires tokens and answers with injected codes on request.
package actor FakeFeishu {
    package struct Sent: Sendable, Equatable {
        /// `open_id` or `chat_id` for a new message; nil for a reply.
        package var receiveIDType: String?
        package var receiveID: String?
        /// The message replied to.
        package var replyTo: String?
        package var text: String
        package var uuid: String?
        /// `text`, `image` or `file`.
        package var msgType = "text"
        /// The picture's `image_key` or the file's `file_key`.
        package var key: String? = nil
    }

    /// A picture or file uploaded with `im/v1/images` or `im/v1/files`.
    package struct Upload: Sendable, Equatable {
        /// `image_type` (`message`) or `file_type` (`pdf`, `stream`, …).
        package var type: String
        package var fileName: String
        package var content: Data
    }

    package nonisolated let appID: String
    package nonisolated let appSecret: String
    package nonisolated let botOpenID: String
    package private(set) var sent: [Sent] = []
    package private(set) var tokensIssued = 0
    /// Uploads by `image_key` / `file_key`.
    package private(set) var uploads: [String: Upload] = [:]
    /// Send requests answered from the `uuid` record without sending again.
    package private(set) var deduplicated = 0
    package private(set) var errorsAnswered: [String: [Int]] = [:]
    private var validTokens: Set<String> = []
    private var uuids: [String: String] = [:]
    private var faults: [String: [(status: Int, code: Int)]] = [:]
    let listener = LoopbackListener("fake-feishu")

    package init(
        appID: String = "cli_cxzytestapp", appSecret: String = "app-secret-for-tests",
        botOpenID: String = "ou_cxzybot0000000000000000000000001"
    ) {
        self.appID = appID
        self.appSecret = appSecret
        self.botOpenID = botOpenID
    }

    package var baseURL: URL { listener.url }

    /// Waits until the server listens.
    package func ready() async { await listener.ready() }

    /// The next `times` calls to `path` (`token`, `info`, `messages`, `reply`) answer with `code` (and `status`).
    package func inject(code: Int, status: Int = 400, for path: String, times: Int = 1) {
        faults[path, default: []] += Array(repeating: (status, code), count: times)
    }

    package func expireTokens() { validTokens.removeAll() }

    /// Messages in the chat with `openID` or group `chatID`, and replies (`replyTo` set) — new messages only.
    package func sent(to receiver: String) -> [Sent] { sent.filter { $0.receiveID == receiver } }

    private func answer(_ path: String, _ status: Int, _ code: Int, _ message: String) -> (Int, String) {
        errorsAnswered[path, default: []].append(code)
        return (status, #"{"code":\#(code),"msg":"\#(message)"}"#)
    }

    func handle(
        path: String, query: [String: String], bearer: String?, body: ByteBuffer, messageID: String?,
        contentType: String = ""
    ) -> (Int, String) {
        if var list = faults[path], !list.isEmpty {
            let (status, code) = list.removeFirst()
            faults[path] = list
            return answer(path, status, code, "injected")
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        if path == "token" {
            guard json["app_id"] as? String == appID else { return answer(path, 400, 10003, "invalid param") }
            guard json["app_secret"] as? String == appSecret else {
                return answer(path, 400, 10014, "app secret invalid")
            }
            tokensIssued += 1
            let token = "t-\(tokensIssued)-\(UUID().uuidString.prefix(8))"
            validTokens.insert(token)
            return (200, #"{"code":0,"msg":"ok","tenant_access_token":"\#(token)","expire":7200}"#)
        }
        guard let bearer, validTokens.contains(bearer) else {
            return answer(
                path, 400, 99991663,
                "Invalid access token for authorization. Please make a request with token attached.")
        }
        if path == "info" {
            return (
                200,
                #"{"code":0,"msg":"ok","bot":{"activate_status":2,"app_name":"创先争优助手","avatar_url":"","ip_white_list":[],"open_id":"\#(botOpenID)"}}"#
            )
        }
        if path == "images" || path == "files" { return upload(path, body: body, contentType: contentType) }
        let msgType = json["msg_type"] as? String ?? ""
        guard let content = json["content"] as? String,
            let inner = (try? JSONSerialization.jsonObject(with: Data(content.utf8))) as? [String: Any]
        else { return answer(path, 400, 230001, "invalid message content") }
        let text: String
        var key: String?
        switch msgType {
        case "text":
            guard let t = inner["text"] as? String else { return answer(path, 400, 230001, "invalid message content") }
            text = t
        case "image", "file":
            key = inner[msgType == "image" ? "image_key" : "file_key"] as? String
            guard let key, uploads[key] != nil else { return answer(path, 400, 230001, "invalid \(msgType) key") }
            text = ""
        default:
            return answer(path, 400, 230001, "unsupported msg_type")
        }
        let uuid = json["uuid"] as? String
        if let uuid, let first = uuids[uuid] {
            deduplicated += 1
            return (200, #"{"code":0,"msg":"success","data":{"message_id":"\#(first)"}}"#)
        }
        if path == "messages" {
            guard let type = query["receive_id_type"], type == "open_id" || type == "chat_id",
                let receiver = json["receive_id"] as? String
            else { return answer(path, 400, 230001, "invalid receive_id") }
            sent.append(
                Sent(
                    receiveIDType: type, receiveID: receiver, replyTo: nil, text: text, uuid: uuid, msgType: msgType,
                    key: key))
        } else {
            sent.append(
                Sent(
                    receiveIDType: nil, receiveID: nil, replyTo: messageID, text: text, uuid: uuid, msgType: msgType,
                    key: key))
        }
        let id = "om_fake\(sent.count)"
        if let uuid { uuids[uuid] = id }
        return (200, #"{"code":0,"msg":"success","data":{"message_id":"\#(id)"}}"#)
    }

    /// `im/v1/images` (`image_type`, `image`) and `im/v1/files` (`file_type`, `file_name`, `file`): multipart uploads.
    private func upload(_ path: String, body: ByteBuffer, contentType: String) -> (Int, String) {
        let parts = Multipart.parts(Data(buffer: body), contentType: contentType)
        func field(_ name: String) -> String? {
            parts.first { $0.name == name && $0.fileName == nil }.map { String(decoding: $0.content, as: UTF8.self) }
        }
        if path == "images" {
            guard field("image_type") == "message" else { return answer(path, 400, 234001, "invalid image_type") }
            guard let image = parts.first(where: { $0.name == "image" }), !image.content.isEmpty else {
                return answer(path, 400, 234001, "missing image")
            }
            guard image.content.count <= 10 << 20 else { return answer(path, 400, 234006, "image too large") }
            let key = "img_v2_fake\(uploads.count + 1)"
            uploads[key] = Upload(type: "message", fileName: image.fileName ?? "", content: image.content)
            return (200, #"{"code":0,"msg":"success","data":{"image_key":"\#(key)"}}"#)
        }
        let types: Set = ["opus", "mp4", "pdf", "doc", "xls", "ppt", "stream"]
        guard let type = field("file_type"), types.contains(type) else {
            return answer(path, 400, 234001, "invalid file_type")
        }
        guard let name = field("file_name"), !name.isEmpty,
            let file = parts.first(where: { $0.name == "file" }), !file.content.isEmpty
        else { return answer(path, 400, 234001, "missing file") }
        guard file.content.count <= 30 << 20 else { return answer(path, 400, 234006, "file too large") }
        let key = "file_v2_fake\(uploads.count + 1)"
        uploads[key] = Upload(type: type, fileName: name, content: file.content)
        return (200, #"{"code":0,"msg":"success","data":{"file_key":"\#(key)"}}"#)
    }

    /// Runs the server until the task is cancelled. Use `ready()` to wait until it listens.
    package func serve() async throws {
        let router = Router()
        let routes: [(HTTPRequest.Method, String, String)] = [
            (.post, "/open-apis/auth/v3/tenant_access_token/internal", "token"),
            (.get, "/open-apis/bot/v3/info", "info"),
            (.post, "/open-apis/im/v1/messages", "messages"), (.post, "/open-apis/im/v1/messages/:id/reply", "reply"),
            (.post, "/open-apis/im/v1/images", "images"), (.post, "/open-apis/im/v1/files", "files"),
        ]
        for (method, route, path) in routes {
            router.on(RouterPath(route), method: method) { request, context -> Response in
                var request = request
                let body = try await request.collectBody(upTo: 40 << 20)
                var query: [String: String] = [:]
                for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
                let authorization = request.headers[.authorization] ?? ""
                let bearer = authorization.hasPrefix("Bearer ") ? String(authorization.dropFirst(7)) : nil
                let (status, text) = await self.handle(
                    path: path, query: query, bearer: bearer, body: body,
                    messageID: context.parameters.get("id"), contentType: request.headers[.contentType] ?? "")
                return Response(
                    status: .init(code: status), headers: [.contentType: "application/json; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            }
        }
        try await listener.run(router)
    }
}
