import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import MatrixFake
import Testing
import TestSupport

/// A bot booted by `BotService` (the production path) on Matrix, against a fake homeserver on loopback where the
/// people of the roster have accounts.
struct MatrixRig {
    static let zhou = "@zhou:localhost"
    static let chen = "@chen:localhost"
    static let li = "@li:localhost"
    static let wang = "@wang:localhost"
    static let zhang = "@zhang:localhost"
    /// On the school's server but not on the roster.
    static let stranger = "@stranger:localhost"
    /// 李明 (T001) has no Matrix id on the roster: he binds with his code.
    static let roster = """
        工号,姓名,角色,支部,党员,权限,matrix
        A001,周建国,行政,党总支,是,管理员,\(zhou)
        S001,陈雅琴,一线、班主任,语文支部,是,书记,\(chen)
        T001,李明,一线,语文支部,是,教师,
        T002,王芳,一线、班主任,语文支部,是,教师,\(wang)
        T003,张伟,一线,数学支部,否,教师,\(zhang)

        """

    /// The bind codes the roster import gave, by staff id.
    actor Codes {
        var byStaffID: [String: String] = [:]
        func set(_ codes: [String: String]) { byStaffID = codes }
    }

    /// How long a test waits for the bot (a passing test waits only as long as the bot takes): generous, for a
    /// machine busy with the whole suite.
    static let patience = 60.0

    let fake: FakeMatrix
    let serverTask: Task<Void, any Error>
    let store: String
    let bots = BootedBots()
    let codes = Codes()

    var bot: String { fake.botUserID }

    /// Runs `body` with a fake homeserver and a store holding the roster; afterwards, also when `body` throws, stops
    /// every bot still running and the fake, and removes the store.
    static func with(_ body: (MatrixRig) async throws -> Void) async throws {
        let fake = FakeMatrix()
        for name in ["zhou", "chen", "li", "wang", "zhang", "stranger"] { await fake.register(name) }
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-matrix-\(UUID().uuidString)")
            .path
        let rig = MatrixRig(fake: fake, serverTask: Task { try await fake.serve() }, store: store)
        try await withRig(
            rig, store: store, roster: roster, server: rig.serverTask, bots: rig.bots, ready: { await fake.ready() },
            codes: { await rig.codes.set($0) }, body)
    }

    /// The bot's settings: a password login (the bot's device `CXZYBOT`), or `token`.
    func environment(password: String? = nil, token: String? = nil) async -> [String: String] {
        var env = ["CXZY_MATRIX_HOMESERVER": await fake.baseURL.absoluteString]
        if let token {
            env["CXZY_MATRIX_TOKEN"] = token
        } else {
            env["CXZY_MATRIX_USER"] = "cxzy"
            env["CXZY_MATRIX_PASSWORD"] = password ?? fake.botPassword
        }
        return env
    }

    /// Boots and runs the bot in the background, and waits for its first sync: what happened before that is history
    /// the bot does not answer (on a restart, the first sync brings what was said while it was away). A run is told
    /// from the one before by its access token (a password login makes a new one).
    func boot(password: String? = nil, token: String? = nil, renderer: (any MediaRenderer)? = nil) async throws
        -> PlatformRig.Booted
    {
        let earlier = Set(await fake.botSyncs.map(\.accessToken))
        let booted = try await PlatformRig.boot(
            await environment(password: password, token: token), store: store, http: false, bots: bots,
            renderer: renderer)
        try #require(
            await eventually(MatrixRig.patience) { await fake.botSyncs.contains { !earlier.contains($0.accessToken) } },
            "the bot syncs")
        return booted
    }

    /// A direct room `user` opens with the bot, once the bot has joined it.
    func openDirectRoom(_ user: String) async throws -> String {
        let room = await fake.createRoom(by: user, invite: [bot], direct: true)
        try #require(
            await eventually(MatrixRig.patience) { await fake.membership(of: bot, in: room) == "join" }, "the bot joins"
        )
        return room
    }

    /// The direct room the bot opened for `user` at start, joined by them.
    func acceptDirectRoom(_ user: String) async throws -> String {
        let room = try #require(await fake.invites(for: user).first, "the bot invited \(user)")
        try await fake.join(user, room)
        return room
    }

    /// The bot's messages in `room` that reply to `event`, oldest first.
    func replies(to event: String, in room: String) async -> [FakeMatrix.Event] {
        await fake.botMessages(in: room).filter { $0.inReplyTo == event }
    }

    /// Says `text` and waits for the bot's reply to it; its text.
    @discardableResult
    func ask(_ user: String, in room: String, _ text: String, mentions: [String]? = nil) async throws -> String {
        let event = try await fake.say(user, in: room, text, mentions: mentions)
        try #require(
            await eventually(MatrixRig.patience) { await !replies(to: event, in: room).isEmpty }, "a reply to “\(text)”"
        )
        return await replies(to: event, in: room).first?.body ?? ""
    }
}

/// A renderer that draws every picture as one red pixel, and never makes a document.
struct TinyPictureRenderer: MediaRenderer {
    static let png = Data([
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE, 0x00, 0x00, 0x00,
        0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0x18,
        0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ])

    struct NoDocuments: Error {}

    func render(
        _ request: MediaRequest, state: BotState, campaign: Campaign, today: CalendarDate,
        load: @escaping @Sendable (StoredFile) throws -> Data
    ) async throws -> RenderedMedia {
        guard request.isChart else { throw NoDocuments() }
        return RenderedMedia(fileName: "chart.png", mimeType: "image/png", data: Self.png, isPicture: true)
    }
}
