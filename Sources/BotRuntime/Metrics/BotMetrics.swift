package import CampaignCore
package import Foundation
import Metrics
package import Prometheus

/// The bot's figures for Prometheus (`GET /metrics`, on only with `CXZY_METRICS=1`). Counted through swift-metrics,
/// so where nothing was bootstrapped (metrics off, the console, the tests) a count costs nothing. Labels carry a
/// platform's name, an intent's name, an outcome or an error's kind: never a person, a chat or a text.
package enum BotMetrics {
    /// The registry `/metrics` shows, when metrics are on; the HTTP listener picks it up at boot, as it does the
    /// back office.
    @TaskLocal package static var exporting: PrometheusCollectorRegistry?

    /// Every metric the bot exports: its name, kind, help line (promtool asks for one) and labels. The operator's
    /// table in docs/operations.md and the Grafana dashboard in docs/ name these and no others.
    package struct Metric: Sendable {
        package enum Kind: String, Sendable { case counter, gauge, histogram }
        package let name: String
        package let kind: Kind
        package let help: String
        package let labels: [String]
    }

    package static let messagesIn = Metric(
        name: "cxzy_messages_in_total", kind: .counter, help: "Messages received from people, per platform.",
        labels: ["platform"])
    package static let messagesOut = Metric(
        name: "cxzy_messages_out_total", kind: .counter,
        help: "Messages delivered to the platform (replies, reminders, notices), per platform.", labels: ["platform"])
    package static let commands = Metric(
        name: "cxzy_commands_total", kind: .counter,
        help: "Messages handled, by the intent read and the outcome (ok, refused, ignored, error).",
        labels: ["intent", "outcome"])
    package static let outboxMessages = Metric(
        name: "cxzy_outbox_messages", kind: .gauge, help: "Messages waiting in the outbox, per platform.",
        labels: ["platform"])
    package static let outboxOldestAge = Metric(
        name: "cxzy_outbox_oldest_age_seconds", kind: .gauge,
        help: "Age of the oldest message waiting in the outbox, per platform (0 when none waits).",
        labels: ["platform"])
    package static let commitDuration = Metric(
        name: "cxzy_commit_duration_seconds", kind: .histogram,
        help: "Time from handing changes to the store until they are durable on disk.", labels: [])
    package static let reminderLag = Metric(
        name: "cxzy_reminder_lag_seconds", kind: .histogram,
        help: "How long after its planned time a reminder was queued.", labels: [])
    package static let tokenRefreshes = Metric(
        name: "cxzy_token_refreshes_total", kind: .counter,
        help: "Access tokens fetched from the platform, per platform.", labels: ["platform"])
    package static let platformErrors = Metric(
        name: "cxzy_platform_errors_total", kind: .counter,
        help:
            "Failed calls to a platform, per platform and kind (unreachable, transient, rate_limited, rejected, fatal).",
        labels: ["platform", "kind"])
    package static let platformUp = Metric(
        name: "cxzy_platform_up", kind: .gauge,
        help: "1 when the platform is connected, 0 while it cannot be reached (retried in the background).",
        labels: ["platform"])
    package static let storeBytes = Metric(
        name: "cxzy_store_bytes", kind: .gauge,
        help: "Bytes the store takes on disk: records (snapshot and journal) and files (kept attachments).",
        labels: ["part"])

    package static let all = [
        messagesIn, messagesOut, commands, outboxMessages, outboxOldestAge, commitDuration, reminderLag,
        tokenRefreshes, platformErrors, platformUp, storeBytes,
    ]

    /// Buckets of the commit latency: a millisecond to five seconds (an fsync on a slow disk).
    static let commitBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]
    /// Buckets of the reminder lag, in seconds: on time (the scheduler's own wake-up), a minute, an hour, a day (the
    /// bot was down).
    static let lagBuckets: [Double] = [1, 10, 60, 300, 900, 3600, 6 * 3600, 86400]

    /// Makes the registry `/metrics` shows and sends every count of this process to it. Once per process.
    package static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(Factory(registry: registry))
        return registry
    }

    /// One message of `platform` handled (committed).
    package static func messageIn(platform: String) {
        Counter(label: messagesIn.name, dimensions: [("platform", platform)]).increment()
    }

    /// One message delivered to `platform`.
    package static func messageOut(platform: String) {
        Counter(label: messagesOut.name, dimensions: [("platform", platform)]).increment()
    }

    /// One message handled: the intent's name (`none` when it was not addressed to the bot) and what it came to.
    package static func command(intent: String, outcome: TurnSummary.Outcome) {
        Counter(label: commands.name, dimensions: [("intent", intent), ("outcome", outcome.rawValue)]).increment()
    }

    /// One commit that took `duration` to be durable.
    static func committed(in duration: Duration) {
        Metrics.Timer(label: commitDuration.name).record(duration: duration)
    }

    /// One reminder queued `seconds` after its planned time.
    package static func reminderQueued(lateBy seconds: Double) {
        Recorder(label: reminderLag.name, aggregate: true).record(max(0, seconds))
    }

    /// One access token fetched from `platform`.
    package static func tokenRefreshed(platform: String) {
        Counter(label: tokenRefreshes.name, dimensions: [("platform", platform)]).increment()
    }

    /// The kinds of failed platform calls.
    package enum ErrorKind: String, Sendable {
        /// The platform could not be reached when connecting (network, 5xx, timeout).
        case unreachable
        /// A call failed and will be tried again (network, 5xx, timeout, garbage).
        case transient
        /// The platform asked the bot to slow down (HTTP 429).
        case rateLimited = "rate_limited"
        /// The platform will never accept this message (chat gone, bot blocked).
        case rejected
        /// The platform refused the bot's credentials.
        case fatal
    }

    /// One failed call to `platform`.
    package static func platformError(platform: String, kind: ErrorKind) {
        Counter(label: platformErrors.name, dimensions: [("platform", platform), ("kind", kind.rawValue)])
            .increment()
    }

    /// The figures read at each scrape: the outbox per platform, each configured platform's connection, the store's
    /// size on disk.
    package static func observe(
        state: BotState, storeDirectory: URL, now: Date, platforms: [String], degraded: Set<String>
    ) {
        var waiting: [String: (count: Int, oldest: Date)] = [:]
        for platform in platforms { waiting[platform] = (0, now) }
        for message in state.outbox {
            let entry = waiting[message.to.transport] ?? (0, now)
            waiting[message.to.transport] = (entry.count + 1, min(entry.oldest, message.createdAt))
        }
        for (platform, entry) in waiting {
            Gauge(label: outboxMessages.name, dimensions: [("platform", platform)]).record(entry.count)
            Gauge(label: outboxOldestAge.name, dimensions: [("platform", platform)])
                .record(max(0, now.timeIntervalSince(entry.oldest)))
        }
        for platform in platforms {
            Gauge(label: platformUp.name, dimensions: [("platform", platform)]).record(
                degraded.contains(platform) ? 0 : 1)
        }
        let sizes = storeSizes(storeDirectory)
        Gauge(label: storeBytes.name, dimensions: [("part", "records")]).record(sizes.records)
        Gauge(label: storeBytes.name, dimensions: [("part", "files")]).record(sizes.files)
    }

    /// The bytes of the store's own files (its top level: snapshot, journal, lock) and of the files it keeps
    /// (`files/`). `backups/` is not counted.
    static func storeSizes(_ directory: URL) -> (records: Int, files: Int) {
        let manager = FileManager.default
        var records = 0
        for name in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] {
            let attributes = try? manager.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
            if attributes?[.type] as? FileAttributeType == .typeRegular {
                records += (attributes?[.size] as? NSNumber)?.intValue ?? 0
            }
        }
        var files = 0
        let kept = directory.appendingPathComponent("files", isDirectory: true)
        if let walker = manager.enumerator(
            at: kept, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey], options: [])
        {
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
                if values?.isRegularFile == true { files += values?.fileSize ?? 0 }
            }
        }
        return (records, files)
    }

    /// swift-prometheus's factory, with each metric's help text and buckets.
    struct Factory: MetricsFactory {
        let registry: PrometheusCollectorRegistry
        let base: PrometheusMetricsFactory

        init(registry: PrometheusCollectorRegistry) {
            self.registry = registry
            base = PrometheusMetricsFactory(registry: registry)
        }

        static func descriptor(_ label: String) -> MetricNameDescriptor {
            MetricNameDescriptor(
                metricName: label, unitName: "", helpText: BotMetrics.all.first { $0.name == label }?.help ?? label)
        }

        func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
            registry.makeCounter(descriptor: Self.descriptor(label), labels: dimensions)
        }

        func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler
        {
            base.makeFloatingPointCounter(label: label, dimensions: dimensions)
        }

        func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
            registry.makeGauge(descriptor: Self.descriptor(label), labels: dimensions)
        }

        func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
            guard aggregate else { return registry.makeGauge(descriptor: Self.descriptor(label), labels: dimensions) }
            return registry.makeValueHistogram(
                descriptor: Self.descriptor(label), labels: dimensions, buckets: BotMetrics.lagBuckets)
        }

        func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
            registry.makeDurationHistogram(
                descriptor: Self.descriptor(label), labels: dimensions, buckets: BotMetrics.commitBuckets)
        }

        func destroyCounter(_ handler: any CounterHandler) { base.destroyCounter(handler) }
        func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
            base.destroyFloatingPointCounter(handler)
        }
        func destroyMeter(_ handler: any MeterHandler) { base.destroyMeter(handler) }
        func destroyRecorder(_ handler: any RecorderHandler) { base.destroyRecorder(handler) }
        func destroyTimer(_ handler: any TimerHandler) { base.destroyTimer(handler) }
    }
}
