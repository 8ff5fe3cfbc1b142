import BotRuntime
import Foundation
import Testing

/// The Grafana dashboard in docs/ and the operator's table in docs/operations.md name the metrics the bot exports,
/// and no others: a panel never queries a figure that does not exist.
@Suite("Metrics: the dashboard and the operator's table")
struct MetricsDocsTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs")

    /// The series names Prometheus shows for the bot's metrics (a histogram's `_bucket`, `_sum` and `_count`).
    static var series: Set<String> {
        Set(
            BotMetrics.all.flatMap { metric in
                metric.kind == .histogram
                    ? ["_bucket", "_sum", "_count"].map { metric.name + $0 } : [metric.name]
            })
    }

    /// Every `cxzy_…` name in `text`.
    static func names(in text: String) -> [String] {
        text.matches(of: /cxzy_[a-z_]+/).map { String($0.output) }
    }

    @Test(
        "docs/grafana-dashboard.json is valid JSON whose every panel queries metrics the bot exports, and all of them")
    func dashboard() throws {
        let data = try Data(contentsOf: Self.docs.appendingPathComponent("grafana-dashboard.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        #expect(!panels.isEmpty)
        var queried: Set<String> = []
        for panel in panels {
            let title = panel["title"] as? String ?? "?"
            let targets = try #require(panel["targets"] as? [[String: Any]], "\(title)")
            #expect(!targets.isEmpty, "\(title) has no query")
            for target in targets {
                let expression = try #require(target["expr"] as? String, "\(title)")
                let names = Self.names(in: expression)
                #expect(!names.isEmpty, "\(title): \(expression) names no metric of the bot")
                for name in names {
                    #expect(Self.series.contains(name), "\(title): \(name) is not a metric the bot exports")
                    queried.insert(name)
                }
            }
        }
        for metric in BotMetrics.all {
            let shown =
                queried.contains(metric.name) || queried.contains(metric.name + "_bucket")
                || queried.contains(metric.name + "_count")
            #expect(shown, "no panel shows \(metric.name)")
        }
    }

    @Test("docs/operations.md's table documents every metric with its labels, and no metric the bot does not export")
    func operatorsTable() throws {
        let text = try String(contentsOf: Self.docs.appendingPathComponent("operations.md"), encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `cxzy_") }
        for metric in BotMetrics.all {
            let row = rows.first { $0.hasPrefix("| `\(metric.name)`") }
            #expect(row != nil, "\(metric.name) is not in docs/operations.md's table")
            for label in metric.labels {
                #expect(row?.contains("`\(label)`") == true, "\(metric.name): label \(label) not documented")
            }
        }
        let known = Self.series.union(BotMetrics.all.map(\.name))
        for name in Self.names(in: text) {
            #expect(known.contains(name), "docs/operations.md names \(name), which the bot does not export")
        }
    }

    @Test("no label of any metric could carry a person, a chat or a text")
    func labels() {
        let allowed: Set<String> = ["platform", "intent", "outcome", "kind", "part"]
        for metric in BotMetrics.all {
            #expect(Set(metric.labels).isSubset(of: allowed), "\(metric.name): \(metric.labels)")
            #expect(!metric.help.isEmpty, "\(metric.name) has no help line")
        }
    }
}
