import Crypto
import FakeServer
package import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat
import TestSupport

/// A fake WeCom server API on 127.0.0.1 for tests: `gettoken`, the app's `message/send` and `media/upload`, a group
/// robot's `webhook/send` and `webhook/upload_media`, answering as WeCom does (HTTP 200 with an `errcode`). It records every message, expires tokens and
/// answers with injected errcodes on request (45009 frequency, 42001 expired token, -1 busy, 60020 untrusted IP…).
package actor FakeWeCom {
    package struct Sent: Sendable, Equatable {
        package var toUser: String
        package var content: String
        package var agentID: Int?
        package var msgType: String
        /// A picture's or file's `media_id` (a robot's base64 picture is kept under an id of its own).
        package var mediaID: String? = nil
    }

    /// A file uploaded with `media/upload` or `webhook/upload_media` (or a robot's base64 picture).
    package struct Upload: Sendable, Equatable {
        package var type: String
        package var fileName: String
        package var content: Data
        /// The `filelength` of the part's `Content-Disposition`, when given.
        package var fileLength: Int?
    }

    package nonisolated let corpID: String
    package nonisolated let secret: String
    package nonisolated let robotKey: String
    package private(set) var sent: [Sent] = []
    package private(set) var robotSent: [Sent] = []
    package private(set) var tokensIssued = 0
    /// Uploaded files by `media_id`.
    package private(set) var uploads: [String: Upload] = [:]
    /// Every errcode answered, in order, per path (`message/send`, `gettoken`, `webhook/send`).
    package private(set) var errorsAnswered: [String: [Int]] = [:]
    /// Access tokens the fake accepts; `expireTokens()` empties it.
    private var validTokens: Set<String> = []
    private var faults: [String: [Int]] = [:]
    let listener = LoopbackListener("fake-wecom")

    package init(
        corpID: String = "wwcxzytestcorp", secret: String = "app-secret-for-tests",
        robotKey: String = "robot-key-for-tests"
    ) {
        self.corpID = corpID
        self.secret = secret
        self.robotKey = robotKey
    }

    package var baseURL: URL { listener.url }

    /// Waits until the server listens.
    package func ready() async { await listener.ready() }

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

    func handle(path: String, query: [String: String], body: ByteBuffer, contentType: String = "") -> (Int, String) {
        if var list = faults[path], !list.isEmpty {
            let code = list.removeFirst()
            faults[path] = list
            return answer(path, code, "injected")
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        switch path {
        case "media/upload", "webhook/upload_media":
            if path == "media/upload" {
                guard let token = query["access_token"], validTokens.contains(token) else {
                    return answer(path, 42001, "access_token expired")
                }
            } else {
                guard query["key"] == robotKey else { return answer(path, 93000, "invalid webhook url") }
            }
            guard let type = query["type"], ["image", "voice", "video", "file"].contains(type) else {
                return answer(path, 40004, "invalid media type")
            }
            guard
                let part = Multipart.parts(Data(buffer: body), contentType: contentType).first(where: {
                    $0.name == "media"
                }),
                let fileName = part.fileName, !part.content.isEmpty
            else { return answer(path, 41001, "missing media") }
            if let length = part.fileLength, length != part.content.count {
                return answer(path, 40005, "filelength does not match")
            }
            let mediaID = "media-\(uploads.count + 1)"
            uploads[mediaID] = Upload(
                type: type, fileName: fileName, content: part.content, fileLength: part.fileLength)
            return (
                200,
                #"{"errcode":0,"errmsg":"ok","type":"\#(type)","media_id":"\#(mediaID)","created_at":"1286800000"}"#
            )
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
            let message = Self.message(json)
            if let mediaID = message.mediaID, uploads[mediaID] == nil { return answer(path, 40007, "invalid media_id") }
            sent.append(message)
            return (200, #"{"errcode":0,"errmsg":"ok","invaliduser":"","msgid":"m\#(sent.count)"}"#)
        case "webhook/send":
            guard query["key"] == robotKey else { return answer(path, 93000, "invalid webhook url") }
            var message = Self.message(json)
            if message.msgType == "image" {
                // The picture itself, base64, with its MD5 (lowercase hex), at most 2 MB.
                let image = json["image"] as? [String: Any]
                guard let base64 = image?["base64"] as? String, let bytes = Data(base64Encoded: base64),
                    let md5 = image?["md5"] as? String,
                    md5 == Insecure.MD5.hash(data: bytes).map({ String(format: "%02x", $0) }).joined()
                else { return answer(path, 301019, "media md5 not match") }
                guard bytes.count <= 2 << 20 else { return answer(path, 40009, "image too large") }
                let mediaID = "robot-image-\(uploads.count + 1)"
                uploads[mediaID] = Upload(type: "image", fileName: "", content: bytes, fileLength: nil)
                message.mediaID = mediaID
            } else if let mediaID = message.mediaID, uploads[mediaID] == nil {
                return answer(path, 40007, "invalid media_id")
            }
            robotSent.append(message)
            return (200, #"{"errcode":0,"errmsg":"ok"}"#)
        default:
            return (404, "not found")
        }
    }

    static func message(_ json: [String: Any]) -> Sent {
        let type = json["msgtype"] as? String ?? ""
        let body = json[type] as? [String: Any]
        return Sent(
            toUser: json["touser"] as? String ?? "", content: body?["content"] as? String ?? "",
            agentID: (json["agentid"] as? NSNumber)?.intValue, msgType: type, mediaID: body?["media_id"] as? String)
    }

    /// Runs the server until the task is cancelled, on `port` (0: any free one). Use `ready()` to wait until it
    /// listens.
    package func serve(port: Int = 0) async throws {
        let router = Router()
        let paths: [(HTTPRequest.Method, String)] = [
            (.get, "gettoken"), (.post, "message/send"), (.post, "webhook/send"), (.post, "media/upload"),
            (.post, "webhook/upload_media"),
        ]
        for (method, path) in paths {
            router.on(RouterPath("/cgi-bin/" + path), method: method) { request, _ -> Response in
                var request = request
                let body = try await request.collectBody(upTo: 32 << 20)
                var query: [String: String] = [:]
                for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
                let (status, text) = await self.handle(
                    path: path, query: query, body: body, contentType: request.headers[.contentType] ?? "")
                return Response(
                    status: .init(code: status), headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            }
        }
        try await listener.run(router, port: port)
    }
}
