import BotRuntime
import CampaignCore
import CampaignIntents
import CampaignStorage
import Foundation
import Logging
import Testing
import TestSupport

/// A bot on a temporary store with a manual clock, booted through the same preparation as `cxzy run`
/// (`BotService.prepare`), with a recording transport for the fake users' chats as its one edge.
struct Harness {
    let running: BotService.Running
    let task: Task<Void, any Error>
    let transport: RecordingTransport
    var bot: Bot { running.bot }
    let clock: ManualClock
    let directory: URL
    let campaign: Campaign
    /// The one-time bind codes the roster import printed, by staff id.
    let codes: [String: String]

    /// Runs `body` on a fresh harness and closes it afterwards, also when `body` throws; `body` may replace the
    /// harness with `restarted()`, and the one it leaves is closed.
    static func with(
        now: String = "2010-10-11T09:00:00+08:00", roster: String = DemoRoster.csv,
        campaign: Campaign = .builtIn, _ body: (inout Harness) async throws -> Void
    ) async throws {
        var h = try await make(now: now, roster: roster, campaign: campaign)
        do {
            try await body(&h)
        } catch {
            await h.close()
            throw error
        }
        await h.close()
    }

    private static func make(now: String, roster: String, campaign: Campaign) async throws -> Harness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-test-\(UUID().uuidString)")
        let clock = ManualClock(try #require(CampaignTime.parse(now)))
        var h = try await boot(directory, clock: clock, campaign: campaign, codes: [:])
        do {
            let issued = try await h.bot.importRoster(try RosterCSV.parse(Data(roster.utf8)))
            h = Harness(
                running: h.running, task: h.task, transport: h.transport, clock: clock, directory: directory,
                campaign: campaign,
                codes: Dictionary(issued.map { ($0.0.staffID, $0.1) }, uniquingKeysWith: { a, _ in a }))
        } catch {
            await h.close()
            throw error
        }
        return h
    }

    private static func boot(
        _ directory: URL, clock: ManualClock, campaign: Campaign, codes: [String: String], web: WebOffice? = nil
    ) async throws -> Harness {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let transport = RecordingTransport()
        let running = try await BotService.prepare(
            config: .local(store: directory.path, logLevel: .critical), campaign: campaign, clock: clock,
            logger: logger, edges: [transport], signals: [], web: web)
        let task = Task { try await running.run() }
        return Harness(
            running: running, task: task, transport: transport, clock: clock, directory: directory,
            campaign: campaign, codes: codes)
    }

    /// Stops the bot and boots it again on the same directory, as a restart would (with the back office `web`,
    /// else the one it had).
    func restarted(web: WebOffice? = nil) async throws -> Harness {
        try await stop()
        return try await Self.boot(directory, clock: clock, campaign: campaign, codes: codes, web: web ?? running.web)
    }

    /// Stops the bot as SIGTERM would; the messages still held stay in the outbox for the next boot.
    private func stop() async throws {
        await running.shutdown()
        transport.stop()
        try await task.value
    }

    func close() async {
        try? await stop()
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.removeItem(at: BallotKey.file(for: directory))
    }

    /// Moves the clock forward to an ISO 8601 instant.
    func advance(to iso: String) throws {
        clock.advance(to: try #require(CampaignTime.parse(iso)))
    }

    var state: BotState { get async { await bot.store.state } }
}

extension Harness {
    /// Sends `text` from `user` through the production dispatcher and returns the text of the replies to it.
    @discardableResult
    func say(_ text: String, from user: FakeUser, inGroup group: ChatAddress? = nil) async throws -> String {
        try await send(text, from: user, inGroup: group).filter { $0.kind == .reply }.map(\.text).joined(
            separator: "\n")
    }

    /// Sends and returns every outbox message the message produced.
    func send(_ text: String, from user: FakeUser, inGroup group: ChatAddress? = nil) async throws -> [OutboxMessage] {
        let message = IncomingMessage(
            identity: user.identity, chat: group ?? user.chat, isGroup: group != nil,
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
}
