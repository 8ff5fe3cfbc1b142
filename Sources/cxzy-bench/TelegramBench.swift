import ArgumentParser
import BotRuntime
import CampaignCore
import Foundation
import Logging
import TelegramFake

/// Users × commands in one burst against the fake Bot API on loopback. The fake runs in this process, the bot in a
/// child process (`telegram-peer`), so the bot's CPU time (getrusage of the child, start-up included) is its own.
/// The same burst answered by a do-nothing client in the same set-up is the ceiling every figure is a ratio to.
struct TelegramBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telegram",
        abstract:
            "Burst of commands through cxzy on Telegram against a local fake Bot API, CPU per command and the set-up's ceiling.",
        discussion: "Targets (send limits off): ≤ 0.25 ms of bot CPU per command and ≥ 4,000 durable commands/s."
    )

    @Option(help: "Distinct users (private chats).") var users = 1000
    @Option(help: "Commands per user.") var commands = 10
    @Option(help: "Runs of each client (the median is reported).") var runs = 3
    @Flag(help: "Keep Telegram's send limits on (30/s overall, ~1/s per chat).") var limits = false
    @Flag(help: "Skip the do-nothing client (the ceiling).") var noCeiling = false
    @Option(help: "The do-nothing client's HTTP: curl (libcurl's multi interface, the bot's) or urlsession.")
    var http = "curl"
    @Option(
        help:
            "Run the bot under this command, e.g. \"perf record -g -o /tmp/bot.data\" (profiling; figures then include it)."
    )
    var wrap: String?

    /// One run of one client: wall time from its start to the last reply, CPU then and at exit.
    struct Run {
        var seconds: Double
        var handledSeconds: Double?
        var cpu: ProcessCPU
        var cpuAtExit: ProcessCPU
        var latencies: [Double]
        var busiest: Int
        var perChat: Int
    }

    func run() async throws {
        let load =
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
            .joined(separator: " ") ?? "?"
        print(
            "telegram burst: \(users) users × \(commands) commands = \(users * commands), send limits \(limits ? "ON" : "off"), median of \(runs) runs; load average at start \(load)"
        )
        var ceiling: [Run] = []
        if !noCeiling {
            for _ in 0..<runs { ceiling.append(try await burst(mode: "null")) }
        }
        var bot: [Run] = []
        for _ in 0..<runs { bot.append(try await burst(mode: "bot")) }
        report(bot: median(bot), ceiling: ceiling.isEmpty ? nil : median(ceiling), all: bot)
    }

    func median(_ runs: [Run]) -> Run { runs.sorted { $0.cpu.total < $1.cpu.total }[runs.count / 2] }

    func report(bot: Run, ceiling: Run?, all: [Run]) {
        let total = Double(users * commands)
        let rate = total / bot.seconds
        let cpu = bot.cpu.total / total * 1000
        if let ceiling {
            let cRate = total / ceiling.seconds, cCPU = ceiling.cpu.total / total * 1000
            print(
                String(
                    format:
                        "  ceiling, do-nothing client (same fake, %@): %.0f replies/s, %.3f ms CPU per reply (user %.2f s, sys %.2f s)",
                    http == "curl" ? "libcurl multi, as the bot" : "URLSession", cRate, cCPU, ceiling.cpu.user,
                    ceiling.cpu.system))
            print(
                String(
                    format:
                        "  cxzy: %.0f durable commands/s = %.0f%% of the ceiling; %.3f ms CPU per command = %.1f× the ceiling's",
                    rate, 100 * rate / cRate, cpu, cpu / cCPU))
        } else {
            print(String(format: "  cxzy: %.0f durable commands/s; %.3f ms CPU per command", rate, cpu))
        }
        print(
            String(
                format:
                    "  cxzy CPU to the last reply: user %.2f s, sys %.2f s (start-up included); at exit %.2f s; peak RSS %.0f MB",
                bot.cpu.user, bot.cpu.system, bot.cpuAtExit.total, Double(bot.cpuAtExit.maxRSSKB) / 1024))
        print(
            "  runs (CPU ms/command): "
                + all.map { String(format: "%.3f", $0.cpu.total / total * 1000) }.joined(separator: ", "))
        if let handled = bot.handledSeconds {
            print(
                String(
                    format: "  every command handled and committed after %.2f s (%.0f commands/s); the rest is sending",
                    handled, total / handled))
        }
        func pct(_ p: Double) -> Double {
            bot.latencies[min(bot.latencies.count - 1, Int(Double(bot.latencies.count) * p))]
        }
        print(String(format: "  reply latency from the burst: p50 %.0f ms, p99 %.0f ms", pct(0.5), pct(0.99)))
        print("  busiest second: \(bot.busiest) sends overall, \(bot.perChat) to one chat")
        print(
            String(
                format: "  targets: ≤ 0.25 ms CPU per command (%@), ≥ 4,000 commands/s (%@)",
                cpu <= 0.25 ? "met" : "not met", rate >= 4000 ? "met" : "not met"))
    }

    /// Queues the burst at a fresh fake, starts the client, waits for every reply.
    func burst(mode: String) async throws -> Run {
        let fake = FakeTelegram()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-bench-tg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: store) }
        if mode == "bot" { try await prepareStore(store) }
        let total = try await queueBurst(fake)

        guard let executable = Bundle.main.executableURL else { throw StoreBenchError("cannot find this executable") }
        let process = Process()
        var arguments =
            [
                "telegram-peer", "--mode", mode, "--api", await fake.baseURL.absoluteString, "--token", fake.token,
                "--store", store.path, "--http", http,
            ] + (limits ? ["--limits"] : [])
        if let wrap, mode == "bot" {
            let words = wrap.split(separator: " ").map(String.init)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            arguments = words + [executable.path] + arguments
        } else {
            process.executableURL = executable
        }
        process.arguments = arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        let start = Date()
        try process.run()
        var handled: Date?
        while await fake.sent.count < total {
            try await Task.sleep(for: .milliseconds(10))
            if handled == nil, await fake.pendingUpdates == 0 { handled = Date() }
            guard process.isRunning else { throw StoreBenchError("the \(mode) client stopped early") }
        }
        let elapsed = Date().timeIntervalSince(start)
        let reader = output.fileHandleForReading
        input.fileHandleForWriting.write(Data("report\n".utf8))
        let cpu = try await Self.readFigures(reader)
        try input.fileHandleForWriting.close()
        let atExit = try await Self.readFigures(reader)
        process.waitUntilExit()

        let sent = await fake.sent
        let latencies = sent.map { $0.at.timeIntervalSince(start) * 1000 }.sorted()
        let (busiest, perChat) = Self.busiestSeconds(sent)
        return Run(
            seconds: elapsed, handledSeconds: mode == "bot" ? handled.map { $0.timeIntervalSince(start) } : nil,
            cpu: cpu, cpuAtExit: atExit, latencies: latencies, busiest: busiest, perChat: perChat)
    }

    /// One JSON line from the child, read off the cooperative pool.
    static func readFigures(_ handle: FileHandle) async throws -> ProcessCPU {
        let line: Data = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes = Data()
                while true {
                    let byte = handle.readData(ofLength: 1)
                    if byte.isEmpty || byte.first == UInt8(ascii: "\n") { break }
                    bytes.append(byte)
                }
                continuation.resume(returning: bytes)
            }
        }
        do {
            return try JSONDecoder().decode(ProcessCPU.self, from: line)
        } catch {
            throw StoreBenchError("the client's figures did not parse: \(String(decoding: line, as: UTF8.self))")
        }
    }

    func prepareStore(_ store: URL) async throws {
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
    }

    func queueBurst(_ fake: FakeTelegram) async throws -> Int {
        let mix = [
            "我的进度", "提交 论文 第%d篇", "承诺 科学之星 完成课题%d", "家访 昨天 学生%d 上门", "示范课安排 本周", "/me",
            "提交 课题 研究%d", "日程", "提醒 开", "预约示范课 下周%d 第2节 高一1班",
        ]
        var total = 0
        for c in 0..<commands {
            for u in 0..<users {
                let template = mix[(c + u) % mix.count]
                let day = ["一", "二", "三", "四", "五"][u % 5]
                let text =
                    template.contains("下周")
                    ? template.replacingOccurrences(of: "%d", with: day)
                    : template.replacingOccurrences(of: "%d", with: "\(u)-\(c)")
                await fake.message(from: Int64(100_000 + u), text: text)
                total += 1
            }
        }
        return total
    }

    /// The limits, measured on what the fake received: the busiest second overall and per chat.
    static func busiestSeconds(_ sent: [FakeTelegram.Sent]) -> (Int, Int) {
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
        return (busiest, perChat)
    }
}
