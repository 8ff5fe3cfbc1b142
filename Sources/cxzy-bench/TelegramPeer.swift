import ArgumentParser
import BotRuntime
import CampaignCore
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// The client side of `cxzy-bench telegram`, run as a child process so that its CPU time is its own: either the
/// real bot (`--mode bot`) or a do-nothing client that answers every update with a fixed reply (`--mode null`,
/// the set-up's ceiling). It reads commands on stdin: `report` prints the CPU used so far as one JSON line;
/// end of input stops it (the bot shuts down gracefully) and prints the final figures.
struct TelegramPeer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "telegram-peer", shouldDisplay: false)

    @Option var mode: String
    @Option var api: String
    @Option var token: String
    @Option var store: String = ""
    @Option var clockStart = "2010-10-11T09:00:00+08:00"
    @Flag var limits = false
    @Option var http = "curl"

    func run() async throws {
        let lines = Self.stdinLines()
        switch mode {
        case "bot":
            var logger = Logger(label: "bench")
            logger.logLevel = .error
            let env = [
                "CXZY_TELEGRAM_TOKEN": token, "CXZY_TELEGRAM_API_BASE": api,
                "CXZY_TELEGRAM_LIMITS": limits ? "on" : "off", "CXZY_TELEGRAM_POLL_TIMEOUT": "1",
            ]
            let config = try Configuration.load(file: nil, environment: env, store: store, httpListen: nil)
            let clock = SystemClock(startingAt: CampaignTime.parse(clockStart))
            let running = try await BotService.prepare(
                config: config, campaign: .builtIn, clock: clock, logger: logger,
                signals: [])
            let task = Task { try await running.run() }
            for await line in lines where line == "report" { ProcessCPU.current().printLine() }
            await running.shutdown()
            try await task.value
        case "null":
            guard let base = URL(string: api) else { throw ValidationError("bad --api") }
            let client = TelegramAPI(
                base: base, token: token, http: http == "urlsession" ? URLSessionHTTP(maxConnectionsPerHost: 64) : nil)
            _ = try await client.getMe()
            let loop = Task { try await Self.answerEverything(client) }
            for await line in lines where line == "report" { ProcessCPU.current().printLine() }
            loop.cancel()
            _ = try? await loop.value
        default:
            throw ValidationError("--mode is bot or null")
        }
        ProcessCPU.current().printLine()
    }

    /// The do-nothing bot: poll, and answer each update with "ok", 64 sends in flight, nothing stored.
    static func answerEverything(_ client: TelegramAPI) async throws {
        var offset: Int64?
        try await withThrowingTaskGroup(of: Void.self) { group in
            var inFlight = 0
            while !Task.isCancelled {
                let updates = try await client.getUpdates(offset: offset, timeout: 1)
                for update in updates {
                    offset = max(offset ?? 0, update.update_id + 1)
                    guard let message = update.message else { continue }
                    if inFlight >= 64 {
                        try await group.next()
                        inFlight -= 1
                    }
                    inFlight += 1
                    group.addTask {
                        try await client.sendMessage(
                            chat: String(message.chat.id), text: "ok", replyTo: message.message_id)
                    }
                }
            }
        }
    }

    /// Lines of standard input, read on a thread of their own; the stream ends with the input.
    static func stdinLines() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let thread = Thread {
            while let line = readLine() { continuation.yield(line) }
            continuation.finish()
        }
        thread.start()
        return stream
    }
}

/// CPU time and peak memory of this process so far (getrusage).
struct ProcessCPU: Codable {
    var user: Double
    var system: Double
    var maxRSSKB: Int

    var total: Double { user + system }

    static func current() -> ProcessCPU {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return ProcessCPU(user: seconds(usage.ru_utime), system: seconds(usage.ru_stime), maxRSSKB: usage.ru_maxrss)
    }

    func printLine() {
        let line = (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
