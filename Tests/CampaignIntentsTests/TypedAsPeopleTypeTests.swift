import CampaignIntents
import Foundation
import Testing

/// Messages as teachers really type them: each was misread before. Today is 2010-10-11 (Monday).
let typedAsPeopleTypeCases: [LanguageCase] = [
    // A colon or full-width colon after the command word.
    LanguageCase(
        "家访：昨天 王同学 上门", #"{"intent":"report_visit","date":"2010-10-10","student":"王同学","mode":"home"}"#,
        today: "2010-10-11"),
    LanguageCase("取消示范课：L-0001", #"{"intent":"cancel_lesson","id":"L-0001"}"#, today: "2010-10-11"),
    LanguageCase("统计：支部", #"{"intent":"stats","by":"branch"}"#, today: "2010-10-11"),
    LanguageCase(
        "预约示范课: 10月21日 第3节 高二3班 数列",
        #"{"intent":"book_lesson","date":"2010-10-21","period":3,"class":"高二(3)班","topic":"数列","level":"group"}"#,
        today: "2010-10-11"),
    LanguageCase(
        "预约示范课：10月21日 第3节 高二3班",
        #"{"intent":"book_lesson","date":"2010-10-21","period":3,"class":"高二(3)班","level":"group"}"#,
        today: "2010-10-11"),
    // A weekday beside the date confirms it; the bot's own confirmation pasted back is read.
    LanguageCase(
        "预约示范课 10月21日(周四) 第3节 高二3班 数列",
        #"{"intent":"book_lesson","date":"2010-10-21","period":3,"class":"高二(3)班","topic":"数列","level":"group"}"#,
        today: "2010-10-11"),
    LanguageCase(
        "预约示范课 10月21日 周四 第3节 高二3班 数列",
        #"{"intent":"book_lesson","date":"2010-10-21","period":3,"class":"高二(3)班","topic":"数列","level":"group"}"#,
        today: "2010-10-11"),
    LanguageCase(
        "预约示范课 2010年10月21日（周四）第3节，高二(3)班，课题《数列》",
        #"{"intent":"book_lesson","date":"2010-10-21","period":3,"class":"高二(3)班","topic":"数列","level":"group"}"#,
        today: "2010-10-11"),
    LanguageCase(
        "预约示范课 10月21日（星期四） 第3节 高二3班",
        #"{"intent":"book_lesson","date":"2010-10-21","period":3,"class":"高二(3)班","level":"group"}"#,
        today: "2010-10-11"),
    LanguageCase(
        "预约示范课 10月21日 周五 第3节 高二3班",
        #"{"error":"ambiguous","intent":"book_lesson","argument":"date","message":"10月21日是周四，不是“周五”。请核对日期。","usage":"预约示范课 10月12日 第3节 高二(3)班 函数的单调性"}"#,
        today: "2010-10-11"),
    // Polite lead-ins.
    LanguageCase(
        "我要预约示范课 10月21日 第3节 高二3班 数列",
        #"{"intent":"book_lesson","date":"2010-10-21","period":3,"class":"高二(3)班","topic":"数列","level":"group"}"#,
        today: "2010-10-11"),
    LanguageCase("请 统计 阶段", #"{"intent":"stats","by":"phase"}"#, today: "2010-10-11"),
    LanguageCase(
        "帮我提交 论文 《初中英语阅读教学研究》", #"{"intent":"submit_work","kind":"paper","title":"初中英语阅读教学研究"}"#, today: "2010-10-11"),
    // Months for the schedule.
    LanguageCase("示范课安排 2011年5月", #"{"intent":"lessons","from":"2011-05-01","to":"2011-05-31"}"#, today: "2010-10-11"),
    LanguageCase("示范课安排 11月", #"{"intent":"lessons","from":"2010-11-01","to":"2010-11-30"}"#, today: "2010-10-11"),
    // English argument names as words; a word repeated inside the title.
    LanguageCase(
        "/book 10/21 period 3 class 高二(3)班 Sequences",
        #"{"intent":"book_lesson","date":"2010-10-21","period":3,"class":"高二(3)班","topic":"Sequences","level":"group"}"#,
        today: "2010-10-11"),
    LanguageCase(
        "/submit summary My summary", #"{"intent":"submit_work","kind":"summary","title":"My summary"}"#,
        today: "2010-10-11"),
    // Topic labels and brackets; section numbers and 课时 stay in the topic.
    LanguageCase(
        "预约示范课 10月21日 第3节 高二3班 课题《数列》",
        #"{"intent":"book_lesson","date":"2010-10-21","period":3,"class":"高二(3)班","topic":"数列","level":"group"}"#,
        today: "2010-10-11"),
    LanguageCase(
        "预约示范课 10月21日 第3节 高二3班 3.1 数列 第2课时",
        #"{"intent":"book_lesson","date":"2010-10-21","period":3,"class":"高二(3)班","topic":"3.1 数列 第2课时","level":"group"}"#,
        today: "2010-10-11"),
    // Named classes (two classes written as one are refused: TrialFindingsTests).
    LanguageCase(
        "预约示范课 10月21日 第3节 高二理科实验班 数列",
        #"{"intent":"book_lesson","date":"2010-10-21","period":3,"class":"高二理科实验班","topic":"数列","level":"group"}"#,
        today: "2010-10-11"),
    // Visit modes as written.
    LanguageCase(
        "家访 昨天 王同学 上門", #"{"intent":"report_visit","date":"2010-10-10","student":"王同学","mode":"home"}"#,
        today: "2010-10-11"),
    LanguageCase(
        "家访 昨天 王同学 微信", #"{"intent":"report_visit","date":"2010-10-10","student":"王同学","mode":"video"}"#,
        today: "2010-10-11"),
    LanguageCase(
        "家访 昨天 王同学 微信电话 聊了期中考试",
        #"{"intent":"report_visit","date":"2010-10-10","student":"王同学","mode":"phone","note":"聊了期中考试"}"#,
        today: "2010-10-11"),
]

@Suite("Typed the way people type")
struct TypedAsPeopleTypeTests {
    @Test("each is read as meant", arguments: typedAsPeopleTypeCases)
    func parses(_ row: LanguageCase) throws {
        let outcome = IntentParser.parse(
            row.text, context: try context(row.today, group: row.group, botNames: ["cxzy_bot"]))
        #expect(outcome.jsonLine == row.json)
    }

    @Test("?, ？, /start and a bare slash command are answered in Chinese; English words after it get English")
    func language() {
        let context = ParseContext(today: CalendarDate(dayNumber: 0))
        for text in ["?", "？", "/start", "/start@cxzy_bot", "帮助", "/help", "/me", "/stats@cxzy_bot"] {
            guard case .command(let command) = IntentParser.parse(text, context: context) else {
                Issue.record("\(text) not understood")
                continue
            }
            #expect(!command.english, "\(text)")
        }
        for text in ["/help book", "/stats branch", "/book 10/21 period 3 class 高二(3)班"] {
            if case .command(let command) = IntentParser.parse(text, context: context) {
                #expect(command.english, "\(text)")
            }
        }
    }
}
