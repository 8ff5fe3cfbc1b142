package import Foundation

/// Why a Bot API call failed, sorted by what the caller should do about it.
package enum TelegramError: PlatformError, Sendable {
    /// 429: wait this many seconds; every send pauses.
    case retryAfter(seconds: Int)
    /// 5xx, timeouts, connection errors, garbage: retry with backoff.
    case transient(String)
    /// 401/404: the token is wrong or revoked; stop the bot.
    case unauthorized(String)
    /// 409: another getUpdates consumer or a webhook is set; stop with instructions.
    case conflict(String)
    /// 400/403: this request can never succeed (chat not found, bot blocked); drop it.
    case rejected(code: Int, String)

    package var description: String {
        switch self {
        case .retryAfter(let s): "Telegram asked to wait \(s) s (429)"
        case .transient(let d): "temporary Telegram failure: \(d)"
        case .unauthorized(let d):
            "Telegram refused the bot token (\(d)). Check CXZY_TELEGRAM_TOKEN; the bot stops rather than retrying."
        case .conflict(let d):
            "Telegram reports a conflict (\(d)): another process is polling with this token, or a webhook is set (run `cxzy telegram delete-webhook` to poll)."
        case .rejected(let code, let d): "Telegram rejected the request (\(code)): \(d)"
        }
    }

    package var refusesCredentials: Bool { isFatal }

    package var isFatal: Bool {
        switch self {
        case .unauthorized, .conflict: true
        default: false
        }
    }
}

/// A Bot API client over libcurl (`CurlHTTP`). The token is never logged: it is cut out of every error.
package struct TelegramAPI: Sendable {
    package let base: URL
    private let token: String
    private let http: any OutboundHTTP
    /// `{base}/bot{token}`, which every method's URL extends.
    private let methods: URL

    package init(base: URL, token: String, http: (any OutboundHTTP)? = nil) {
        self.base = base
        self.token = token
        self.http = http ?? CurlHTTP(maxConnectionsPerHost: 64)
        methods = base.appendingPathComponent("bot" + token)
    }

    private func url(_ method: String) -> URL { methods.appendingPathComponent(method) }

    func redact(_ text: String) -> String { text.replacingOccurrences(of: token, with: "<token>") }

    /// Calls `method` with a JSON body and decodes `result`.
    package func call<Body: Encodable, Result: Decodable>(_ method: String, _ body: Body, timeout: TimeInterval = 30)
        async throws -> Result
    {
        let request = OutboundRequest(
            "POST", url(method), headers: [("Content-Type", "application/json")], body: try JSONEncoder().encode(body),
            timeout: timeout)
        return try await perform(request, method)
    }

    /// Uploads a file (sendDocument) as multipart/form-data.
    package func upload<Result: Decodable>(
        _ method: String, fields: [String: String], fileField: String, fileName: String,
        mimeType: String, content: Data
    ) async throws -> Result {
        var form = MultipartForm()
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { form.add(field: key, value) }
        form.add(file: fileField, fileName: fileName, mimeType: mimeType, content: content)
        let request = OutboundRequest(
            "POST", url(method), headers: [("Content-Type", form.contentType)], body: form.data, timeout: 60)
        return try await perform(request, method)
    }

    private static let okPrefix = Data(#"{"ok":true,"#.utf8)

    private func perform<Result: Decodable>(_ request: OutboundRequest, _ method: String) async throws -> Result {
        let (data, status) = try await http.exchange(request) { TelegramError.transient(redact($0)) }
        // A sent message's answer is not read: `{"ok":true,…` is all there is to know (anything else is decoded).
        if status == 200, Result.self == TelegramObjects.Ignored.self, data.starts(with: Self.okPrefix),
            let ignored = TelegramObjects.Ignored() as? Result
        {
            return ignored
        }
        let envelope = try? JSONDecoder().decode(TelegramObjects.Envelope<Result>.self, from: data)
        let description = redact(envelope?.description ?? String(decoding: data.prefix(200), as: UTF8.self))
        switch status {
        case 200:
            guard let envelope, envelope.ok, let result = envelope.result else {
                throw TelegramError.transient(
                    "malformed answer from \(method): \(description)")
            }
            return result
        case 429:
            throw TelegramError.retryAfter(seconds: max(1, envelope?.parameters?.retry_after ?? 5))
        case 401, 404:
            throw TelegramError.unauthorized("\(status) \(description)")
        case 409:
            throw TelegramError.conflict(description)
        case 400..<500:
            // 400 bad request, 403 blocked, 413 too large …: this request will never succeed.
            throw TelegramError.rejected(code: status, description)
        default:
            throw TelegramError.transient("HTTP \(status): \(description)")
        }
    }

    // MARK: methods

    struct GetUpdates: Encodable {
        var offset: TelegramOffset?
        var limit: Int
        var timeout: Int
        var allowed_updates: [String]
    }

    package func getUpdates(offset: Int64?, timeout: Int, limit: Int = 100) async throws -> [TelegramObjects.Update] {
        try await getUpdates(from: offset.map(TelegramOffset.init), timeout: timeout, limit: limit)
    }

    /// `getUpdates` from `offset` (nil: from the earliest update not yet confirmed).
    package func getUpdates(from offset: TelegramOffset?, timeout: Int, limit: Int = 100) async throws
        -> [TelegramObjects.Update]
    {
        try await call(
            "getUpdates", GetUpdates(offset: offset, limit: limit, timeout: timeout, allowed_updates: ["message"]),
            timeout: TimeInterval(timeout + 15))
    }

    struct SendMessage: Encodable {
        var chat_id: String
        var text: String
        var reply_to_message_id: Int64?
        var allow_sending_without_reply: Bool?
        var link_preview_options: [String: Bool]?
    }

    package func sendMessage(chat: String, text: String, replyTo: Int64?) async throws {
        let _: TelegramObjects.Ignored = try await call(
            "sendMessage",
            SendMessage(
                chat_id: chat, text: text, reply_to_message_id: replyTo,
                allow_sending_without_reply: replyTo == nil ? nil : true,
                link_preview_options: ["is_disabled": true]))
    }

    package func sendDocument(
        chat: String, fileName: String, mimeType: String, content: Data, caption: String?, replyTo: Int64?
    ) async throws {
        try await sendFile(
            "sendDocument", fileField: "document", chat: chat, fileName: fileName, mimeType: mimeType,
            content: content, caption: caption, replyTo: replyTo)
    }

    /// A file upload (`sendDocument`, `sendPhoto`) with its caption (Telegram keeps 1,024 characters) and reply.
    func sendFile(
        _ method: String, fileField: String, chat: String, fileName: String, mimeType: String, content: Data,
        caption: String?, replyTo: Int64?
    ) async throws {
        var fields = ["chat_id": chat]
        if let caption { fields["caption"] = String(caption.prefix(1000)) }
        if let replyTo {
            fields["reply_to_message_id"] = String(replyTo)
            fields["allow_sending_without_reply"] = "true"
        }
        let _: TelegramObjects.Message = try await upload(
            method, fields: fields, fileField: fileField, fileName: fileName, mimeType: mimeType, content: content)
    }

    /// The bytes behind a `getFile` path (the token is in the URL, so errors are redacted).
    package func downloadFile(path: String) async throws -> Data {
        let request = OutboundRequest(
            base.appendingPathComponent("file").appendingPathComponent("bot" + token).appendingPathComponent(path),
            timeout: 60)
        let (data, status) = try await http.exchange(request) { TelegramError.transient(redact($0)) }
        guard status == 200 else { throw TelegramError.transient("file download: HTTP \(status)") }
        return data
    }

    package func getMe() async throws -> TelegramObjects.User {
        try await call("getMe", [String: String]())
    }

    struct BotCommand: Encodable {
        var command: String
        var description: String
    }

    package func setMyCommands(_ commands: [(String, String)]) async throws {
        struct Body: Encodable { var commands: [BotCommand] }
        let _: Bool = try await call(
            "setMyCommands", Body(commands: commands.map { BotCommand(command: $0.0, description: $0.1) }))
    }

    package func setWebhook(url: String, secret: String) async throws {
        struct Body: Encodable {
            var url: String
            var secret_token: String
            var allowed_updates: [String]
            var max_connections: Int
        }
        // One delivery at a time keeps update ids in order, so "below the saved position" always means "handled".
        let _: Bool = try await call(
            "setWebhook", Body(url: url, secret_token: secret, allowed_updates: ["message"], max_connections: 1))
    }

    package func deleteWebhook() async throws {
        let _: Bool = try await call("deleteWebhook", [String: Bool]())
    }
}
