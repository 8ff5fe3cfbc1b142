import Metrics
package import Prometheus

/// The bot's figures for Prometheus (`GET /metrics`, on only with `CXZY_METRICS=1`). Counted through swift-metrics,
/// so where nothing was bootstrapped (metrics off, the console, the tests) a count costs nothing. Labels carry the
/// platform's name only: never a person, a chat or a text.
package enum BotMetrics {
    /// The registry `/metrics` shows, when metrics are on; the HTTP listener picks it up at boot, as it does the
    /// back office.
    @TaskLocal package static var exporting: PrometheusCollectorRegistry?

    static let messagesIn = "cxzy_messages_in_total"
    static let messagesOut = "cxzy_messages_out_total"

    /// The `# HELP` line of each metric (promtool asks for one).
    static func help(_ name: String) -> String {
        switch name {
        case messagesIn: "Messages received from people, per platform."
        case messagesOut: "Messages delivered to the platform (replies, reminders, notices), per platform."
        default: name
        }
    }

    /// Makes the registry `/metrics` shows and sends every count of this process to it. Once per process.
    package static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(Factory(registry: registry))
        return registry
    }

    /// One message of `platform` handled (committed).
    package static func messageIn(platform: String) {
        Counter(label: messagesIn, dimensions: [("platform", platform)]).increment()
    }

    /// One message delivered to `platform`.
    package static func messageOut(platform: String) {
        Counter(label: messagesOut, dimensions: [("platform", platform)]).increment()
    }

    /// swift-prometheus's factory, with the help text of each counter.
    struct Factory: MetricsFactory {
        let registry: PrometheusCollectorRegistry
        let base: PrometheusMetricsFactory

        init(registry: PrometheusCollectorRegistry) {
            self.registry = registry
            base = PrometheusMetricsFactory(registry: registry)
        }

        func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(metricName: label, unitName: "", helpText: BotMetrics.help(label)),
                labels: dimensions)
        }

        func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler
        {
            base.makeFloatingPointCounter(label: label, dimensions: dimensions)
        }

        func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
            base.makeMeter(label: label, dimensions: dimensions)
        }

        func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
            base.makeRecorder(label: label, dimensions: dimensions, aggregate: aggregate)
        }

        func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
            base.makeTimer(label: label, dimensions: dimensions)
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
