import CampaignIntents
import Testing

/// Inputs from the school-year trial that were read as something other than what was written.
@Suite("Trial findings: read as written")
struct TrialFindingsTests {
    @Test("a slash command alone, ok, hi and a record id are answered in Chinese; English words choose English")
    func chineseFirst() throws {
        let group = try context("2010-10-11", group: true, botNames: ["bot"])
        let direct = try context("2010-10-11")
        for (text, ctx) in [("/stats@bot", group), ("/me", direct), ("/me", group), ("/help", direct)] {
            guard case .command(let command) = IntentParser.parse(text, context: ctx) else {
                Issue.record("\(text) is a command")
                continue
            }
            #expect(!command.english, "\(text)")
        }
        for text in ["ok", "hi", "V-0001", "OK"] {
            guard case .failure(let error) = IntentParser.parse(text, context: direct) else {
                Issue.record("\(text) is not a command")
                continue
            }
            #expect(!error.english && error.message.contains("命令"), "\(text): \(error.message)")
        }
        for text in ["/stats branch", "/book tomorrow", "/remind off", "/held L-0003 yes", "hello there bot"] {
            switch IntentParser.parse(text, context: direct) {
            case .command(let command): #expect(command.english, "\(text)")
            case .failure(let error): #expect(error.english, "\(text)")
            case .ignored: Issue.record("\(text) ignored")
            }
        }
    }

    @Test("an @-mention followed by a full-width colon keeps the command word")
    func mentionColon() throws {
        let ctx = try context("2010-07-20", group: true, botNames: ["bot"])
        #expect(
            IntentParser.parse("@bot：承诺 教学之星 上好精品课", context: ctx).jsonLine
                == #"{"intent":"pledge","star":"teaching","text":"上好精品课"}"#)
        #expect(
            IntentParser.parse("@bot: 承诺 教学之星 上好精品课", context: ctx).jsonLine
                == #"{"intent":"pledge","star":"teaching","text":"上好精品课"}"#)
        #expect(IntentParser.parse("@other：承诺 教学之星 上好精品课", context: ctx) == .ignored)
        // A Matrix id keeps its server part.
        let matrix = try context("2010-07-20", group: true, botNames: ["cxzy"])
        #expect(IntentParser.parse("@cxzy:school.example 我的进度", context: matrix).jsonLine == #"{"intent":"progress"}"#)
    }
}

@Suite("Trial findings: small")
struct TrialFindingsSmallTests {
    @Test("a colon after the star or kind word is not part of the text")
    func colonAfterWord() throws {
        let ctx = try context("2010-07-20")
        #expect(
            IntentParser.parse("申报德育之星：写一篇经验论文", context: ctx).jsonLine
                == #"{"intent":"pledge","star":"moral","text":"写一篇经验论文"}"#)
        #expect(
            IntentParser.parse("提交 精品课：函数复习", context: ctx).jsonLine
                == #"{"intent":"submit_work","kind":"showcase_lesson","title":"函数复习"}"#)
    }
}

/// Typed as people type: what the trial's teachers wrote, as `cxzy parse` JSON.
let trialTypedCases: [LanguageCase] = [
    LanguageCase(
        "预约示范课\n日期：9月14日（周二）\n节次：第3节\n班级：高二3班\n课题：数列",
        #"{"intent":"book_lesson","date":"2010-09-14","period":3,"class":"高二(3)班","topic":"数列","level":"group"}"#,
        today: "2010-09-06"),
    LanguageCase(
        "预约示范课 日期：周二（9月14日） 第3节 高二3班",
        #"{"intent":"book_lesson","date":"2010-09-14","period":3,"class":"高二(3)班","level":"group"}"#,
        today: "2010-09-06"),
    LanguageCase(
        "家访 时间：7月18日 王同学 上门",
        #"{"intent":"report_visit","date":"2010-07-18","student":"王同学","mode":"home"}"#),
    // The weekday before the date, the date in brackets: that date, not the next Tuesday, and no date in the topic.
    LanguageCase(
        "预约示范课 周二（9月14日） 第3节 高二3班 数列",
        #"{"intent":"book_lesson","date":"2010-09-14","period":3,"class":"高二(3)班","topic":"数列","level":"group"}"#,
        today: "2010-09-06"),
    LanguageCase("提醒开～", #"{"intent":"remind","on":true}"#),
    LanguageCase("附件 W-0003 /home/t/a.pdf", #"{"intent":"attach","id":"W-0003"}"#),
    LanguageCase("附件 W-0003 /home/t/我的 照片.jpg", #"{"intent":"attach","id":"W-0003"}"#),
    LanguageCase(
        "您好，我想申报德育之星 写一篇经验论文",
        #"{"intent":"pledge","star":"moral","text":"写一篇经验论文"}"#),
    LanguageCase(
        "老师好！承诺 教学之星 上好精品课", #"{"intent":"pledge","star":"teaching","text":"上好精品课"}"#),
    LanguageCase("李老师好，我的进度", #"{"intent":"progress"}"#),
    LanguageCase(
        "家访 昨天 王同学 电话沟通",
        #"{"intent":"report_visit","date":"2010-07-19","student":"王同学","mode":"phone"}"#),
    LanguageCase(
        "@cxzy_bot：承诺 教学之星 上好精品课", #"{"intent":"pledge","star":"teaching","text":"上好精品课"}"#, group: true),
]

@Suite("Trial findings: typed as people type")
struct TrialTypedTests {
    @Test("each is read as written", arguments: trialTypedCases)
    func parses(_ row: LanguageCase) throws {
        let outcome = IntentParser.parse(
            row.text, context: try context(row.today, group: row.group, botNames: ["cxzy_bot"]))
        #expect(outcome.jsonLine == row.json)
    }

    @Test("refused, naming the argument: two classes as one, a weekday that contradicts its date")
    func refusals() throws {
        let ctx = try context("2010-09-06")
        for (text, argument, words) in [
            ("预约示范课 10月21日 第3节 高二(3)(4)班 数列", "class", "只写一个班"),
            ("预约示范课 周三（9月14日） 第3节 高二3班", "date", "周二"),
            ("预约示范课 日期：9月14日（周三） 第3节 高二3班", "date", "周二"),
            ("预约示范课 日期：周二（9月31日） 第3节 高二3班", "date", "9月31日"),
        ] {
            let json = try jsonObject(IntentParser.parse(text, context: ctx).jsonLine)
            #expect(json["argument"] as? String == argument, "\(text): \(json)")
            #expect((json["message"] as? String)?.contains(words) == true, "\(text): \(json)")
        }
    }
}

@Suite("Trial findings: the English menu")
struct TrialEnglishMenuTests {
    @Test("/help english asks for the menu in English")
    func helpEnglish() throws {
        guard case .command(let command) = IntentParser.parse("/help english", context: try context("2010-07-20"))
        else {
            Issue.record("/help english is understood")
            return
        }
        #expect(command.intent == .help(topic: nil) && command.english)
    }
}

@Suite("Trial findings: 历史")
struct TrialHistoryTests {
    @Test("历史 W-0001 reads as the history intent with its id")
    func history() throws {
        let ctx = try context("2010-10-11")
        #expect(IntentParser.parse("历史 W-0001", context: ctx).jsonLine == #"{"intent":"history","id":"W-0001"}"#)
        #expect(IntentParser.parse("/history v2", context: ctx).jsonLine == #"{"intent":"history","id":"V-0002"}"#)
        #expect(IntentParser.parse("修改历史 P-0001", context: ctx).jsonLine == #"{"intent":"history","id":"P-0001"}"#)
        let missing = try jsonObject(IntentParser.parse("历史", context: ctx).jsonLine)
        #expect(missing["error"] as? String == "missing_argument" && missing["argument"] as? String == "id")
    }
}
