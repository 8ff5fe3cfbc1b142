import ArgumentParser
import BotRuntime
import CampaignCore
import Foundation
import Logging
import TelegramFake

/// Users × commands in one burst against the fake Bot API on loopback: durable commands/s until every reply is
/// sent, and reply latency; with the send limits off (to measure the bot) or on (to show they hold).
struct TelegramBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telegram",
        abstract: "Burst of commands through cxzy on Telegram against a local fake Bot API (target, limits off: ≥ 2,000 durable commands/s)."
    )

    @Option(help: "Distinct users (private chats).") var users = 1000
    @Option(help: "Commands per user.") var commands = 10
    @Flag(help: "Keep Telegram's send limits on (30/s overall, ~1/s per chat).") var limits = false

    /// The ceiling of this set-up: bare sendMessage calls to the same fake, 64 at a time, no bot involved.
    static func rawSendRate(_ fake: FakeTelegram, count: Int) async throws -> Double {
        let api = TelegramAPI(base: await fake.baseURL, token: fake.token)
        let start = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<64 {
                group.addTask {
                    for i in stride(from: worker, to: count, by: 64) {
                        try await api.sendMessage(chat: String(-1 - i % 500), text: "raw \(i)", replyTo: nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(count) / Date().timeIntervalSince(start)
    }

    func run() async throws {
        let fake = FakeTelegram()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()

        let store = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-bench-tg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: store) }
        var csv = "工号,姓名,角色,支部,党员,权限,telegram\n"
        for u in 0..<users {
            csv += "U\(u),教师\(u),\(u % 3 == 2 ? "行政" : "一线"),支部\(u % 8),\(u % 2 == 0 ? "是" : "否"),教师,\(100_000 + u)\n"
        }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let clock = SystemClock(startingAt: CampaignTime.parse("2010-10-11T09:00:00+08:00"))
        let setup = try await Bot.open(directory: store, campaign: .builtIn, clock: clock, logger: logger)
        _ = try await setup.importRoster(try RosterCSV.parse(Data(csv.utf8)))
        try await setup.close()

        let mix = ["我的进度", "提交 论文 第%d篇", "承诺 科学之星 完成课题%d", "家访 昨天 学生%d 上门", "示范课安排 本周", "/me",
                   "提交 课题 研究%d", "日程", "提醒 开", "预约示范课 下周%d 第2节 高一1班"]
        var total = 0
        for c in 0..<commands {
            for u in 0..<users {
                let template = mix[(c + u) % mix.count]
                let day = ["一", "二", "三", "四", "五"][u % 5]
                let text = template.contains("下周") ? template.replacingOccurrences(of: "%d", with: day)
                    : template.replacingOccurrences(of: "%d", with: "\(u)-\(c)")
                await fake.message(from: Int64(100_000 + u), text: text)
                total += 1
            }
        }

        let env = ["CXZY_TELEGRAM_TOKEN": fake.token, "CXZY_TELEGRAM_API_BASE": await fake.baseURL.absoluteString,
                   "CXZY_TELEGRAM_LIMITS": limits ? "on" : "off", "CXZY_TELEGRAM_POLL_TIMEOUT": "1"]
        let config = try Configuration.load(file: nil, environment: env, store: store.path, httpListen: nil)
        let start = Date()
        let running = try await BotService.prepare(config: config, campaign: .builtIn, clock: clock, logger: logger, signals: [])
        let task = Task { try await running.run() }
        var lastReport = start
        var handled: Date?
        while await fake.sent.count < total {
            try await Task.sleep(for: .milliseconds(20))
            if handled == nil, await fake.pendingUpdates == 0 { handled = Date() }
            if Date().timeIntervalSince(lastReport) > 10 {
                lastReport = Date()
                FileHandle.standardError.write(Data("  … \(await fake.sent.count)/\(total) replies\n".utf8))
            }
        }
        let elapsed = Date().timeIntervalSince(start)
        await running.shutdown()
        try await task.value

        let raw = try await Self.rawSendRate(fake, count: 5000)
        let sent = await fake.sent.filter { !$0.text.hasPrefix("raw ") }
        let latencies = sent.map { $0.at.timeIntervalSince(start) * 1000 }.sorted()
        func pct(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print("telegram burst: \(users) users × \(commands) commands = \(total), send limits \(limits ? "ON" : "off")")
        print(String(format: "  ceiling of this set-up: %.0f bare sendMessage calls/s to the same fake (64 in flight, no bot)", raw))
        print(String(format: "  %.0f durable commands/s until every reply was sent (%.2f s)", Double(total) / elapsed, elapsed))
        if let handled {
            print(String(format: "  every command handled and committed after %.2f s (%.0f commands/s); the rest is sending", handled.timeIntervalSince(start), Double(total) / handled.timeIntervalSince(start)))
        }
        print(String(format: "  reply latency from the burst: p50 %.0f ms, p99 %.0f ms", pct(0.5), pct(0.99)))
        // The limits, measured on what the fake received: the busiest second overall and per chat.
        let times = sent.map(\.at).sorted()
        var busiest = 0, j = 0
        for i in times.indices {
            while times[i].timeIntervalSince(times[j]) >= 1 { j += 1 }
            busiest = max(busiest, i - j + 1)
        }
        var perChat = 0
        for (_, list) in Dictionary(grouping: sent, by: \.chat) {
            let t = list.map(\.at).sorted()
            var k = 0
            for i in t.indices {
                while t[i].timeIntervalSince(t[k]) >= 1 { k += 1 }
                perChat = max(perChat, i - k + 1)
            }
        }
        print("  busiest second: \(busiest) sends overall, \(perChat) to one chat")
    }
}
