package import Foundation

/// The Feishu open API the bot uses (`{base}/open-apis/…`): the app's `tenant_access_token`, the bot's own open_id
/// (`bot/v3/info`), and messages: a reply to a message (`im/v1/messages/:message_id/reply`) or a new one
/// (`im/v1/messages`). Every send carries a `uuid`, so Feishu sends a repeated request only once (within an hour).
/// Neither the app secret nor the token is ever logged.
package struct FeishuAPI: Sendable {
    package let base: URL
    let appID: String
    private let http: any OutboundHTTP
    private let tokens: AccessTokenCache

    package init(base: URL, appID: String, appSecret: String, http: (any OutboundHTTP)? = nil) {
        let http = http ?? CurlHTTP(maxConnectionsPerHost: 16)
        self.base = base
        self.appID = appID
        self.http = http
        tokens = AccessTokenCache(platform: FeishuTransport.name) { [base] in
            struct Credentials: Encodable { var app_id: String; var app_secret: String }
            let reply = try await Self.call(
                base, "open-apis/auth/v3/tenant_access_token/internal",
                body: Credentials(app_id: appID, app_secret: appSecret), token: nil, http: http)
            guard let token = reply.tenant_access_token, !token.isEmpty else {
                throw OpenAPIError(.transient, "Feishu", "tenant_access_token returned no token")
            }
            return (token, TimeInterval(reply.expire ?? 7200))
        }
    }

    struct Reply: Decodable {
        struct Bot: Decodable { var open_id: String?; var app_name: String? }
        /// What an upload answers.
        struct Uploaded: Decodable { var image_key: String?; var file_key: String? }
        var code: Int?
        var msg: String?
        var tenant_access_token: String?
        var expire: Int?
        var bot: Bot?
        var data: Uploaded?
    }

    /// A valid tenant access token (cached).
    package func tenantAccessToken() async throws -> String { try await tokens.token() }

    /// The bot's own open_id and name: how it is mentioned in groups.
    package func botInfo() async throws -> (openID: String, name: String) {
        let reply = try await tokens.using { token in
            try await Self.call(base, "open-apis/bot/v3/info", body: nil as String?, token: token, http: http)
        }
        guard let openID = reply.bot?.open_id, !openID.isEmpty else {
            throw OpenAPIError(.transient, "Feishu", "bot/v3/info returned no open_id")
        }
        return (openID, reply.bot?.app_name ?? "")
    }

    /// A message's body: `msg_type` and its `content` (a JSON object in a string), with the idempotency `uuid`.
    package struct Message: Encodable, Sendable {
        var receive_id: String?
        var msg_type: String
        var content: String
        var uuid: String

        init(_ type: String, _ content: [String: String], uuid: String) {
            msg_type = type
            let encoded = (try? JSONEncoder().encode(content)) ?? Data("{}".utf8)
            self.content = String(decoding: encoded, as: UTF8.self)
            self.uuid = uuid
        }

        /// The same message addressed to `receiver` (a new message, not a reply).
        func to(_ receiver: String) -> Message {
            var addressed = self
            addressed.receive_id = receiver
            return addressed
        }

        package static func text(_ text: String, uuid: String) -> Message {
            Message("text", ["text": text], uuid: uuid)
        }
        package static func image(key: String, uuid: String) -> Message {
            Message("image", ["image_key": key], uuid: uuid)
        }
        package static func file(key: String, uuid: String) -> Message {
            Message("file", ["file_key": key], uuid: uuid)
        }
    }

    /// A text message to a chat (`oc_…`, `receive_id_type=chat_id`) or a person (`ou_…`, `open_id`).
    package func send(to receiver: String, text: String, uuid: String) async throws {
        try await send(.text(text, uuid: uuid), to: receiver)
    }

    /// A text reply to a message (`om_…`), in the message's chat.
    package func reply(to messageID: String, text: String, uuid: String) async throws {
        try await reply(.text(text, uuid: uuid), to: messageID)
    }

    /// A message to a chat or a person.
    package func send(_ message: Message, to receiver: String) async throws {
        let type = receiver.hasPrefix(FeishuTransport.chatPrefix) ? "chat_id" : "open_id"
        let body = message.to(receiver)
        _ = try await tokens.using { token in
            try await Self.call(
                base, "open-apis/im/v1/messages", query: ["receive_id_type": type], body: body, token: token,
                http: http)
        }
    }

    /// A reply to a message, in the message's chat.
    package func reply(_ message: Message, to messageID: String) async throws {
        _ = try await tokens.using { token in
            try await Self.call(
                base, "open-apis/im/v1/messages/\(messageID)/reply", body: message, token: token, http: http)
        }
    }

    /// Uploads a picture for messages (`im/v1/images`, `image_type=message`, at most 10 MB); its `image_key`.
    package func uploadImage(fileName: String, mimeType: String, content: Data) async throws -> String {
        var form = MultipartForm()
        form.add(field: "image_type", "message")
        form.add(file: "image", fileName: fileName, mimeType: mimeType, content: content)
        let reply = try await upload("open-apis/im/v1/images", form)
        guard let key = reply.data?.image_key, !key.isEmpty else {
            throw OpenAPIError(.transient, "Feishu", "im/v1/images returned no image_key")
        }
        return key
    }

    /// Uploads a file for messages (`im/v1/files`, at most 30 MB); its `file_key`. `fileType` is Feishu's: `pdf`,
    /// `doc`, `xls`, `ppt`, … or `stream` for any other file.
    package func uploadFile(fileName: String, fileType: String, mimeType: String, content: Data) async throws -> String
    {
        var form = MultipartForm()
        form.add(field: "file_type", fileType)
        form.add(field: "file_name", fileName)
        form.add(file: "file", fileName: fileName, mimeType: mimeType, content: content)
        let reply = try await upload("open-apis/im/v1/files", form)
        guard let key = reply.data?.file_key, !key.isEmpty else {
            throw OpenAPIError(.transient, "Feishu", "im/v1/files returned no file_key")
        }
        return key
    }

    private func upload(_ path: String, _ form: MultipartForm) async throws -> Reply {
        let url = base.appendingPathComponent(path)
        return try await tokens.using { token in
            let request = OutboundRequest(
                "POST", url, headers: [("Content-Type", form.contentType), ("Authorization", "Bearer " + token)],
                body: form.data, timeout: 60)
            return try await Self.perform(request, token: token, http: http)
        }
    }

    private static func call(
        _ base: URL, _ path: String, query: [String: String] = [:], body: (some Encodable)?, token: String?,
        http: any OutboundHTTP
    ) async throws -> Reply {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.queryItems = query.map { URLQueryItem(name: $0.key, value: $0.value) } }
        guard let url = components?.url else {
            throw OpenAPIError(.refused, "Feishu", "CXZY_FEISHU_API_BASE is not a usable URL")
        }
        var request = OutboundRequest(url)
        if let body {
            request.method = "POST"
            request.headers.append(("Content-Type", "application/json; charset=utf-8"))
            request.body = try JSONEncoder().encode(body)
        }
        if let token { request.headers.append(("Authorization", "Bearer " + token)) }
        return try await perform(request, token: token, http: http)
    }

    private static func perform(_ request: OutboundRequest, token: String?, http: any OutboundHTTP) async throws
        -> Reply
    {
        let (data, status) = try await http.exchange(request) { OpenAPIError(.transient, "Feishu", $0) }
        guard let reply = try? JSONDecoder().decode(Reply.self, from: data) else {
            if status == 429 { throw OpenAPIError(.tooFrequent, "Feishu", "HTTP 429") }
            throw OpenAPIError(.transient, "Feishu", "unreadable answer (HTTP \(status), \(data.count) bytes)")
        }
        let code = reply.code ?? 0
        guard code == 0, (200..<300).contains(status) else {
            throw OpenAPIError.feishu(status: status, code: code, message: reply.msg ?? "", credentials: token == nil)
        }
        return reply
    }
}
