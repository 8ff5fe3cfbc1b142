import Foundation

/// `/sync` and `/messages`. A stream token `sN` stands just after the N-th event. A person sees a room's events while
/// joined to it (their own join and leave included); a sync shows each joined room's events since the token, at most
/// the filter's `limit` of them (`limited` with a `prev_batch` to page back from when there were more), and each
/// invite not shown before.
extension FakeMatrix {
    struct Filter {
        var limit = 10
        /// The event types a timeline keeps; nil: all.
        var types: [String]?
    }

    struct SyncRequest {
        var since: Int?
        var filter: Filter
        var timeoutMs: Int
    }

    static func position(_ token: String?) -> Int? {
        guard let token, token.hasPrefix("s") else { return nil }
        return Int(token.dropFirst())
    }

    /// The events of `roomID` that `user` sees with positions in `range`, oldest first.
    func visible(_ roomID: String, to user: String, in range: ClosedRange<Int>) -> [Event] {
        var joined = false
        var seen: [Event] = []
        for event in events where event.roomID == roomID && event.position <= range.upperBound {
            let before = joined
            if event.type == "m.room.member" && event.stateKey == user { joined = event.membership == "join" }
            if (before || joined) && range.contains(event.position) { seen.append(event) }
        }
        return seen
    }

    func createFilter(_ body: [String: Any]) -> String {
        let timeline = (body["room"] as? [String: Any])?["timeline"] as? [String: Any]
        var filter = Filter()
        if let limit = timeline?["limit"] as? Int { filter.limit = max(1, limit) }
        filter.types = timeline?["types"] as? [String]
        let id = "\(filters.count + 1)"
        filters[id] = filter
        return id
    }

    /// The sync for `session`; nil when nothing new for them happened since the token yet, unless `final`.
    func syncAnswer(_ session: Session, _ request: SyncRequest, final: Bool) -> Answer? {
        let user = session.userID
        let now = events.count
        let since = request.since ?? 0
        var limit = request.filter.limit
        if let timelineLimit { limit = min(limit, timelineLimit) }
        var join: [String: Any] = [:]
        var invite: [String: Any] = [:]
        for (roomID, room) in rooms {
            switch room.members[user] {
            case "join"?:
                var timeline = visible(roomID, to: user, in: (since + 1)...max(since + 1, now))
                if let types = request.filter.types { timeline = timeline.filter { types.contains($0.type) } }
                guard !timeline.isEmpty || request.since == nil else { continue }
                let limited = timeline.count > limit
                timeline = Array(timeline.suffix(limit))
                join[roomID] =
                    [
                        "timeline": [
                            "events": timeline.map { $0.json() }, "limited": limited,
                            "prev_batch": "s\((timeline.first?.position ?? now + 1) - 1)",
                        ] as [String: Any],
                        "state": ["events": [] as [Any]], "ephemeral": ["events": [] as [Any]],
                        "account_data": ["events": [] as [Any]],
                    ] as [String: Any]
            case "invite"?:
                guard
                    let event = events.last(where: {
                        $0.roomID == roomID && $0.type == "m.room.member" && $0.stateKey == user
                    }), event.position > since || request.since == nil
                else { continue }
                // Stripped state: no event id.
                var stripped = event.json()
                stripped["event_id"] = nil
                stripped["room_id"] = nil
                stripped["origin_server_ts"] = nil
                invite[roomID] = ["invite_state": ["events": [stripped]]]
            default:
                continue
            }
        }
        if request.since != nil && join.isEmpty && invite.isEmpty && !final { return nil }
        if user == botUserID {
            botSyncs.append(Sync(since: request.since.map { "s\($0)" }, accessToken: session.accessToken))
        }
        return .json([
            "next_batch": "s\(now)", "rooms": ["join": join, "invite": invite, "leave": [:] as [String: Any]],
            "presence": ["events": [] as [Any]], "account_data": ["events": [] as [Any]],
        ])
    }

    /// `GET /rooms/{roomId}/messages`: a page of the room's events from the token `from` towards `to`, backwards
    /// (`dir=b`, newest first) or forwards; `end` is where the next page starts, absent when there is none.
    func messagesAnswer(_ session: Session, roomID: String, query: [String: String]) -> Answer {
        guard let room = rooms[roomID] else { return .error(404, "M_NOT_FOUND", "Unknown room") }
        guard room.members[session.userID] == "join" else {
            return .error(403, "M_FORBIDDEN", "User \(session.userID) not in room \(roomID)")
        }
        let now = events.count
        let backwards = query["dir"] == "b"
        guard backwards || query["dir"] == "f" else { return .error(400, "M_INVALID_PARAM", "Unknown dir") }
        for key in ["from", "to"] where query[key] != nil && Self.position(query[key]) == nil {
            return .error(400, "M_INVALID_PARAM", "Invalid stream token")
        }
        let from = Self.position(query["from"]) ?? (backwards ? now : 0)
        let limit = max(1, min(Int(query["limit"] ?? "") ?? 10, 1000))
        let chunk: [Event]
        let remaining: Bool
        if backwards {
            let to = Self.position(query["to"]) ?? 0
            let range = from > to ? visible(roomID, to: session.userID, in: (to + 1)...from) : []
            chunk = Array(range.reversed().prefix(limit))
            remaining = range.count > chunk.count
        } else {
            let to = Self.position(query["to"]) ?? now
            let range = to > from ? visible(roomID, to: session.userID, in: (from + 1)...to) : []
            chunk = Array(range.prefix(limit))
            remaining = range.count > chunk.count
        }
        var answer: [String: Any] = ["chunk": chunk.map { $0.json() }, "start": "s\(from)"]
        if remaining, let last = chunk.last { answer["end"] = "s\(backwards ? last.position - 1 : last.position)" }
        return .json(answer)
    }
}
