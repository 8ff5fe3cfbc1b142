import BotRuntime
import Foundation
import MatrixFake
import Testing
import TestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// `cxzy run` on Matrix as a real process, against the fake homeserver: SIGKILL in the middle of a burst, a restart
/// that syncs on from the saved position; every reply arrives once, because a resent one carries the same
/// transaction id from the same device.
@Suite("cxzy run on Matrix against a fake homeserver", .serialized)
struct MatrixCLITests {
    static let people = (0..<10).map { "t\($0)" }
    static let roster =
        "工号,姓名,角色,支部,党员,权限,matrix\n"
        + people.enumerated().map { "T\($0.offset),老师\($0.offset),一线,语文支部,是,教师,@\($0.element):localhost" }
        .joined(separator: "\n") + "\n"

    @Test(
        "SIGKILL in the middle of a burst of 120 messages: after the restart every message is recorded once and answered once"
    )
    func killMidBurst() async throws {
        let fake = FakeMatrix()
        let users = await Self.people.asyncMap { await fake.register($0) }
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let store = try await BotProcess.store(roster: Self.roster, label: "matrix-run")
        let settings = [
            "CXZY_MATRIX_HOMESERVER": await fake.baseURL.absoluteString, "CXZY_MATRIX_USER": "cxzy",
            "CXZY_MATRIX_PASSWORD": fake.botPassword,
        ]
        var process = try BotProcess.start(store, settings: settings)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // The bot opens a direct room for each teacher at start; each joins it.
        try #require(await eventually(60) { await !fake.botSyncs.isEmpty }, "the bot syncs")
        var opened: [String] = []
        for user in users {
            let room = try #require(await fake.invites(for: user).first, "a direct room for \(user)")
            try await fake.join(user, room)
            opened.append(room)
        }
        let rooms = opened
        let total = 120
        for i in 0..<total {
            if i == total / 2 {
                // Some answered, more handled but not yet answered, the rest not yet read.
                _ = await eventually(30) { await Self.replies(fake, rooms).count >= 5 }
                kill(process.processIdentifier, SIGKILL)
                await waitForExit(process, timeout: .seconds(30))
            }
            try await fake.say(users[i % users.count], in: rooms[i % rooms.count], "提交 科研论文 编号\(i)")
        }
        #expect(await Self.replies(fake, rooms).count < total, "the kill should land in the middle")

        process = try BotProcess.start(store, settings: settings)
        #expect(await BotProcess.answered(total) { await Self.replies(fake, rooms) })
        kill(process.processIdentifier, SIGTERM)
        await waitForExit(process, timeout: .seconds(60))  // killed at the deadline: the status below says so
        #expect(process.terminationStatus == 0)

        let titles = try await BotProcess.workTexts(store)
        #expect(titles.count == total)
        #expect(Set(titles).count == total)
        let texts = await Self.replies(fake, rooms)
        #expect(texts.count == total, "no reply twice")
        #expect(Set(texts).count == total)
        #expect(try await CLI.run(["store", "check", "--store", store.path]).status == 0)
    }

    /// The bot's replies in the teachers' rooms.
    static func replies(_ fake: FakeMatrix, _ rooms: [String]) async -> [String] {
        var texts: [String] = []
        for room in rooms { texts += await fake.botMessages(in: room).compactMap(\.body) }
        return texts
    }
}

extension Sequence {
    fileprivate func asyncMap<T>(_ transform: (Element) async -> T) async -> [T] {
        var result: [T] = []
        for element in self { result.append(await transform(element)) }
        return result
    }
}
