import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// The rules alone: an in-memory `BotState` and `Engine.handle`, one message at a time as the dispatcher runs them,
/// with no store, no disk and no runtime.
final class Session {
    let engine: Engine
    private(set) var state = BotState()
    private(set) var now: Date
    /// The one-time bind codes the roster import issued, by staff id.
    private(set) var codes: [String: String] = [:]
    private var messages = 0

    /// A session on `now` (ISO 8601) with `roster` (CSV, the demo roster by default) imported.
    init(
        now: String = "2010-10-11T09:00:00+08:00", roster: String = TestRosters.demo, campaign: Campaign = .builtIn,
        evaluationMinRaters: Int = 5
    ) throws {
        self.now = try #require(CampaignTime.parse(now))
        var engine = Engine(campaign: campaign, botNames: ["cxzy_bot"], hashCode: Self.hash)
        engine.evaluationMinRaters = evaluationMinRaters
        self.engine = engine
        try importRoster(roster)
    }

    /// Bind codes are compared as hashes; any stable function serves here (the runtime uses SHA-256).
    @Sendable static func hash(_ code: String) -> String { "hash:" + code.uppercased() }

    /// Imports like the bot: a code for each person with no chat id in the roster, not bound and without one;
    /// where the Telegram id is the private chat, the bot can write first.
    func importRoster(_ csv: String) throws {
        let people = try RosterCSV.parse(Data(csv.utf8), platforms: TestRosters.platforms)
        var generator = SeededGenerator(state: UInt64(people.count))
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var hashes: [String: String] = [:]
        for person in people
        where person.listedIdentities.isEmpty && state.bindCodes[person.staffID] == nil
            && !state.bindings.values.contains(person.staffID)
        {
            let code = String((0..<6).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            codes[person.staffID] = code
            hashes[person.staffID] = Self.hash(code)
        }
        let directChats = people.reduce(into: [String: [ChatAddress]]()) { chats, person in
            if let id = person.chats["telegram"] {
                chats[person.staffID] = [ChatAddress(transport: "telegram", chat: id)]
            }
        }
        try state.apply(.importRoster(people: people, codes: hashes, directChats: directChats))
    }

    /// Moves the time to an ISO 8601 instant.
    func advance(to iso: String) throws {
        now = try #require(CampaignTime.parse(iso))
    }

    /// Sends `text` from `user` and returns every outbox message it produced.
    func send(_ text: String, from user: FakeUser, inGroup group: ChatAddress? = nil, file: IncomingFile? = nil) throws
        -> [OutboxMessage]
    {
        messages += 1
        let message = IncomingMessage(
            identity: user.identity, chat: group ?? user.chat, isGroup: group != nil,
            messageID: "m\(messages)", text: text, file: file)
        return try engine.handle(message, in: &state, now: now).compactMap { change in
            if case .enqueue(let queued) = change { return queued }
            return nil
        }
    }

    /// Sends `text` from `user` and returns the text of the replies to it.
    @discardableResult
    func say(_ text: String, from user: FakeUser, inGroup group: ChatAddress? = nil) throws -> String {
        try send(text, from: user, inGroup: group).filter { $0.kind == .reply }.map(\.text).joined(separator: "\n")
    }

    /// Sends `text` as the person `staffID` (bound with `login` first) and returns the replies as the rules decided
    /// them, before they were put into words.
    func outcomes(_ text: String, as staffID: String, inGroup group: ChatAddress? = nil) throws -> [any Reply] {
        messages += 1
        let user = FakeUser.of(staffID)
        let message = IncomingMessage(
            identity: user.identity, chat: group ?? user.chat, isGroup: group != nil, messageID: "m\(messages)",
            text: text)
        return try engine.decide(message, in: &state, now: now).replies
    }

    /// Sends as the person `staffID` (bound with `login` first).
    @discardableResult
    func say(_ text: String, as staffID: String, inGroup group: ChatAddress? = nil) throws -> String {
        try say(text, from: .of(staffID), inGroup: group)
    }

    /// Binds `staffID`'s fake Telegram account with the code the import issued.
    @discardableResult
    func login(_ staffID: String) throws -> FakeUser {
        let user = FakeUser.of(staffID)
        let code = try #require(codes[staffID], "no bind code was issued for \(staffID)")
        let reply = try say("绑定 \(staffID) \(code)", from: user)
        try #require(reply.contains("绑定成功"), "binding \(staffID) failed: \(reply)")
        return user
    }

    func login(_ staffIDs: [String]) throws {
        for id in staffIDs { try login(id) }
    }
}
