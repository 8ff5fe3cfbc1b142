package import CampaignCore
import Foundation
package import Logging
import ServiceLifecycle
import CampaignStorage

/// `/sync` long polling. Each batch's effects, replies and `next_batch` are one durable commit. Invites from people
/// on the roster are accepted (others declined politely); private rooms with one other person are direct chats.
package actor MatrixSyncer: Service {
    let connection: MatrixTransport.Connection
    let bot: Bot
    let health: Health
    let clock: any CampaignClock
    let logger: Logger
    private var direct: [String: Bool] = [:]

    package init(
        connection: MatrixTransport.Connection, bot: Bot, health: Health, clock: any CampaignClock, logger: Logger
    ) {
        self.connection = connection
        self.bot = bot
        self.health = health
        self.clock = clock
        self.logger = logger
    }

    var api: MatrixAPI { connection.api }

    package func run() async throws {
        let filter = try await retrying("filter") { [api, connection] in
            try await api.createFilter(userID: connection.userID)
        }
        try await openDirectRooms()
        var since = await bot.store.state.positions[MatrixTransport.name]
        var backoff = Backoff()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let sync: MatrixObjects.Sync
            do {
                let api = self.api, from = since
                sync = try await cancelWhenGracefulShutdown {
                    try await api.sync(since: from, filter: filter, timeoutMs: 30_000)
                }
                backoff.reset()
            } catch let error as MatrixError {
                switch error {
                case .unauthorized:
                    BotMetrics.platformError(platform: MatrixTransport.name, kind: .fatal)
                    logger.critical("\(error.description)")
                    throw error
                case .retryAfter(let seconds):
                    BotMetrics.platformError(platform: MatrixTransport.name, kind: .rateLimited)
                    try await clock.sleep(until: clock.now().addingTimeInterval(seconds))
                case .rejected where since != nil:
                    // The homeserver no longer knows the saved position: start afresh rather than retry it forever.
                    logger.error(
                        "the homeserver refused the saved sync position; starting from now (messages sent meanwhile are not answered)",
                        metadata: ["error": "\(error.description)"])
                    since = nil
                case .transient, .rejected:
                    BotMetrics.platformError(platform: MatrixTransport.name, kind: .transient)
                    await unreachable()
                    let wait = backoff.next()
                    logger.warning(
                        "sync failed; retrying",
                        metadata: ["error": "\(error.description)", "retry_in": "\(String(format: "%.1f", wait)) s"])
                    try await clock.sleep(until: clock.now().addingTimeInterval(wait))
                }
                continue
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                await unreachable()
                try await clock.sleep(until: clock.now().addingTimeInterval(backoff.next()))
                continue
            }
            if await health.polled(MatrixTransport.name, at: clock.now()) {
                logger.notice(
                    "platform reachable again — 平台已恢复连接", metadata: ["platform": "\(MatrixTransport.name)"])
            }
            let messages: [IncomingMessage]
            do {
                try await handleInvites(sync.rooms?.invite ?? [:])
                // The very first sync returns old history: it sets the position but is not answered.
                messages = since == nil ? [] : try await incoming(sync.rooms?.join ?? [:], since: since)
            } catch let error as MatrixError {
                if case .unauthorized = error { throw error }
                // Nothing was committed: the same batch is fetched again from the same position.
                let wait = backoff.next()
                logger.warning(
                    "could not read a sync batch; retrying",
                    metadata: ["error": "\(error.description)", "retry_in": "\(String(format: "%.1f", wait)) s"])
                try await clock.sleep(until: clock.now().addingTimeInterval(wait))
                continue
            }
            try await bot.dispatcher.handle(messages, position: (MatrixTransport.name, sync.next_batch))
            since = sync.next_batch
        }
        logger.info("stopped syncing Matrix")
    }

    /// One more failed sync: after a few in a row, `/healthz` names Matrix (logged once).
    private func unreachable() async {
        guard await health.pollFailed(MatrixTransport.name) else { return }
        logger.warning(
            "platform unreachable: retrying — 平台暂时无法连接，正在重试", metadata: ["platform": "\(MatrixTransport.name)"])
    }

    private func retrying<T: Sendable>(_ what: String, _ body: @Sendable () async throws -> T) async throws -> T {
        var backoff = Backoff()
        while true {
            do {
                return try await body()
            } catch let error as MatrixError {
                if case .unauthorized = error { throw error }
                logger.warning("\(what) failed; retrying", metadata: ["error": "\(error.description)"])
                try await clock.sleep(until: clock.now().addingTimeInterval(backoff.next()))
            }
        }
    }

    /// The server name of a user id (`@li:school.example` → `school.example`). Only user ids are split, never room ids.
    static func server(of userID: String) -> String {
        userID.firstIndex(of: ":").map { String(userID[userID.index(after: $0)...]) } ?? ""
    }

    /// The roster person behind a Matrix user, if any (listed in the roster or bound with a code).
    private func person(_ userID: String) async -> Person? {
        let state = await bot.store.state
        if let bound = state.person(bound: ChatIdentity(transport: MatrixTransport.name, user: userID)), bound.active {
            return bound
        }
        return state.activePeople.first { $0.chats[MatrixTransport.name] == userID }
    }

    private func handleInvites(_ invites: [String: MatrixObjects.InvitedRoom]) async throws {
        for (roomID, room) in invites {
            let events = room.invite_state?.events?.items ?? []
            let invite = events.first {
                $0.type == "m.room.member" && $0.state_key == connection.userID && $0.content?.membership == "invite"
            }
            let inviter = invite?.sender ?? ""
            do {
                let person = await person(inviter)
                // A direct chat from an account on the school's own homeserver is accepted even before binding:
                // that is where a teacher sends 绑定 with the code. Group rooms and other servers need the roster.
                let sameServer = Self.server(of: inviter) == Self.server(of: connection.userID)
                guard person != nil || (invite?.content?.is_direct == true && sameServer) else {
                    try await api.leave(roomID, reason: "抱歉，我只为本校创先争优活动名单中的老师服务。如有需要，请联系党总支管理员。")
                    logger.info("declined an invite from someone not on the roster", metadata: ["from": "\(inviter)"])
                    continue
                }
                try await api.join(roomID)
                direct[roomID] = nil
                // Only a room its inviter marked as a direct chat becomes the address of their reminders and notices:
                // a group room has as few members as a direct one until the others join.
                if let person, invite?.content?.is_direct == true {
                    direct[roomID] = true
                    try await bot.dispatcher.commit([
                        .addDirectChat(
                            staffID: person.staffID, address: ChatAddress(transport: MatrixTransport.name, chat: roomID)
                        )
                    ])
                }
                logger.info(
                    "joined a room", metadata: ["room": "\(roomID)", "invited_by": "\(person?.staffID ?? inviter)"])
            } catch let error as MatrixError {
                if case .unauthorized = error { throw error }
                logger.warning(
                    "could not answer an invite", metadata: ["room": "\(roomID)", "error": "\(error.description)"])
            }
        }
    }

    /// A room with exactly one other member is a direct chat (looked up once per room, forgotten on member changes).
    func isDirect(_ roomID: String) async throws -> Bool {
        if let known = direct[roomID] { return known }
        // Not cached when the lookup fails: a lookup error must not turn a teacher's direct chat into a "group".
        let members = try await api.joinedMembers(roomID)
        let value = members.count == 2 && members.contains(connection.userID)
        direct[roomID] = value
        return value
    }

    private func incoming(_ rooms: [String: MatrixObjects.JoinedRoom], since: String?) async throws -> [IncomingMessage]
    {
        var messages: [IncomingMessage] = []
        for (roomID, room) in rooms.sorted(by: { $0.key < $1.key }) {
            if room.state?.events?.items.contains(where: { $0.type == "m.room.member" }) == true {
                direct[roomID] = nil
            }
            var events = room.timeline?.events?.items ?? []
            if room.timeline?.limited == true, let gapStart = room.timeline?.prev_batch, let since {
                // More happened than one sync shows (the bot was away): fetch the gap, oldest first.
                events = (try await api.messagesBetween(roomID, from: gapStart, to: since)) + events
            }
            for event in events {
                if event.type == "m.room.member" { direct[roomID] = nil }
                if let message = try await fileMessage(event, roomID: roomID) {
                    messages.append(message)
                    continue
                }
                guard event.type == "m.room.message", let sender = event.sender, sender != connection.userID,
                    let content = event.content, content.msgtype == "m.text" || content.msgtype == "m.notice",
                    let body = content.body
                else { continue }
                if content.msgtype == "m.notice" { continue }  // other bots
                let isGroup = !(try await isDirect(roomID))
                let text = MatrixTransport.normalize(body, mentions: content.mentions?.user_ids, connection: connection)
                messages.append(
                    IncomingMessage(
                        identity: ChatIdentity(transport: MatrixTransport.name, user: sender),
                        chat: ChatAddress(transport: MatrixTransport.name, chat: roomID),
                        isGroup: isGroup, messageID: event.event_id, text: text))
            }
        }
        return messages
    }

    /// Roster people with a Matrix id but no direct room yet get one, so reminders and notices can reach them.
    private func openDirectRooms() async throws {
        let state = await bot.store.state
        for person in state.activePeople {
            guard let userID = person.chats[MatrixTransport.name],
                !(state.directChats[person.staffID] ?? []).contains(where: { $0.transport == MatrixTransport.name })
            else { continue }
            do {
                let room = try await api.createDirectRoom(with: userID)
                direct[room] = true
                try await bot.dispatcher.commit([
                    .addDirectChat(
                        staffID: person.staffID, address: ChatAddress(transport: MatrixTransport.name, chat: room))
                ])
                logger.info("opened a direct room", metadata: ["staff": "\(person.staffID)"])
            } catch let error as MatrixError {
                if case .unauthorized = error { throw error }
                logger.warning(
                    "could not open a direct room",
                    metadata: ["staff": "\(person.staffID)", "error": "\(error.description)"])
            }
        }
    }
}
