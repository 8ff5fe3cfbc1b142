import CampaignIntents
import Foundation
import Testing

/// `评议` in all its forms, as exact `cxzy parse` JSON. Today is Tuesday 2010-07-20 unless a row says otherwise.
let evaluationCases: [LanguageCase] = [
    LanguageCase("评议", #"{"intent":"evaluate"}"#),
    LanguageCase("/evaluate", #"{"intent":"evaluate"}"#),
    LanguageCase("评议 继续", #"{"intent":"evaluate"}"#),
    LanguageCase("我要评议", #"{"intent":"evaluate"}"#),
    LanguageCase(
        "评议 开始 党员评议 截止 7月10日",
        #"{"intent":"evaluate","action":"open","round":"党员评议","kind":"members","deadline":"2010-07-10"}"#,
        today: "2010-06-25"),
    LanguageCase(
        "评议 开始 党员评议 截止 7月10日（周六）",
        #"{"intent":"evaluate","action":"open","round":"党员评议","kind":"members","deadline":"2010-07-10"}"#,
        today: "2010-06-25"),
    LanguageCase(
        "评议 开始 党员评议截止7月10日",
        #"{"intent":"evaluate","action":"open","round":"党员评议","kind":"members","deadline":"2010-07-10"}"#,
        today: "2010-06-25"),
    LanguageCase(
        "评议开始 民主评议党员 截至:2010年7月10日",
        #"{"intent":"evaluate","action":"open","round":"民主评议党员","kind":"members","deadline":"2010-07-10"}"#,
        today: "2010-06-25"),
    LanguageCase(
        "评议 开始 活动评议 截止 2012年10月31日",
        #"{"intent":"evaluate","action":"open","round":"活动评议","kind":"campaign","deadline":"2012-10-31"}"#,
        today: "2012-10-08"),
    LanguageCase(
        "评议 发起 创先争优 工作评议 截止 下周五",
        #"{"intent":"evaluate","action":"open","round":"创先争优 工作评议","kind":"campaign","deadline":"2012-10-19"}"#,
        today: "2012-10-08"),
    LanguageCase(
        "/evaluate open Members until 2010-07-10",
        #"{"intent":"evaluate","action":"open","round":"Members","kind":"members","deadline":"2010-07-10"}"#,
        today: "2010-06-25"),
    LanguageCase(
        "评议 开始 党员评议 截止 7月10日 全校",
        #"{"intent":"evaluate","action":"open","round":"党员评议","kind":"members","deadline":"2010-07-10","scope":"school"}"#,
        today: "2010-06-25"),
    LanguageCase(
        "评议 开始 活动评议 截止 2012年10月31日 按支部",
        #"{"intent":"evaluate","action":"open","round":"活动评议","kind":"campaign","deadline":"2012-10-31","scope":"branch"}"#,
        today: "2012-10-08"),
    LanguageCase(
        "评议 开始 全校党员评议 截止 7月10日",
        #"{"intent":"evaluate","action":"open","round":"全校党员评议","kind":"members","deadline":"2010-07-10"}"#,
        today: "2010-06-25"),
    LanguageCase(
        "/evaluate open Members until 2010-07-10 school",
        #"{"intent":"evaluate","action":"open","round":"Members","kind":"members","deadline":"2010-07-10","scope":"school"}"#,
        today: "2010-06-25"),
    LanguageCase("评议 结束", #"{"intent":"evaluate","action":"close"}"#),
    LanguageCase("评议 关闭", #"{"intent":"evaluate","action":"close"}"#),
    LanguageCase("/evaluate close", #"{"intent":"evaluate","action":"close"}"#),
    LanguageCase("评议 结果", #"{"intent":"evaluate","action":"results"}"#),
    LanguageCase("评议结果 数学支部", #"{"intent":"evaluate","action":"results","branch":"数学支部"}"#),
    LanguageCase("/evaluate results", #"{"intent":"evaluate","action":"results"}"#),
]

let evaluationErrorCases: [ErrorCase] = [
    ErrorCase("评议 开始 截止 7月30日", "missing_argument", "evaluate", "round"),
    ErrorCase("评议 开始 党员评议", "missing_argument", "evaluate", "deadline"),
    ErrorCase("评议 开始 党员评议 截止 7月40日", "invalid_value", "evaluate", "deadline"),
    ErrorCase("评议 开始 党员评议 截止 2010年7月1日", "invalid_value", "evaluate", "deadline"),
    ErrorCase("评议 开始 党员评议 截止 7月10日（周五）", "ambiguous", "evaluate", "date"),
    ErrorCase("评议 打分", "invalid_value", "evaluate", "text"),
    ErrorCase("评议 结束 现在", "invalid_value", "evaluate", "text"),
    ErrorCase("评议 结果 大家", "invalid_value", "evaluate", "branch"),
]

@Suite("Command language: 评议")
struct EvaluationLanguageTests {
    @Test("every form of 评议", arguments: evaluationCases)
    func forms(_ row: LanguageCase) throws {
        let outcome = IntentParser.parse(row.text, context: try context(row.today, botNames: ["cxzy_bot"]))
        #expect(outcome.jsonLine == row.json)
    }

    @Test("评议 errors name the argument, explain, and give an example that parses", arguments: evaluationErrorCases)
    func errors(_ row: ErrorCase) throws {
        let outcome = IntentParser.parse(row.text, context: try context("2010-07-20"))
        let object = try jsonObject(outcome.jsonLine)
        #expect(object["error"] as? String == row.error, "\(outcome.jsonLine)")
        #expect(object["intent"] as? String == row.intent)
        #expect(object["argument"] as? String == row.argument)
        let usage = try #require(object["usage"] as? String)
        guard case .command(let command) = IntentParser.parse(usage, context: try context("2010-07-20")) else {
            Issue.record("example “\(usage)” is not understood")
            return
        }
        #expect(command.intent.kind == .evaluate)
    }

    @Test("the round's kind follows its name")
    func kinds() {
        #expect(EvaluationRoundKind.of(roundName: "党员评议") == .members)
        #expect(EvaluationRoundKind.of(roundName: "2010年七一民主评议") == .members)
        #expect(EvaluationRoundKind.of(roundName: "活动评议") == .campaign)
        #expect(EvaluationRoundKind.of(roundName: "支部工作评议") == .campaign)
        #expect(EvaluationRoundKind.of(roundName: "党员工作评议") == .members)
    }
}
