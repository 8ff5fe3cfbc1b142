import CampaignIntents
import Foundation
import Testing
import TestSupport

@Suite("Hostile input")
struct RobustnessTests {
    static let pieces: [String] = [
        "预约示范课", "承诺", "家访", "提交", "统计", "/book", "/stats@x", "@cxzy", "帮助", "?", "日期:", "节次:", "课题:",
        "10月12日", "2月30日", "第3节", "下午第9节", "高二(3)班", "高二三班", "高2.3班", "L-0003", "7/1", "2010-07-01", "1/2/2020",
        "下周二", "七一", "十一月", "教学之星", "论文", "上门", "组内", "全校", "开", "关", " ", "　", "\n", "\t", "，", "：", "；", "（", "）",
        "\u{0}", "\u{7}", "\u{1B}[31m", "\u{7F}", "\u{85}", "\u{200B}", "\u{200E}", "\u{200F}", "\u{202E}", "\u{2066}",
        "\u{FEFF}",
        "\u{FFFD}", "\u{2028}", "👨‍👩‍👧", "🎉", "🇨🇳", "é", "e\u{301}", "ｆｕｌｌ", "１２", "﹕", "\"", "\\", "{", "}", "[", "]",
        "ا", "עברית", "ﷺ", "𠀀", "〇", "两", "九十九", "99999999999999999999", "-", "~", "到", ":", "::", "@", "/",
    ]

    @Test("random messages never crash and always give valid JSON with a reply")
    func randomMessages() throws {
        var rng = SeededGenerator(state: 20_100_701)
        let ctx = try context("2010-07-20")
        let groupCtx = try context("2010-07-20", group: true, botNames: ["cxzy"])
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...12, using: &rng)
            var text = ""
            for _ in 0..<count {
                if Bool.random(using: &rng), Int.random(in: 0..<4, using: &rng) == 0 {
                    // A random scalar from anywhere in Unicode (surrogates excluded by construction).
                    let value = UInt32.random(in: 0...0x10FFFF, using: &rng)
                    if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
                } else {
                    text += Self.pieces.randomElement(using: &rng) ?? ""
                }
            }
            for c in [ctx, groupCtx] {
                let outcome = IntentParser.parse(text, context: c)
                let object = try jsonObject(outcome.jsonLine)
                if case .failure(let error) = outcome {
                    #expect(!error.message.isEmpty && !error.usage.isEmpty, "\(text.debugDescription)")
                    #expect(object["error"] is String)
                }
            }
        }
    }

    @Test("100 KB and other extreme messages")
    func extremes() throws {
        let ctx = try context("2010-07-20")
        let huge = String(repeating: "预约示范课 10月12日 ", count: 8_000)
        guard case .failure(let error) = IntentParser.parse(huge, context: ctx) else {
            Issue.record("a 100 KB message must be refused")
            return
        }
        #expect(error.kind == .invalidValue)
        // Just under the limit is read normally (and still answered quickly).
        let long = "通知 " + String(repeating: "很", count: IntentParser.maxLength - 3)
        #expect(IntentParser.parse(long, context: ctx).isUnderstood)
        for text in [
            "", "\u{0}", String(repeating: "\u{200B}", count: 5000), String(repeating: "🎉", count: 3000),
            String(repeating: "十", count: 3000), String(repeating: "1", count: 3000),
            "预约示范课 " + String(repeating: "9", count: 3000) + "月1日",
        ] {
            _ = try jsonObject(IntentParser.parse(text, context: ctx).jsonLine)
        }
    }

    @Test("group chats read only slash commands and mentions of this bot")
    func groupRule() throws {
        let ctx = try context("2010-07-20", group: true, botNames: ["cxzy_bot"])
        #expect(IntentParser.parse("统计", context: ctx) == .ignored)
        #expect(IntentParser.parse("今天家访了王同学", context: ctx) == .ignored)
        #expect(IntentParser.parse("@other_bot 统计", context: ctx) == .ignored)
        #expect(IntentParser.parse("/stats@other_bot", context: ctx) == .ignored)
        #expect(IntentParser.parse("@cxzy_bot 统计", context: ctx).isUnderstood)
        #expect(IntentParser.parse("@CXZY_BOT 统计", context: ctx).isUnderstood)
        #expect(IntentParser.parse("@cxzy_bot:school.example 统计", context: ctx).isUnderstood)
        #expect(IntentParser.parse("/stats", context: ctx).isUnderstood)
        if case .failure(let error) = IntentParser.parse("/nonsense", context: ctx) {
            #expect(error.kind == .unknownCommand)
        } else {
            Issue.record("an unknown slash command in a group gets an answer")
        }
        // In a private chat everything is read.
        #expect(IntentParser.parse("统计", context: try context("2010-07-20")).isUnderstood)
    }

    @Test("replies are in English when the person wrote English")
    func language() throws {
        let ctx = try context("2010-07-20")
        guard case .failure(let en) = IntentParser.parse("/book tomorrow", context: ctx),
            case .failure(let zh) = IntentParser.parse("预约示范课 明天", context: ctx)
        else {
            Issue.record("both must fail")
            return
        }
        #expect(en.english && en.usage.hasPrefix("/book"))
        #expect(!zh.english && zh.usage.hasPrefix("预约示范课"))
        #expect(zh.reply.contains("例如"))
        // A slash command alone is how groups talk to the bot, not a choice of English.
        guard case .command(let command) = IntentParser.parse("/me", context: ctx) else {
            Issue.record("/me is understood")
            return
        }
        #expect(!command.english)
    }

    @Test("a near-miss keyword suggests the right command")
    func suggestions() throws {
        let ctx = try context("2010-07-20")
        for (text, expected) in [
            ("承若 教学之星", IntentKind.pledge), ("统记", .stats), ("预约示范 10月12日", .bookLesson),
            ("/boook", .bookLesson), ("/stat", .stats), ("/mee", .progress), ("家坊 昨天 王同学", .reportVisit),
        ] {
            guard case .failure(let error) = IntentParser.parse(text, context: ctx) else {
                Issue.record("\(text) must not be understood")
                continue
            }
            #expect(error.suggestion == expected, "\(text)")
            #expect(error.usage == expected.example(english: error.english))
        }
        guard case .failure(let far) = IntentParser.parse("今天天气不错", context: ctx) else {
            Issue.record("今天天气不错 must not be understood")
            return
        }
        #expect(far.suggestion == nil)
    }
}

@Suite("Help")
struct HelpTests {
    @Test("every command's example is understood as that command, in both languages")
    func examplesParse() throws {
        let ctx = try context("2010-07-20")
        for kind in IntentKind.allCases {
            for example in [kind.example.zh, kind.example.en] {
                guard case .command(let command) = IntentParser.parse(example, context: ctx) else {
                    Issue.record("example of \(kind): “\(example)” is not understood")
                    continue
                }
                #expect(command.intent.kind == kind)
            }
            for keyword in kind.keywords {
                guard
                    case .command(let c)? = Optional(
                        IntentParser.parse(
                            keyword + " " + kind.example.zh.split(separator: " ").dropFirst().joined(separator: " "),
                            context: ctx))
                else {
                    Issue.record("keyword \(keyword)")
                    continue
                }
                #expect(c.intent.kind == kind, "\(keyword)")
            }
        }
    }

    @Test("the menu lists exactly the commands the asker may use")
    func menu() {
        let teacher = HelpText.menu(for: .teacher, english: false)
        let admin = HelpText.menu(for: .admin, english: false)
        for kind in IntentKind.allCases {
            #expect(admin.contains(kind.keywords[0]))
            #expect(teacher.contains("· " + kind.keywords[0] + " ") == (kind.audience <= .teacher))
        }
        #expect(HelpText.menu(for: .admin, english: true).contains("/export"))
        #expect(HelpText.topic(.bookLesson, english: false).contains(IntentKind.bookLesson.example.zh))
    }
}

/// Held-out cases from three public date parsers (see Fixtures/peer-dates/README.txt for sources and licences).
@Suite("Peer date cases")
struct PeerDateTests {
    struct PeerCase: Decodable {
        let input: String
        let ref: String?
        let date: String?
        let date_past: String?
        let kind: String
        let source: String
    }

    /// Where SPEC §3 or a deliberate choice differs from a peer, with the reason.
    static let deviations: [String: String] = [
        "2010 01 29": "space-separated dates are three words to a chat parser",
        "两千零四年八月十五": "years spelled with 千 are not used for school dates",
        "1/2/2020": "day/month order is unclear: reported as ambiguous instead of guessed",
        "3-7-2017": "day/month order is unclear: reported as ambiguous instead of guessed",
        "the day after tomorrow": "multi-word English phrases are not read",
        "Tuesday next week": "multi-word English phrases are not read",
        "Oct. 2": "English month names are not read",
        "15 June 2016": "English month names are not read",
        "星期二": "SPEC: a bare weekday includes today",
        "周二": "SPEC: a bare weekday includes today",
        "1月3": "SPEC: a date without a year resolves forward for bookings",
    ]

    @Test("supported peer cases resolve as the peers expect")
    func peers() throws {
        let url = try #require(
            Bundle.module.url(forResource: "zh_dates", withExtension: "jsonl", subdirectory: "Fixtures/peer-dates"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let supported: Set = [
            "explicit_date", "month_day", "day_only", "relative_day", "weekday_bare", "weekday_this",
            "weekday_next", "weekday_last", "holiday", "invalid_date",
        ]
        var checked = 0
        for line in lines {
            let c = try JSONDecoder().decode(PeerCase.self, from: Data(line.utf8))
            guard supported.contains(c.kind), let ref = c.ref, Self.deviations[c.input] == nil else { continue }
            let today = try #require(CalendarDate(iso: ref.prefix(10)))
            let ctx = ParseContext(today: today)
            var checks = [("预约示范课 \(c.input) 第3节 高二3班", c.date)]
            if c.source.contains("Recognizers-Text") { checks.append(("家访 \(c.input) 王同学", c.date_past ?? c.date)) }
            for (message, expected) in checks {
                let object = try jsonObject(IntentParser.parse(message, context: ctx).jsonLine)
                if let expected {
                    #expect(object["date"] as? String == expected, "\(c.input) @\(ref) (\(c.source))")
                } else {
                    #expect(object["error"] as? String == "invalid_value", "\(c.input) must be refused")
                }
                checked += 1
            }
        }
        #expect(checked >= 150)
    }
}

@Suite("Reply language")
struct ReplyLanguageTests {
    @Test("a slash command whose only Chinese is a class name is answered in English")
    func classNamesDoNotMakeItChinese() throws {
        let ctx = try context("2010-10-11")
        guard
            case .command(let english) = IntentParser.parse(
                "/book 2010-10-12 period:3 class:高二(3)班 topic:Functions", context: ctx),
            case .command(let alsoEnglish) = IntentParser.parse("/book 2010-10-12 period:3 高二3班", context: ctx),
            case .command(let chinese) = IntentParser.parse("/book 明天 第3节 高二3班", context: ctx),
            case .command(let keyword) = IntentParser.parse("预约示范课 2010-10-12 第3节 高二3班", context: ctx)
        else {
            Issue.record("all four are bookings")
            return
        }
        #expect(english.english && alsoEnglish.english)
        #expect(!chinese.english && !keyword.english)
        #expect(!IntentKind.bookLesson.example.en.contains("："))
    }
}

@Suite("Lesson schedule ranges")
struct LessonRangeTests {
    @Test(
        "a range without a year is read around today, not pushed to next year",
        arguments: [
            ("示范课安排 10月1日到10月31日", "2010-10-11", "2010-10-01", "2010-10-31"),
            ("示范课安排 12月20日到1月10日", "2010-12-01", "2010-12-20", "2011-01-10"),
            ("示范课安排 1月5日", "2010-12-28", "2011-01-05", "2011-01-05"),
            ("示范课安排 9月1日-9月30日", "2010-10-11", "2010-09-01", "2010-09-30"),
        ])
    func ranges(_ row: (String, String, String, String)) throws {
        let object = try jsonObject(IntentParser.parse(row.0, context: try context(row.1)).jsonLine)
        #expect(object["from"] as? String == row.2)
        #expect(object["to"] as? String == row.3)
    }
}
