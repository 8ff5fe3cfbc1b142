import CampaignIntents
import Foundation
import Testing

/// 对标 and 表彰 as people type them, with the exact `cxzy parse` JSON.
let secondHalfCases: [LanguageCase] = [
    // 对标定位: labels with full-width or ASCII colons, synonyms, plain words, English keys
    LanguageCase(
        "对标 榜样：李老师（市级优秀教师） 差距：课堂提问设计不够 措施：每月听两节课",
        #"{"intent":"benchmark","model":"李老师（市级优秀教师）","gaps":"课堂提问设计不够","steps":"每月听两节课"}"#),
    LanguageCase(
        "对标：标杆:王老师 不足:作业批改不及时 举措:每天当天批完",
        #"{"intent":"benchmark","model":"王老师","gaps":"作业批改不及时","steps":"每天当天批完"}"#),
    LanguageCase(
        "对标 对标对象： 李老师　差距： 课堂提问设计不够，板书零乱 整改措施：每月听两节课",
        #"{"intent":"benchmark","model":"李老师","gaps":"课堂提问设计不够，板书零乱","steps":"每月听两节课"}"#),
    LanguageCase(
        "对标对象：李老师 差距：提问 措施：听课",
        #"{"intent":"benchmark","model":"李老师","gaps":"提问","steps":"听课"}"#),
    LanguageCase(
        "我要对标 李老师，课堂提问设计不够，每月听两节课、写反思",
        #"{"intent":"benchmark","model":"李老师","gaps":"课堂提问设计不够","steps":"每月听两节课、写反思"}"#),
    LanguageCase("对标 措施：每周听一节课", #"{"intent":"benchmark","steps":"每周听一节课"}"#),
    LanguageCase("对标 榜样：李老师", #"{"intent":"benchmark","model":"李老师"}"#),
    LanguageCase("对标", #"{"intent":"benchmark"}"#),
    LanguageCase("對標 榜样：李老师 差距：提问 措施：听课", #"{"intent":"benchmark","model":"李老师","gaps":"提问","steps":"听课"}"#),
    LanguageCase(
        "对标 model:李老师 gaps:提问 steps:每月听课",
        #"{"intent":"benchmark","model":"李老师","gaps":"提问","steps":"每月听课"}"#),
    LanguageCase(
        "/benchmark model:Ms Li gaps:my questions steps:observe two lessons",
        #"{"intent":"benchmark","model":"Ms Li","gaps":"my questions","steps":"observe two lessons"}"#),
    LanguageCase(
        "对标 榜样：李老师 gaps:差距：提问", #"{"intent":"benchmark","model":"李老师","gaps":"提问"}"#),
    // 评选表彰: propose by id or name, confirm (also glued and full-width), reject with a reason, announce, list
    LanguageCase("表彰 T003 德育之星", #"{"intent":"award","action":"propose","who":"T003","star":"moral"}"#),
    LanguageCase("表彰 王老师 教学之星", #"{"intent":"award","action":"propose","who":"王老师","star":"teaching"}"#),
    LanguageCase("表彰　Ｔ００３　德育", #"{"intent":"award","action":"propose","who":"T003","star":"moral"}"#),
    LanguageCase(
        "表彰 T002 教学之星 理由：精品课获市一等奖",
        #"{"intent":"award","action":"propose","who":"T002","star":"teaching","reason":"精品课获市一等奖"}"#),
    LanguageCase(
        "表彰 T002 教学之星 确认 通知全校",
        #"{"intent":"award","action":"propose","who":"T002","star":"teaching","confirmed":true,"announce":true}"#),
    LanguageCase(
        "表彰 T002 教学之星 confirm:确认",
        #"{"intent":"award","action":"propose","who":"T002","star":"teaching","confirmed":true}"#),
    LanguageCase("表彰 确认 A-0001", #"{"intent":"award","action":"confirm","id":"A-0001"}"#),
    LanguageCase("表彰确认a1", #"{"intent":"award","action":"confirm","id":"A-0001"}"#),
    LanguageCase("表彰：确认 Ａ－０００２ 通知全校", #"{"intent":"award","action":"confirm","id":"A-0002","announce":true}"#),
    LanguageCase(
        "表彰 驳回 A-0001 理由：材料不全，请补交教学案例",
        #"{"intent":"award","action":"reject","id":"A-0001","reason":"材料不全，请补交教学案例"}"#),
    LanguageCase("表彰 驳回 A0003", #"{"intent":"award","action":"reject","id":"A-0003"}"#),
    LanguageCase("表彰 通知 A-0001", #"{"intent":"award","action":"announce","id":"A-0001"}"#),
    // Taking an award back: 表彰 撤销/撤回, /award revoke, and 撤销 with an award id.
    LanguageCase(
        "表彰 撤销 A-0001 理由：材料有误", #"{"intent":"award","action":"revoke","id":"A-0001","reason":"材料有误"}"#),
    LanguageCase("表彰撤回a2", #"{"intent":"award","action":"revoke","id":"A-0002"}"#),
    LanguageCase("/award revoke A-0001", #"{"intent":"award","action":"revoke","id":"A-0001"}"#),
    LanguageCase("撤销 A-0001", #"{"intent":"award","action":"revoke","id":"A-0001"}"#),
    LanguageCase("撤销 a3 评选有误", #"{"intent":"award","action":"revoke","id":"A-0003","reason":"评选有误"}"#),
    LanguageCase("表彰 名单", #"{"intent":"award","action":"list"}"#),
    LanguageCase("表彰", #"{"intent":"award","action":"list"}"#),
    LanguageCase("表彰 名单 第三阶段 德育之星", #"{"intent":"award","action":"list","phase":3,"star":"moral"}"#),
    LanguageCase("评选表彰 名单 第2阶段", #"{"intent":"award","action":"list","phase":2}"#),
    LanguageCase("/award T003 moral", #"{"intent":"award","action":"propose","who":"T003","star":"moral"}"#),
    LanguageCase(
        "/award confirm A-0001 announce", #"{"intent":"award","action":"confirm","id":"A-0001","announce":true}"#),
    LanguageCase("/award list phase:2 teaching", #"{"intent":"award","action":"list","phase":2,"star":"teaching"}"#),
    // the missing lists know 对标
    LanguageCase("未完成 对标", #"{"intent":"missing","what":"benchmark"}"#),
    LanguageCase("未完成 对标定位 数学支部", #"{"intent":"missing","what":"benchmark","branch":"数学支部"}"#),
    LanguageCase("/missing benchmark", #"{"intent":"missing","what":"benchmark"}"#),
]

let secondHalfErrors: [ErrorCase] = [
    ErrorCase("表彰 T003", "missing_argument", "award", "star"),
    ErrorCase("表彰 确认", "missing_argument", "award", "id"),
    ErrorCase("表彰 驳回", "missing_argument", "award", "id"),
    ErrorCase("表彰 A-0001", "invalid_value", "award", "id"),
    ErrorCase("表彰 T003 德育之星 confirm:不要", "invalid_value", "award", "on"),
    ErrorCase("表彰 T003 star:体育之星", "invalid_value", "award", "star"),
]

@Suite("Command language: 对标定位 and 评选表彰")
struct SecondHalfLanguageTests {
    @Test("every form", arguments: secondHalfCases)
    func forms(_ row: LanguageCase) throws {
        let outcome = IntentParser.parse(row.text, context: try context(row.today, botNames: ["cxzy_bot"]))
        #expect(outcome.jsonLine == row.json)
    }

    @Test("errors name the intent and argument and show an example", arguments: secondHalfErrors)
    func errors(_ row: ErrorCase) throws {
        let outcome = IntentParser.parse(row.text, context: try context("2011-09-01"))
        guard case .failure(let error) = outcome else {
            Issue.record("understood: \(outcome.jsonLine)")
            return
        }
        #expect(error.kind.rawValue == row.error)
        #expect(error.intent?.rawValue == row.intent)
        #expect(error.argument?.rawValue == row.argument)
        #expect(!error.message.isEmpty && error.reply.contains("例如："))
    }

    @Test("help lists 对标 and 表彰 with their examples")
    func help() {
        let menu = HelpText.menu(for: .teacher, english: false)
        #expect(menu.contains("对标") && menu.contains(IntentKind.benchmark.example.zh))
        #expect(menu.contains("表彰") && menu.contains("表彰 T003 德育之星"))
        #expect(HelpText.topic(.award, english: false).contains("确认/驳回/通知"))
    }
}
