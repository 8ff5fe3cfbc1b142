import ArgumentParser
import CampaignIntents
import Foundation

/// Parses a mixed corpus of chat messages and prints throughput and per-message latency.
struct ParseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parser throughput on a mixed 10,000-message corpus (target: ≥ 100,000 messages/s on one core)."
    )

    @Option(help: "Messages in the corpus.") var messages = 10_000
    @Option(help: "Timed passes over the corpus (the median pass is reported).") var rounds = 7

    func run() throws {
        let corpus = Self.corpus(count: messages)
        let context = ParseContext(today: CalendarDate(year: 2010, month: 9, day: 14) ?? CalendarDate(dayNumber: 0))
        var understood = 0
        // Warm-up.
        for message in corpus where IntentParser.parse(message, context: context).isUnderstood { understood += 1 }

        var passRates: [Double] = []
        var latencies: [UInt64] = []
        latencies.reserveCapacity(corpus.count * rounds)
        for _ in 0..<rounds {
            let passStart = DispatchTime.now().uptimeNanoseconds
            for message in corpus {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let outcome = IntentParser.parse(message, context: context)
                let t1 = DispatchTime.now().uptimeNanoseconds
                latencies.append(t1 - t0)
                if case .ignored = outcome { understood &+= 1 }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - passStart) / 1e9
            passRates.append(Double(corpus.count) / seconds)
        }
        latencies.sort()
        passRates.sort()
        func percentile(_ p: Double) -> Double {
            Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1000
        }
        let understoodShare =
            Double(corpus.filter { IntentParser.parse($0, context: context).isUnderstood }.count) / Double(corpus.count)
        print(
            "parse benchmark: \(corpus.count) messages (\(Int(understoodShare * 100))% valid commands), \(rounds) passes, one thread"
        )
        print(
            String(
                format: "  throughput: %.0f messages/s (median pass; min %.0f, max %.0f)",
                passRates[passRates.count / 2], passRates[0], passRates[passRates.count - 1]))
        print(
            String(
                format: "  latency per message: p50 %.2f µs, p99 %.2f µs, max %.1f µs", percentile(0.5),
                percentile(0.99), percentile(1.0)))
    }

    /// A deterministic mix of what teachers send: commands of every kind and form, typos, chatter and long notes.
    static func corpus(count: Int) -> [String] {
        let templates = [
            "预约示范课 10月%ld日 第%ld节 高二(%ld)班 函数的单调性", "示范课 下周二 下午第2节 高一%ld班", "预约示范课%ld月12日第3节高二三班《背影》赏析",
            "/book 2010-10-%02ld period:%ld class:高二%ld topic:Functions", "承诺 教学之星 设计并讲授一堂精品课；撰写优秀教学案例",
            "申报 德育之星 每学期家访%ld次，开一次好班会", "家访 7月%ld日 王同学 上门 了解暑期学习情况", "亲情家访 昨天 李同学 电话",
            "家访 学生:赵同学 日期:8月%ld日 方式:来校 备注:家长来校面谈，了解孩子在家情况", "提交 教学案例 《函数的单调性》教学案例",
            "上报 论文 浅谈班主任工作第%ld篇", "/submit research_project Layered homework %ld", "我的进度", "/me", "日程", "示范课安排 下周",
            "示范课安排 10月1日到10月31日", "提醒 关", "/remind on", "统计 支部", "/stats@cxzy_bot star", "未完成 示范课", "未申报",
            "通知 本周五下午召开支部大会，请各位党员准时参加", "推荐 L-%04ld", "取消示范课 L-%04ld", "绑定 T%03ld K7P3QX", "帮助", "帮助 家访",
            "承若 教学之星", "今天天气不错", "预约示范课 2月30日 第3节 高二3班", "预约示范课 10月12日 第3节", "@cxzy_bot 统计 阶段",
            "預約示範課 10月12號 第3節 高二3班", "预约示范课 １０月１２日 第３节 高二（３）班",
        ]
        var rng = SplitMix(seed: 42)
        return (0..<count).map { i in
            let template = templates[i % templates.count]
            let a = Int(rng.next() % 28) + 1, b = Int(rng.next() % 8) + 1, c = Int(rng.next() % 12) + 1
            return String(format: template, a, b, c)
        }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
