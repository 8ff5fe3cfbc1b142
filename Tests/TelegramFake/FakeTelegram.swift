import FakeServer
package import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import NIOFoundationCompat

/// A fake Telegram Bot API on 127.0.0.1 for tests and benchmarks: it queues updates, long-polls them out with
/// `getUpdates`, records every send, and misbehaves on request (429, 500, garbage, slow answers, 401).
package actor FakeTelegram {
    package struct Sent: Sendable, Equatable {
        package var chat: String
        package var text: String
        package var replyTo: Int64?
        package var at: Date
        package var isDocument: Bool
        /// Sent with sendPhoto.
        package var isPhoto = false
        /// The uploaded file of sendPhoto / sendDocument.
        package var file: Data?
        package var caption: String?
    }

    /// A scripted misbehaviour for the next call(s) of a method.
    package enum Fault: Sendable {
        case status(Int, retryAfter: Int?)
        case garbage
        case delay(Double)
    }

    package nonisolated let token: String
    package nonisolated let botUsername: String
    package private(set) var sent: [Sent] = []
    package private(set) var getUpdatesOffsets: [Int64?] = []
    /// Each `getUpdates` offset as its JSON number reads ("" for none), also those past `Int64.max`.
    package private(set) var getUpdatesOffsetTexts: [String] = []
    package private(set) var commands: [String] = []
    package private(set) var methodCalls: [String: Int] = [:]
    /// When each injected fault was answered, per method.
    package private(set) var faultTimes: [String: [Date]] = [:]
    private var updates: [(id: Int64, json: String)] = []
    private var nextUpdateID: Int64 = 1
    private var nextMessageID: Int64 = 1000
    private var faults: [String: [Fault]] = [:]
    /// Files people "sent" (photos, documents), by file id, for getFile and the file URL.
    private var files: [String: Data] = [:]
    let listener = LoopbackListener("fake-telegram")

    package init(token: String = "123456:TEST-token", botUsername: String = "cxzy_bot") {
        self.token = token
        self.botUsername = botUsername
    }

    package var baseURL: URL { listener.url }

    /// Waits until the server listens.
    package func ready() async { await listener.ready() }

    /// The update_id the next queued update gets (Telegram may start anywhere, and again after a quiet week).
    package func startUpdateIDs(at id: Int64) {
        nextUpdateID = id
    }

    /// Queues a text message from `user` in `chat` (a private chat when chat == user). Returns the update id.
    @discardableResult
    package func message(from user: Int64, chat: Int64? = nil, text: String, chatType: String? = nil) -> Int64 {
        let id = nextUpdateID
        nextUpdateID &+= 1
        nextMessageID += 1
        let chatID = chat ?? user
        let type = chatType ?? (chatID == user ? "private" : "supergroup")
        let escaped = String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
        let json =
            #"{"update_id":\#(id),"message":{"message_id":\#(nextMessageID),"date":1286000000,"from":{"id":\#(user),"is_bot":false,"first_name":"T\#(user)"},"chat":{"id":\#(chatID),"type":"\#(type)"},"text":\#(escaped)}}"#
        updates.append((id, json))
        return id
    }

    /// Queues a photo (or, with `fileName`, a document) from `user` in a private chat. `announcedSize` overrides the
    /// size the update claims (a file too large to fetch). Returns the update id.
    @discardableResult
    package func file(
        from user: Int64, data: Data, fileName: String? = nil, caption: String? = nil,
        announcedSize: Int? = nil
    ) -> Int64 {
        let fileID = "file-\(files.count + 1)"
        files[fileID] = data
        let size = announcedSize ?? data.count
        let captionJSON =
            caption.map {
                ",\"caption\":" + String(decoding: (try? JSONEncoder().encode($0)) ?? Data("\"\"".utf8), as: UTF8.self)
            } ?? ""
        let media =
            fileName.map { #""document":{"file_id":"\#(fileID)","file_name":"\#($0)","file_size":\#(size)}"# }
            ?? #""photo":[{"file_id":"\#(fileID)-small","width":90,"height":60,"file_size":900},{"file_id":"\#(fileID)","width":1280,"height":960,"file_size":\#(size)}]"#
        files[fileID + "-small"] = Data([0xFF, 0xD8, 0xFF, 0xE0])
        let id = nextUpdateID
        nextUpdateID &+= 1
        nextMessageID += 1
        updates.append(
            (
                id,
                #"{"update_id":\#(id),"message":{"message_id":\#(nextMessageID),"date":1286000000,"from":{"id":\#(user),"is_bot":false,"first_name":"T\#(user)"},"chat":{"id":\#(user),"type":"private"},\#(media)\#(captionJSON)}}"#
            ))
        return id
    }

    /// How many times each file was fetched through the file URL.
    package private(set) var downloads: [String: Int] = [:]

    func download(_ path: String) -> Data? {
        downloads[path, default: 0] += 1
        return files[path]
    }

    /// The part named `field` of a multipart/form-data body (its bytes, without headers).
    static func part(_ field: String, of body: Data) -> Data? {
        guard let header = body.range(of: Data("name=\"\(field)\"".utf8)),
            let start = body.range(of: Data("\r\n\r\n".utf8), in: header.upperBound..<body.endIndex),
            let end = body.range(of: Data("\r\n--cxzy-".utf8), in: start.upperBound..<body.endIndex)
        else { return nil }
        return body.subdata(in: start.upperBound..<end.lowerBound)
    }

    /// Queues a raw update (e.g. one with content the bot cannot read).
    package func rawUpdate(_ body: (Int64) -> String) {
        let id = nextUpdateID
        nextUpdateID &+= 1
        updates.append((id, body(id)))
    }

    package func inject(_ fault: Fault, for method: String, times: Int = 1) {
        faults[method, default: []] += Array(repeating: fault, count: times)
    }

    package var pendingUpdates: Int { updates.count }

    /// At most this many updates per `getUpdates` answer (nil: what the bot asks for), so a test can stop the bot
    /// while updates still wait.
    package private(set) var batchLimit: Int?

    package func limitBatches(to count: Int?) { batchLimit = count }

    /// The message id the fake gave to the update with this id (to check `reply_to_message_id`).
    package func messageID(ofUpdate id: Int64) -> Int64? {
        guard let json = updates.first(where: { $0.id == id })?.json ?? consumed[id] else { return nil }
        guard let range = json.range(of: #""message_id":"#) else { return nil }
        return Int64(json[range.upperBound...].prefix { $0.isNumber })
    }

    private var consumed: [Int64: String] = [:]

    func handle(method: String, tokenPart: String, body: ByteBuffer) async -> (Int, String) {
        guard tokenPart == "bot" + token else {
            return (401, #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#)
        }
        methodCalls[method, default: 0] += 1
        if var list = faults[method], !list.isEmpty {
            let fault = list.removeFirst()
            faults[method] = list
            faultTimes[method, default: []].append(Date())
            switch fault {
            case .status(let code, let retryAfter):
                let params = retryAfter.map { #","parameters":{"retry_after":\#($0)}"# } ?? ""
                return (code, #"{"ok":false,"error_code":\#(code),"description":"injected"\#(params)}"#)
            case .garbage:
                return (200, "<html>this is not json")
            case .delay(let seconds):
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            }
        }
        let data = Data(buffer: body)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        switch method {
        case "getMe":
            return (
                200, #"{"ok":true,"result":{"id":42,"is_bot":true,"first_name":"cxzy","username":"\#(botUsername)"}}"#
            )
        case "setMyCommands":
            commands = (json["commands"] as? [[String: Any]] ?? []).compactMap { $0["command"] as? String }
            return (200, #"{"ok":true,"result":true}"#)
        case "deleteWebhook", "setWebhook":
            return (200, #"{"ok":true,"result":true}"#)
        case "getUpdates":
            // Read wide: an offset one past Int64.max confirms every update, as Telegram's rule says.
            let offsetText = (json["offset"] as? NSNumber)?.stringValue
            let offset = offsetText.flatMap { Int128($0) }
            getUpdatesOffsets.append(offset.flatMap { Int64(exactly: $0) })
            getUpdatesOffsetTexts.append(offsetText ?? "")
            if let offset {
                for u in updates where Int128(u.id) < offset { consumed[u.id] = u.json }
                updates.removeAll { Int128($0.id) < offset }
            }
            let timeout = (json["timeout"] as? NSNumber)?.doubleValue ?? 0
            let limit = min((json["limit"] as? NSNumber)?.intValue ?? 100, batchLimit ?? .max)
            let deadline = ContinuousClock.now.advanced(by: .seconds(min(timeout, 2)))
            while updates.isEmpty && ContinuousClock.now < deadline && !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(5))
            }
            let batch = updates.prefix(limit).map(\.json).joined(separator: ",")
            return (200, #"{"ok":true,"result":[\#(batch)]}"#)
        case "sendMessage":
            let chat = "\(json["chat_id"] ?? "")"
            let text = json["text"] as? String ?? ""
            let reply = (json["reply_to_message_id"] as? NSNumber)?.int64Value
            sent.append(Sent(chat: chat, text: text, replyTo: reply, at: Date(), isDocument: false))
            nextMessageID += 1
            return (
                200,
                #"{"ok":true,"result":{"message_id":\#(nextMessageID),"date":1286000000,"chat":{"id":\#(Int64(chat) ?? 0),"type":"private"},"text":"ok"}}"#
            )
        case "getFile":
            let fileID = json["file_id"] as? String ?? ""
            guard let file = files[fileID] else {
                return (400, #"{"ok":false,"error_code":400,"description":"Bad Request: invalid file_id"}"#)
            }
            return (
                200,
                #"{"ok":true,"result":{"file_id":"\#(fileID)","file_size":\#(file.count),"file_path":"\#(fileID)"}}"#
            )
        case "sendDocument", "sendPhoto":
            let text = String(decoding: data, as: UTF8.self)
            let chat =
                text.range(of: "name=\"chat_id\"\r\n\r\n").map { String(text[$0.upperBound...].prefix { $0 != "\r" }) }
                ?? ""
            // ("\r\n" is one Character, so the prefix above runs past the field when more follow.)
            let chatField = Self.part("chat_id", of: data).map { String(decoding: $0, as: UTF8.self) } ?? chat
            let caption = Self.part("caption", of: data).map { String(decoding: $0, as: UTF8.self) }
            let file = Self.part(method == "sendPhoto" ? "photo" : "document", of: data)
            sent.append(
                Sent(
                    chat: chatField, text: text, replyTo: nil, at: Date(), isDocument: method == "sendDocument",
                    isPhoto: method == "sendPhoto", file: file, caption: caption))
            nextMessageID += 1
            return (
                200,
                #"{"ok":true,"result":{"message_id":\#(nextMessageID),"date":1286000000,"chat":{"id":\#(Int64(chat) ?? 0),"type":"private"}}}"#
            )
        default:
            return (404, #"{"ok":false,"error_code":404,"description":"Not Found: method \#(method)"}"#)
        }
    }

    /// Runs the server until the task is cancelled. Use `ready()` to wait until it listens.
    package func serve() async throws {
        let router = Router()
        router.post("/:token/:method") { request, context -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 16 << 20)
            let (status, text) = await self.handle(
                method: context.parameters.get("method") ?? "",
                tokenPart: context.parameters.get("token") ?? "", body: body)
            return Response(
                status: .init(code: status), headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/file/:token/:path") { _, context -> Response in
            guard context.parameters.get("token") == "bot" + self.token,
                let data = await self.download(context.parameters.get("path") ?? "")
            else {
                return Response(status: .notFound)
            }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        try await listener.run(router)
    }

    /// Messages sent to `chat`, in order.
    package func sent(to chat: Int64) -> [Sent] { sent.filter { $0.chat == String(chat) } }
}
