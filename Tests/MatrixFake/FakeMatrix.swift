import FakeServer
package import Foundation

/// A Matrix homeserver on 127.0.0.1 for tests: the Client-Server API endpoints the bot uses (login, whoami, filters,
/// long-polled `/sync`, `/messages`, join, leave, joined_members, createRoom, sending with transaction ids, media
/// upload and authenticated download), answering as Synapse does. Every request but login needs a known access
/// token (401 `M_UNKNOWN_TOKEN` otherwise); a send whose transaction id the same device used before is not sent again
/// (the first event's id is answered). People act through this actor: they make rooms, invite, join and post text or
/// files; a test reads each room's events in order, and injects errors, lost or slow answers on request.
package actor FakeMatrix {
    /// A room event, numbered in the order the server took it (its stream position).
    package struct Event: Sendable {
        package let position: Int
        package let roomID: String
        package let eventID: String
        package let type: String
        package let sender: String
        package let stateKey: String?
        /// The content as JSON.
        package let content: Data

        package var object: [String: Any] {
            (try? JSONSerialization.jsonObject(with: content)) as? [String: Any] ?? [:]
        }
        package var msgtype: String? { object["msgtype"] as? String }
        package var body: String? { object["body"] as? String }
        /// `mxc://…` of an `m.image` / `m.file`.
        package var url: String? { object["url"] as? String }
        package var membership: String? { object["membership"] as? String }
        /// The event this one replies to (`m.relates_to` → `m.in_reply_to`).
        package var inReplyTo: String? {
            ((object["m.relates_to"] as? [String: Any])?["m.in_reply_to"] as? [String: Any])?["event_id"] as? String
        }

        /// The event as clients receive it.
        func json() -> [String: Any] {
            var event: [String: Any] = [
                "type": type, "sender": sender, "event_id": eventID, "room_id": roomID, "content": object,
                "origin_server_ts": 1_286_758_800_000 + position,
            ]
            if let stateKey { event["state_key"] = stateKey }
            return event
        }
    }

    /// A file in the media repository.
    package struct Upload: Sendable {
        package var data: Data
        package var contentType: String
        package var fileName: String?
    }

    /// A scripted misbehaviour for the next call(s) of an endpoint.
    package enum Fault: Sendable {
        /// An error answer; the request is not carried out.
        case error(status: Int, errcode: String, retryAfterMs: Int? = nil)
        /// The request is carried out but its answer is lost on the way (a proxy's 502): the client cannot tell.
        case answerLost
        /// The request is carried out and its answer held back for `seconds`.
        case slowAnswer(seconds: Double)
    }

    package struct Refusal: Error, CustomStringConvertible {
        package var description: String
    }

    struct Room {
        /// Membership by user id: `join`, `invite` or `leave`.
        var members: [String: String] = [:]
        var direct: Bool
    }

    struct Session {
        var userID: String
        var deviceID: String
        var accessToken: String
    }

    /// A sync answered to the bot.
    package struct Sync: Sendable, Equatable {
        /// The `since` token; nil for a first sync.
        package var since: String?
        /// The access token it came with: each login has its own, so a test tells one run of the bot from the next
        /// (a long poll the last run left behind may still be answered after it stopped).
        package var accessToken: String
    }

    package nonisolated let serverName: String
    package nonisolated let botUserID: String
    package nonisolated let botPassword: String
    /// An access token of the bot's, made at start (for `CXZY_MATRIX_TOKEN`), on device `TOKENDEVICE`.
    package nonisolated let botToken: String

    var passwords: [String: String] = [:]
    var sessions: [String: Session] = [:]
    var rooms: [String: Room] = [:]
    /// Every room event, in stream order (`position` is the index + 1).
    package internal(set) var events: [Event] = []
    /// Event ids by (user, device, room, event type, transaction id).
    var transactions: [String: String] = [:]
    var filters: [String: Filter] = [:]
    /// The media repository, by `mxc://` URI.
    package internal(set) var uploads: [String: Upload] = [:]
    var faults: [String: [Fault]] = [:]
    /// Requests per endpoint (`login`, `sync`, `send`, …), refused ones included.
    package internal(set) var calls: [String: Int] = [:]
    /// Sends answered from the transaction record without sending again.
    package internal(set) var deduplicated = 0
    /// Each sync answered to the bot, in order.
    package internal(set) var botSyncs: [Sync] = []
    /// At most this many timeline events per room in a sync, whatever the filter asks (to make a timeline limited).
    package internal(set) var timelineLimit: Int?
    let listener = LoopbackListener("fake-matrix")

    package init(serverName: String = "localhost", botLocalpart: String = "cxzy", botPassword: String = "bot-password")
    {
        self.serverName = serverName
        botUserID = "@\(botLocalpart):\(serverName)"
        self.botPassword = botPassword
        botToken = "syt_\(botLocalpart)_\(Self.random(20))"
        passwords[botUserID] = botPassword
        sessions[botToken] = Session(userID: botUserID, deviceID: "TOKENDEVICE", accessToken: botToken)
    }

    package var baseURL: URL { listener.url }

    /// Waits until the server listens.
    package func ready() async { await listener.ready() }

    static func random(_ count: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<count).map { _ in letters.randomElement()! })
    }

    // MARK: what a test does

    /// A person on this server; returns the user id (`@localpart:server`).
    @discardableResult
    package func register(_ localpart: String, password: String = "password") -> String {
        let userID = "@\(localpart):\(serverName)"
        passwords[userID] = password
        return userID
    }

    /// A room `creator` makes and joins, with `invite` invited; `direct` marks the invites as a direct chat, as clients
    /// do for one. Room ids are opaque, with no server part (as in room version 12).
    package func createRoom(by creator: String, invite: [String] = [], direct: Bool = false) -> String {
        let roomID = "!" + Self.random(18)
        rooms[roomID] = Room(direct: direct)
        setMembership(creator, in: roomID, to: "join", by: creator)
        for user in invite where user != creator {
            setMembership(user, in: roomID, to: "invite", by: creator, extra: direct ? ["is_direct": true] : [:])
        }
        return roomID
    }

    package func invite(_ user: String, to roomID: String, by inviter: String) throws(Refusal) {
        guard rooms[roomID]?.members[inviter] == "join" else {
            throw Refusal(description: "\(inviter) is not in the room")
        }
        setMembership(
            user, in: roomID, to: "invite", by: inviter, extra: rooms[roomID]!.direct ? ["is_direct": true] : [:])
    }

    package func join(_ user: String, _ roomID: String) throws(Refusal) {
        guard let membership = rooms[roomID]?.members[user], membership == "invite" || membership == "join" else {
            throw Refusal(description: "\(user) is not invited to \(roomID)")
        }
        if membership == "invite" { setMembership(user, in: roomID, to: "join", by: user) }
    }

    /// A text message from `user`; `mentions` fills `m.mentions` as clients do for a pill. Returns the event id.
    @discardableResult
    package func say(_ user: String, in roomID: String, _ text: String, mentions: [String]? = nil, notice: Bool = false)
        throws(Refusal) -> String
    {
        var content: [String: Any] = ["msgtype": notice ? "m.notice" : "m.text", "body": text]
        if let mentions { content["m.mentions"] = ["user_ids": mentions] }
        return try post(user, in: roomID, content)
    }

    /// A picture (`m.image`) or file (`m.file`) from `user`, uploaded first; `caption` goes in `body` with the name in
    /// `filename`; `announcedSize` is the size `info` claims. Returns the event id.
    @discardableResult
    package func sendFile(
        _ user: String, in roomID: String, _ data: Data, fileName: String, mimeType: String, picture: Bool,
        caption: String? = nil, announcedSize: Int? = nil
    ) throws(Refusal) -> String {
        let uri = store(data, contentType: mimeType, fileName: fileName)
        var content: [String: Any] = [
            "msgtype": picture ? "m.image" : "m.file", "body": caption ?? fileName, "url": uri,
            "info": ["mimetype": mimeType, "size": announcedSize ?? data.count],
        ]
        if caption != nil { content["filename"] = fileName }
        return try post(user, in: roomID, content)
    }

    private func post(_ user: String, in roomID: String, _ content: [String: Any]) throws(Refusal) -> String {
        guard rooms[roomID]?.members[user] == "join" else { throw Refusal(description: "\(user) is not in \(roomID)") }
        return append(roomID, type: "m.room.message", sender: user, content: content).eventID
    }

    /// The room's messages (`m.room.message`), oldest first.
    package func messages(in roomID: String) -> [Event] {
        events.filter { $0.roomID == roomID && $0.type == "m.room.message" }
    }

    /// What the bot sent to the room, oldest first.
    package func botMessages(in roomID: String) -> [Event] { messages(in: roomID).filter { $0.sender == botUserID } }

    package func membership(of user: String, in roomID: String) -> String? { rooms[roomID]?.members[user] }

    /// The rooms `user` is invited to, in the order of the invites.
    package func invites(for user: String) -> [String] {
        var seen: [String] = []
        for event in events
        where event.type == "m.room.member" && event.stateKey == user && event.membership == "invite"
            && rooms[event.roomID]?.members[user] == "invite" && !seen.contains(event.roomID)
        {
            seen.append(event.roomID)
        }
        return seen
    }

    package func setTimelineLimit(_ limit: Int?) { timelineLimit = limit }

    package func inject(_ fault: Fault, for endpoint: String, times: Int = 1) {
        faults[endpoint, default: []] += Array(repeating: fault, count: times)
    }

    /// Forgets every access token: each next request answers 401 `M_UNKNOWN_TOKEN`.
    package func revokeTokens() { sessions.removeAll() }

    // MARK: the server's records

    @discardableResult
    func append(_ roomID: String, type: String, sender: String, stateKey: String? = nil, content: [String: Any])
        -> Event
    {
        let position = events.count + 1
        let event = Event(
            position: position, roomID: roomID, eventID: "$" + Self.random(24) + "_\(position)", type: type,
            sender: sender, stateKey: stateKey,
            content: (try? JSONSerialization.data(withJSONObject: content)) ?? Data("{}".utf8))
        events.append(event)
        return event
    }

    func setMembership(
        _ user: String, in roomID: String, to membership: String, by sender: String, extra: [String: Any] = [:]
    ) {
        rooms[roomID]?.members[user] = membership
        append(
            roomID, type: "m.room.member", sender: sender, stateKey: user,
            content: extra.merging(["membership": membership]) { $1 })
    }

    func store(_ data: Data, contentType: String, fileName: String?) -> String {
        let uri = "mxc://\(serverName)/\(Self.random(24))"
        uploads[uri] = Upload(data: data, contentType: contentType, fileName: fileName)
        return uri
    }
}
