import BotRuntime
import CampaignCore
import Foundation
import Logging
import Testing

@testable import CampaignStorage

/// The store decodes the bot's snapshot in place (`SnapshotDecoder`) and falls back to `JSONDecoder` silently, so
/// this checks that the bot's real state takes the fast path and reads back exactly as `JSONDecoder` reads it.
@Suite("Snapshot decoding of the bot's state")
struct SnapshotDecodingTests {
    @Test("a state with people, records, history and an outbox decodes in place exactly as JSONDecoder decodes it")
    func botStateDecodesInPlace() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-snapdec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var logger = Logger(label: "snapshot-decoding")
        logger.logLevel = .error
        let clock = SystemClock(startingAt: CampaignTime.parse("2010-10-11T09:00:00+08:00"))
        let bot = try await Bot.open(directory: dir, campaign: .builtIn, clock: clock, logger: logger)
        var csv = "工号,姓名,角色,支部,党员,权限,telegram\n"
        for u in 0..<12 {
            csv += "U\(u),教师\(u),\(u % 3 == 2 ? "行政" : "一线"),支部\(u % 3),\(u % 2 == 0 ? "是" : "否"),教师,\(100 + u)\n"
        }
        _ = try await bot.importRoster(try RosterCSV.parse(Data(csv.utf8)))
        let texts = [
            "承诺 科学之星 完成课题\"一\"\n第二行", "提交 论文 第1篇", "家访 昨天 学生甲 上门", "预约示范课 下周二 第2节 高一1班",
            "我的进度", "提醒 关", "胡乱的话 😀", "家访",
        ]
        var messages: [IncomingMessage] = []
        for (i, text) in texts.enumerated() {
            for u in 0..<12 {
                messages.append(
                    IncomingMessage(
                        identity: ChatIdentity(transport: "telegram", user: String(100 + u)),
                        chat: ChatAddress(transport: "telegram", chat: String(100 + u)), isGroup: false,
                        messageID: String(i * 100 + u), text: text))
            }
        }
        try await bot.dispatcher.handle(messages, position: ("telegram", "42"))
        let state = await bot.dispatcher.state
        try await bot.close()
        #expect(!state.outbox.isEmpty)
        #expect(!state.pledges.isEmpty)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(state)
        var inPlace = try data.withUnsafeBytes { try SnapshotDecoder.decode(BotState.self, from: $0) }
        var reference = try JSONDecoder().decode(BotState.self, from: data)
        // Sets encode in per-process hash order: compare them as sets, everything else byte for byte.
        #expect(!inPlace.remindersOff.isEmpty)
        #expect(inPlace.remindersOff == reference.remindersOff)
        #expect(inPlace.sentReminders == reference.sentReminders)
        inPlace.remindersOff = []
        reference.remindersOff = []
        inPlace.sentReminders = []
        reference.sentReminders = []
        #expect(try encoder.encode(inPlace) == encoder.encode(reference))
    }
}
