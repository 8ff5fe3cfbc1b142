package import Foundation

/// The WeCom server API the bot uses: `gettoken`, `message/send` (the app's messages to a member) and a group robot's
/// `webhook/send`, over libcurl (`CurlHTTP`). The access token is cached until shortly before it expires and
/// fetched again once when WeCom says it is no longer valid; neither it nor the secret is ever logged.
package struct WeComAPI: Sendable {
    /// Requests in flight at once. WeCom's send APIs take no idempotency key, so a reply whose answer a crash cut off
    /// is sent again after the restart: this bounds how many (the platform's own send limits are lower still).
    package static let connections = 4

    package let base: URL
    let http: any OutboundHTTP
    let tokens: AccessTokenCache

    package init(base: URL, corpID: String, secret: String, http: (any OutboundHTTP)? = nil) {
        let http = http ?? CurlHTTP(maxConnectionsPerHost: Self.connections)
        self.base = base
        self.http = http
        tokens = AccessTokenCache(platform: WeComTransport.name) {
            var components = URLComponents(
                url: base.appendingPathComponent("cgi-bin/gettoken"), resolvingAgainstBaseURL: false)
            components?.queryItems = [
                URLQueryItem(name: "corpid", value: corpID), URLQueryItem(name: "corpsecret", value: secret),
            ]
            guard let url = components?.url else {
                throw WeComError.refused(code: 0, "CXZY_WECOM_API_BASE is not a usable URL")
            }
            let reply = try await Self.perform(OutboundRequest(url), http: http)
            guard let value = reply.access_token, !value.isEmpty else {
                throw WeComError.transient("gettoken returned no access_token")
            }
            return (value, TimeInterval(reply.expires_in ?? 7200))
        }
    }

    struct Reply: Decodable {
        var errcode: Int?
        var errmsg: String?
        var access_token: String?
        var expires_in: Int?
        var invaliduser: String?
        /// `media/upload`, `webhook/upload_media`.
        var media_id: String?
    }

    /// A valid access token: the cached one, or a new one from `gettoken` (one request however many callers wait).
    package func accessToken() async throws -> String { try await tokens.token() }

    /// A message body: `text` or `markdown` content, for the app (`touser`, `agentid`) or a group robot.
    struct Message: Encodable {
        struct Content: Encodable { var content: String }
        /// A picture or file by its uploaded `media_id`, or (a group robot's picture) the bytes in base64 with their MD5.
        struct Media: Encodable {
            var media_id: String?
            var base64: String?
            var md5: String?
        }
        var touser: String?
        var msgtype: String
        var agentid: Int?
        var text: Content?
        var markdown: Content?
        var image: Media?
        var file: Media?

        init(touser: String? = nil, agentid: Int? = nil, content: String, markdown: Bool) {
            self.touser = touser
            self.agentid = agentid
            msgtype = markdown ? "markdown" : "text"
            if markdown { self.markdown = Content(content: content) } else { text = Content(content: content) }
        }
    }

    /// Sends the app's message to one member (`touser` = their WeCom userid). A token WeCom no longer accepts is
    /// fetched again once.
    package func send(toUser user: String, agentID: Int, content: String, markdown: Bool = false) async throws {
        let message = Message(touser: user, agentid: agentID, content: content, markdown: markdown)
        try await tokens.using { token in
            try await post(
                "cgi-bin/message/send", query: [URLQueryItem(name: "access_token", value: token)], body: message)
        }
    }

    /// Posts to a group robot (群机器人) by its webhook key.
    package func robotSend(key: String, content: String, markdown: Bool = false) async throws {
        try await post(
            "cgi-bin/webhook/send", query: [URLQueryItem(name: "key", value: key)],
            body: Message(content: content, markdown: markdown))
    }

    func post(_ path: String, query: [URLQueryItem], body: Message) async throws {
        let request = OutboundRequest(
            "POST", try url(path, query), headers: [("Content-Type", "application/json; charset=utf-8")],
            body: try JSONEncoder().encode(body))
        _ = try await Self.perform(request, http: http)
    }

    func url(_ path: String, _ query: [URLQueryItem]) throws -> URL {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        components?.queryItems = query
        guard let url = components?.url else {
            throw WeComError.refused(code: 0, "CXZY_WECOM_API_BASE is not a usable URL")
        }
        return url
    }

    static func perform(_ request: OutboundRequest, http: any OutboundHTTP) async throws -> Reply {
        let (data, status) = try await http.exchange(request) { WeComError.transient($0) }
        guard (200..<300).contains(status) else { throw WeComError.transient("HTTP \(status)") }
        guard let reply = try? JSONDecoder().decode(Reply.self, from: data) else {
            throw WeComError.transient("unreadable answer (HTTP \(status), \(data.count) bytes)")
        }
        let code = reply.errcode ?? 0
        guard code == 0 else { throw WeComError.from(code: code, message: reply.errmsg ?? "") }
        return reply
    }
}
