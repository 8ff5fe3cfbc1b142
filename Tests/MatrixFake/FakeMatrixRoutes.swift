import Foundation

/// The Client-Server API requests, routed by path after the access token is checked.
extension FakeMatrix {
    struct Request: Sendable {
        var method: String
        /// The path's segments, percent-decoded.
        var path: [String]
        var query: [String: String]
        var token: String?
        var body: Data
        var contentType: String
    }

    struct Answer: Sendable {
        var status: Int
        var body: Data
        var contentType = "application/json"
        /// Seconds to hold the answer back.
        var delay: Double = 0

        static func json(_ object: [String: Any], status: Int = 200) -> Answer {
            Answer(status: status, body: (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8))
        }

        static func error(_ status: Int, _ errcode: String, _ message: String, extra: [String: Any] = [:]) -> Answer {
            .json(extra.merging(["errcode": errcode, "error": message]) { $1 }, status: status)
        }
    }

    enum Routed {
        case answer(Answer)
        /// A sync to answer once something new happens (long polling), with the fault for its answer.
        case sync(Session, SyncRequest, Fault?)
    }

    /// The endpoint a path names (the key for `calls` and `inject`), and its parameters.
    static func endpoint(_ method: String, _ path: [String]) -> (String, [String])? {
        let client = ["_matrix", "client", "v3"]
        if path.starts(with: client) {
            let rest = Array(path.dropFirst(3))
            switch (method, rest.count, rest.first) {
            case ("POST", 1, "login"?): return ("login", [])
            case ("POST", 1, "createRoom"?): return ("createRoom", [])
            case ("GET", 1, "sync"?): return ("sync", [])
            case ("GET", 2, "account"?) where rest[1] == "whoami": return ("whoami", [])
            case ("POST", 3, "user"?) where rest[2] == "filter": return ("filter", [rest[1]])
            case ("POST", 3, "rooms"?) where rest[2] == "join" || rest[2] == "leave": return (rest[2], [rest[1]])
            case ("GET", 3, "rooms"?) where rest[2] == "messages" || rest[2] == "joined_members":
                return (rest[2], [rest[1]])
            case ("PUT", 5, "rooms"?) where rest[2] == "send": return ("send", [rest[1], rest[3], rest[4]])
            default: return nil
            }
        }
        if method == "POST" && path == ["_matrix", "media", "v3", "upload"] { return ("upload", []) }
        let download = ["_matrix", "client", "v1", "media", "download"]
        if method == "GET" && path.starts(with: download) && (7...8).contains(path.count) {
            return ("download", [path[5], path[6]])
        }
        return nil
    }

    func route(_ request: Request) -> Routed {
        if request.method == "GET" && request.path == ["_matrix", "client", "versions"] {
            return .answer(.json(["versions": ["v1.11", "v1.12"]]))
        }
        guard let (endpoint, parameters) = Self.endpoint(request.method, request.path) else {
            return .answer(.error(404, "M_UNRECOGNIZED", "Unrecognized request"))
        }
        calls[endpoint, default: 0] += 1
        let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any]
        if endpoint == "login" {
            return .answer(Self.applying(nextFault(endpoint)) { login(body ?? [:]) })
        }
        guard let token = request.token else {
            return .answer(.error(401, "M_MISSING_TOKEN", "Missing access token"))
        }
        guard let session = sessions[token] else {
            return .answer(
                .error(401, "M_UNKNOWN_TOKEN", "Invalid access token passed.", extra: ["soft_logout": false]))
        }
        let fault = nextFault(endpoint)
        if endpoint == "sync" {
            let filterID = request.query["filter"]
            guard request.query["since"] == nil || Self.position(request.query["since"]) != nil else {
                return .answer(.error(400, "M_INVALID_PARAM", "Invalid stream token"))
            }
            guard filterID == nil || filters[filterID!] != nil else {
                return .answer(.error(400, "M_INVALID_PARAM", "No such filter"))
            }
            if let fault, case .error = fault { return .answer(Self.applying(fault) { .json([:]) }) }
            let sync = SyncRequest(
                since: Self.position(request.query["since"]), filter: filterID.flatMap { filters[$0] } ?? Filter(),
                timeoutMs: Int(request.query["timeout"] ?? "") ?? 0)
            return .sync(session, sync, fault)
        }
        if ["filter", "createRoom", "send"].contains(endpoint) && body == nil {
            return .answer(.error(400, "M_NOT_JSON", "Content not JSON."))
        }
        return .answer(
            Self.applying(fault) {
                perform(endpoint, parameters, session: session, body: body ?? [:], request: request)
            })
    }

    /// What a fault makes of an answer: an error instead of the work, or the work done and its answer lost or late.
    static func applying(_ fault: Fault?, _ work: () -> Answer) -> Answer {
        switch fault {
        case .error(let status, let errcode, let retryAfterMs)?:
            return .error(
                status, errcode, "injected", extra: retryAfterMs.map { ["retry_after_ms": $0] as [String: Any] } ?? [:])
        case .answerLost?:
            _ = work()
            return Answer(status: 502, body: Data("<html>502 Bad Gateway</html>".utf8), contentType: "text/html")
        case .slowAnswer(let seconds)?:
            var answer = work()
            answer.delay = seconds
            return answer
        case nil:
            return work()
        }
    }

    private func perform(
        _ endpoint: String, _ parameters: [String], session: Session, body: [String: Any], request: Request
    ) -> Answer {
        switch endpoint {
        case "whoami":
            return .json(["user_id": session.userID, "device_id": session.deviceID, "is_guest": false])
        case "filter":
            guard parameters[0] == session.userID else {
                return .error(403, "M_FORBIDDEN", "Cannot create filters for other users")
            }
            return .json(["filter_id": createFilter(body)])
        case "messages":
            return messagesAnswer(session, roomID: parameters[0], query: request.query)
        case "join", "leave":
            return membership(session, endpoint, roomID: parameters[0], reason: body["reason"] as? String)
        case "joined_members":
            guard let room = rooms[parameters[0]], room.members[session.userID] == "join" else {
                return .error(403, "M_FORBIDDEN", "User \(session.userID) not in room \(parameters[0])")
            }
            let joined = room.members.filter { $0.value == "join" }.keys
            return .json(["joined": Dictionary(uniqueKeysWithValues: joined.map { ($0, ["display_name": $0]) })])
        case "createRoom":
            let invite = body["invite"] as? [String] ?? []
            let direct = body["is_direct"] as? Bool ?? false
            return .json(["room_id": createRoom(by: session.userID, invite: invite, direct: direct)])
        case "send":
            return send(session, roomID: parameters[0], type: parameters[1], txnID: parameters[2], content: body)
        case "upload":
            guard request.body.count <= 50 << 20 else {
                return .error(413, "M_TOO_LARGE", "Upload request body is too large")
            }
            let type = request.contentType.isEmpty ? "application/octet-stream" : request.contentType
            return .json(["content_uri": store(request.body, contentType: type, fileName: request.query["filename"])])
        case "download":
            guard let upload = uploads["mxc://\(parameters[0])/\(parameters[1])"] else {
                return .error(404, "M_NOT_FOUND", "Not found")
            }
            return Answer(status: 200, body: upload.data, contentType: upload.contentType)
        default:
            return .error(404, "M_UNRECOGNIZED", "Unrecognized request")
        }
    }

    private func nextFault(_ endpoint: String) -> Fault? {
        guard var list = faults[endpoint], !list.isEmpty else { return nil }
        let fault = list.removeFirst()
        faults[endpoint] = list
        return fault
    }

    /// `m.login.password` with `identifier.user` a localpart or a user id; the device given, or a new one.
    private func login(_ body: [String: Any]) -> Answer {
        guard body["type"] as? String == "m.login.password" else {
            return .error(400, "M_UNKNOWN", "Unknown login type")
        }
        let identifier = body["identifier"] as? [String: Any]
        let name = identifier?["user"] as? String ?? body["user"] as? String ?? ""
        let userID = name.hasPrefix("@") ? name : "@\(name):\(serverName)"
        guard let password = passwords[userID], password == body["password"] as? String else {
            return .error(403, "M_FORBIDDEN", "Invalid username or password")
        }
        let deviceID = body["device_id"] as? String ?? Self.random(10).uppercased()
        let token = "syt_\(Self.random(24))"
        sessions[token] = Session(userID: userID, deviceID: deviceID, accessToken: token)
        return .json(["user_id": userID, "access_token": token, "device_id": deviceID, "home_server": serverName])
    }

    private func membership(_ session: Session, _ change: String, roomID: String, reason: String?) -> Answer {
        guard let room = rooms[roomID] else { return .error(404, "M_NOT_FOUND", "No known servers") }
        let current = room.members[session.userID]
        guard current == "invite" || current == "join" else {
            return .error(403, "M_FORBIDDEN", "You are not invited to this room.")
        }
        let target = change == "join" ? "join" : "leave"
        if current != target {
            setMembership(
                session.userID, in: roomID, to: target, by: session.userID,
                extra: reason.map { ["reason": $0] as [String: Any] } ?? [:])
        }
        return .json(change == "join" ? ["room_id": roomID] : [:])
    }

    /// A send under a transaction id the same device used before in the same room answers the first event's id.
    private func send(_ session: Session, roomID: String, type: String, txnID: String, content: [String: Any])
        -> Answer
    {
        guard rooms[roomID]?.members[session.userID] == "join" else {
            return .error(403, "M_FORBIDDEN", "User \(session.userID) not in room \(roomID)")
        }
        let key = [session.userID, session.deviceID, roomID, type, txnID].joined(separator: "\u{1F}")
        if let first = transactions[key] {
            deduplicated += 1
            return .json(["event_id": first])
        }
        let event = append(roomID, type: type, sender: session.userID, content: content)
        transactions[key] = event.eventID
        return .json(["event_id": event.eventID])
    }
}
