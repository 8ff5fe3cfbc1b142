import BotRuntime
import Logging
import Synchronization
import Testing

/// Refusals are logged at most once per kind per interval, with the count and the client's address.
@Suite("Refusal log lines are rate-limited")
struct RefusalLogTests {
    final class Lines: Sendable {
        let lines = Mutex<[(String, Logger.Metadata)]>([])
    }

    struct Capture: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            lines.lines.withLock { $0.append(("\(event.message)", event.metadata ?? [:])) }
        }
    }

    @Test("10,000 refusals of one kind make one line; the next line after the interval carries their count")
    func rateLimited() async throws {
        let lines = Lines()
        let logger = Logger(label: "test") { _ in Capture(lines: lines) }
        let log = RefusalLog(interval: .milliseconds(200))
        for i in 0..<10_000 { log.refuse("unsigned callback refused", client: "10.0.0.\(i % 5)", logger: logger) }
        log.refuse("replayed callback refused", client: "10.0.0.9", logger: logger)
        #expect(lines.lines.withLock { $0.count } == 2)
        try await Task.sleep(for: .milliseconds(250))
        log.refuse("unsigned callback refused", client: "10.0.0.7", logger: logger)
        let all = lines.lines.withLock { $0 }
        #expect(all.count == 3)
        #expect(all[0].1["client"] == "10.0.0.0")
        #expect(all[2].1["refused_since_last_line"] == "9999")
        #expect(all[2].1["from_addresses"] == "5")
        #expect(all[2].1["client"] == "10.0.0.7")
    }
}
