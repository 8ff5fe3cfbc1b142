package import Foundation

/// Why a Client-Server API call failed, sorted by what to do about it.
package enum MatrixError: PlatformError, Sendable {
    case retryAfter(seconds: Double)
    case transient(String)
    /// M_UNKNOWN_TOKEN / M_FORBIDDEN on login: the bot cannot go on.
    case unauthorized(String)
    case rejected(code: Int, String)

    package var description: String {
        switch self {
        case .retryAfter(let s): "the homeserver asked to wait \(s) s (M_LIMIT_EXCEEDED)"
        case .transient(let d): "temporary homeserver failure: \(d)"
        case .unauthorized(let d):
            "the homeserver refused the bot's credentials (\(d)). Check CXZY_MATRIX_USER/CXZY_MATRIX_PASSWORD or CXZY_MATRIX_TOKEN; the bot stops rather than retrying."
        case .rejected(let code, let d): "the homeserver rejected the request (\(code)): \(d)"
        }
    }

    package var refusesCredentials: Bool {
        if case .unauthorized = self { true } else { false }
    }
}

/// The parts of Matrix events the bot reads. Unknown fields are ignored; an event it cannot read is skipped.
package enum MatrixObjects {
    package struct Mentions: Decodable, Sendable { package var user_ids: [String]? }

    package struct Content: Decodable, Sendable {
        package var msgtype: String?
        package var body: String?
        package var membership: String?
        package var is_direct: Bool?
        package var mentions: Mentions?
        /// `m.image` / `m.file`: where the file is (`mxc://…`), its name and size.
        package var url: String?
        package var filename: String?
        package var info: FileInfo?
        enum CodingKeys: String, CodingKey {
            case msgtype, body, membership, is_direct, url, filename, info
            case mentions = "m.mentions"
        }
    }

    package struct Event: Decodable, Sendable {
        package var type: String
        package var sender: String?
        package var event_id: String?
        package var state_key: String?
        package var content: Content?
    }

    /// An array that keeps the elements it can decode and drops the rest.
    package struct Lossy<T: Decodable & Sendable>: Decodable, Sendable {
        package var items: [T]
        package init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            var items: [T] = []
            while !container.isAtEnd {
                if let item = try? container.decode(T.self) {
                    items.append(item)
                } else {
                    _ = try? container.decode(Skip.self)
                }
            }
            self.items = items
        }
        struct Skip: Decodable {}
    }

    package struct Timeline: Decodable, Sendable {
        package var events: Lossy<Event>?
        package var limited: Bool?
        package var prev_batch: String?
    }
    package struct StateEvents: Decodable, Sendable { package var events: Lossy<Event>? }
    package struct JoinedRoom: Decodable, Sendable {
        package var timeline: Timeline?
        package var state: StateEvents?
    }
    package struct InvitedRoom: Decodable, Sendable {
        package var invite_state: StateEvents?
    }
    package struct Rooms: Decodable, Sendable {
        package var join: [String: JoinedRoom]?
        package var invite: [String: InvitedRoom]?
    }
    package struct Sync: Decodable, Sendable {
        package var next_batch: String
        package var rooms: Rooms?
    }
}

/// A Matrix Client-Server API (v3) client over libcurl (`CurlHTTP`). The access token is never logged.
package struct MatrixAPI: Sendable {
    package let base: URL
    package let token: String
    private let http: any OutboundHTTP

    package init(base: URL, token: String, http: (any OutboundHTTP)? = nil) {
        self.base = base
        self.token = token
        self.http = http ?? CurlHTTP(maxConnectionsPerHost: 16)
    }

    static func escape(_ part: String) -> String {
        part.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
            ?? part
    }

    /// `path` is already percent-escaped where needed.
    func request(
        _ method: String, _ path: String, query: [URLQueryItem] = [], body: Data? = nil,
        contentType: String = "application/json", timeout: TimeInterval = 30, auth: Bool = true
    ) async throws -> Data {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else {
            throw MatrixError.transient("bad base URL")
        }
        components.percentEncodedPath =
            components.percentEncodedPath.trimmingCharacters(in: CharacterSet(charactersIn: "/")).isEmpty
            ? path : "/" + components.percentEncodedPath.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + path
        if !query.isEmpty { components.queryItems = query }
        guard let url = components.url else { throw MatrixError.transient("bad URL for \(path)") }
        var request = OutboundRequest(method, url, timeout: timeout)
        if auth { request.headers.append(("Authorization", "Bearer \(token)")) }
        if let body {
            request.body = body
            request.headers.append(("Content-Type", contentType))
        }
        let (data, status) = try await http.exchange(request) { MatrixError.transient($0) }
        if (200..<300).contains(status) { return data }
        struct Failure: Decodable {
            var errcode: String?
            var error: String?
            var retry_after_ms: Double?
        }
        let failure = try? JSONDecoder().decode(Failure.self, from: data)
        let detail =
            "\(status) \(failure?.errcode ?? "") \(failure?.error ?? String(decoding: data.prefix(200), as: UTF8.self))"
        switch (status, failure?.errcode) {
        case (429, _), (_, "M_LIMIT_EXCEEDED"?):
            throw MatrixError.retryAfter(seconds: max(0.1, (failure?.retry_after_ms ?? 1000) / 1000))
        case (_, "M_UNKNOWN_TOKEN"?), (_, "M_MISSING_TOKEN"?), (401, _):
            throw MatrixError.unauthorized(detail)
        case (500..., _):
            throw MatrixError.transient(detail)
        default:
            throw MatrixError.rejected(code: status, detail)
        }
    }

    func json<T: Decodable>(_ data: Data, _ what: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw MatrixError.transient("malformed answer to \(what)")
        }
    }

    static func body(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
    }

    // MARK: account

    package struct Login: Decodable, Sendable {
        package var user_id: String
        package var access_token: String
        package var device_id: String?
    }

    /// Password login, always as the same device: the homeserver deduplicates resent transactions per device.
    package static func login(base: URL, user: String, password: String, deviceID: String) async throws -> Login {
        let api = MatrixAPI(base: base, token: "")
        let body = Self.body([
            "type": "m.login.password", "identifier": ["type": "m.id.user", "user": user],
            "password": password, "device_id": deviceID, "initial_device_display_name": "cxzy bot",
        ])
        do {
            let data = try await api.request("POST", "/_matrix/client/v3/login", body: body, auth: false)
            return try api.json(data, "login")
        } catch MatrixError.rejected(let code, let detail) where code == 403 || code == 400 {
            throw MatrixError.unauthorized(detail)
        }
    }

    package struct WhoAmI: Decodable, Sendable {
        package var user_id: String
        package var device_id: String?
    }

    package func whoami() async throws -> WhoAmI {
        try json(try await request("GET", "/_matrix/client/v3/account/whoami"), "whoami")
    }

    /// Ends this token's session (and removes its device).
    package func logout() async throws {
        _ = try await request("POST", "/_matrix/client/v3/logout", body: Data("{}".utf8))
    }

    package func createFilter(userID: String) async throws -> String {
        let filter: [String: Any] = [
            "presence": ["types": [] as [String]],
            "account_data": ["types": [] as [String]],
            "room": [
                "timeline": ["types": ["m.room.message", "m.room.member"], "limit": 100],
                "state": ["types": ["m.room.member"], "lazy_load_members": true],
                "ephemeral": ["types": [] as [String]],
                "account_data": ["types": [] as [String]],
            ] as [String: Any],
        ]
        struct Answer: Decodable { var filter_id: String }
        let data = try await request(
            "POST", "/_matrix/client/v3/user/\(Self.escape(userID))/filter", body: Self.body(filter))
        let answer: Answer = try json(data, "filter")
        return answer.filter_id
    }

    package func sync(since: String?, filter: String, timeoutMs: Int) async throws -> MatrixObjects.Sync {
        var query = [
            URLQueryItem(name: "filter", value: filter), URLQueryItem(name: "timeout", value: String(timeoutMs)),
        ]
        if let since { query.append(URLQueryItem(name: "since", value: since)) }
        let data = try await request(
            "GET", "/_matrix/client/v3/sync", query: query, timeout: TimeInterval(timeoutMs / 1000 + 30))
        return try json(data, "sync")
    }

    // MARK: rooms

    /// The room's events between two sync positions (a gap of a limited timeline), oldest first; at most 1,000.
    package func messagesBetween(_ roomID: String, from: String, to: String) async throws -> [MatrixObjects.Event] {
        struct Page: Decodable {
            var chunk: MatrixObjects.Lossy<MatrixObjects.Event>?
            var end: String?
        }
        var events: [MatrixObjects.Event] = []
        var token = from
        for _ in 0..<10 {
            let data = try await request(
                "GET", "/_matrix/client/v3/rooms/\(Self.escape(roomID))/messages",
                query: [
                    URLQueryItem(name: "from", value: token), URLQueryItem(name: "to", value: to),
                    URLQueryItem(name: "dir", value: "b"), URLQueryItem(name: "limit", value: "100"),
                ])
            let page: Page = try json(data, "messages")
            let chunk = page.chunk?.items ?? []
            events += chunk
            guard let end = page.end, !chunk.isEmpty else { break }
            token = end
        }
        return events.reversed()
    }

    package func join(_ roomID: String) async throws {
        _ = try await request("POST", "/_matrix/client/v3/rooms/\(Self.escape(roomID))/join", body: Self.body([:]))
    }

    package func leave(_ roomID: String, reason: String) async throws {
        _ = try await request(
            "POST", "/_matrix/client/v3/rooms/\(Self.escape(roomID))/leave", body: Self.body(["reason": reason]))
    }

    package func joinedMembers(_ roomID: String) async throws -> [String] {
        struct Answer: Decodable { var joined: [String: Skip]? }
        struct Skip: Decodable {}
        let data = try await request("GET", "/_matrix/client/v3/rooms/\(Self.escape(roomID))/joined_members")
        let answer: Answer = try json(data, "joined_members")
        return Array((answer.joined ?? [:]).keys)
    }

    /// A new private room with `userID`, marked as a direct chat.
    package func createDirectRoom(with userID: String) async throws -> String {
        struct Answer: Decodable { var room_id: String }
        let body = Self.body([
            "preset": "trusted_private_chat", "is_direct": true, "invite": [userID], "name": "创先争优活动助手",
        ])
        let answer: Answer = try json(
            try await request("POST", "/_matrix/client/v3/createRoom", body: body), "createRoom")
        return answer.room_id
    }

    /// Sends with a transaction id: a resend of the same id from the same device is deduplicated by the server.
    package func send(room: String, transactionID: String, content: [String: Any]) async throws {
        _ = try await request(
            "PUT", "/_matrix/client/v3/rooms/\(Self.escape(room))/send/m.room.message/\(Self.escape(transactionID))",
            body: Self.body(content))
    }

    package func upload(fileName: String, mimeType: String, content: Data) async throws -> String {
        struct Answer: Decodable { var content_uri: String }
        let data = try await request(
            "POST", "/_matrix/media/v3/upload", query: [URLQueryItem(name: "filename", value: fileName)],
            body: content, contentType: mimeType)
        let answer: Answer = try json(data, "upload")
        return answer.content_uri
    }
}
