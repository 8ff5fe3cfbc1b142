import BotRuntime
import CampaignCore
import CampaignIntents
import CampaignStorage
import Foundation
import Logging
import Testing

/// A bot on a temporary store with a manual clock, booted exactly as `cxzy` boots it.
struct Harness {
    let bot: Bot
    let clock: ManualClock
    let directory: URL
    let campaign: Campaign
    /// The one-time bind codes the roster import printed, by staff id.
    let codes: [String: String]

    static func make(now: String = "2010-10-11T09:00:00+08:00", roster: String = DemoRoster.csv,
                     campaign: Campaign = .builtIn) async throws -> Harness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-test-\(UUID().uuidString)")
        let clock = ManualClock(try #require(CampaignTime.parse(now)))
        let bot = try await open(directory, clock: clock, campaign: campaign)
        let issued = try await bot.importRoster(try RosterCSV.parse(Data(roster.utf8)))
        let codes = Dictionary(issued.map { ($0.0.staffID, $0.1) }, uniquingKeysWith: { a, _ in a })
        return Harness(bot: bot, clock: clock, directory: directory, campaign: campaign, codes: codes)
    }

    private static func open(_ directory: URL, clock: ManualClock, campaign: Campaign) async throws -> Bot {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try await Bot.open(directory: directory, campaign: campaign, clock: clock, logger: logger, botNames: ["cxzy_bot"])
    }

    /// Closes the bot and opens it again on the same directory, as a restart would.
    func restarted() async throws -> Harness {
        try await bot.close()
        let bot = try await Self.open(directory, clock: clock, campaign: campaign)
        return Harness(bot: bot, clock: clock, directory: directory, campaign: campaign, codes: codes)
    }

    func close() async {
        try? await bot.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Moves the clock forward to an ISO 8601 instant.
    func advance(to iso: String) throws {
        clock.advance(to: try #require(CampaignTime.parse(iso)))
    }

    var state: BotState { get async { await bot.store.state } }
}

/// A person on a fake Telegram, as a transport would deliver their messages.
struct FakeUser: Sendable {
    var identity: ChatIdentity
    var chat: ChatAddress

    /// A private chat on `transport` whose user id is `user` (Telegram: the private chat id equals the user id).
    init(_ user: String, transport: String = "telegram") {
        identity = ChatIdentity(transport: transport, user: user)
        chat = ChatAddress(transport: transport, chat: user)
    }

    /// A stable numeric Telegram id for a staff id: `T001` → `84001`.
    static func telegramID(for staffID: String) -> String {
        String(staffID.unicodeScalars.first.map { $0.value } ?? 0) + staffID.dropFirst()
    }

    static func of(_ staffID: String) -> FakeUser { FakeUser(telegramID(for: staffID)) }
}

/// The group chat of a branch, where people talk with slash commands.
let staffRoom = ChatAddress(transport: "telegram", chat: "-100200300")

extension Harness {
    /// Sends `text` from `user` through the production dispatcher and returns the text of the replies to it.
    @discardableResult
    func say(_ text: String, from user: FakeUser, inGroup group: ChatAddress? = nil) async throws -> String {
        try await send(text, from: user, inGroup: group).filter { $0.kind == .reply }.map(\.text).joined(separator: "\n")
    }

    /// Sends and returns every outbox message the message produced.
    func send(_ text: String, from user: FakeUser, inGroup group: ChatAddress? = nil) async throws -> [OutboxMessage] {
        let message = IncomingMessage(identity: user.identity, chat: group ?? user.chat, isGroup: group != nil,
                                      messageID: UUID().uuidString, text: text)
        return try await bot.dispatcher.handle([message])
    }

    /// Sends as the person `staffID` (bound with `login` first).
    @discardableResult
    func say(_ text: String, as staffID: String, inGroup group: ChatAddress? = nil) async throws -> String {
        try await say(text, from: .of(staffID), inGroup: group)
    }

    /// Binds `staffID`'s fake Telegram account with the code the import issued.
    @discardableResult
    func login(_ staffID: String) async throws -> FakeUser {
        let user = FakeUser.of(staffID)
        let code = try #require(codes[staffID], "no bind code was issued for \(staffID)")
        let reply = try await say("绑定 \(staffID) \(code)", from: user)
        try #require(reply.contains("绑定成功"), "binding \(staffID) failed: \(reply)")
        return user
    }

    func login(_ staffIDs: [String]) async throws {
        for id in staffIDs { try await login(id) }
    }
}

/// `haystack` contains each needle, in this order.
func containsInOrder(_ haystack: String, _ needles: [String]) -> Bool {
    var rest = haystack[...]
    for needle in needles {
        guard let range = rest.range(of: needle) else { return false }
        rest = rest[range.upperBound...]
    }
    return true
}
