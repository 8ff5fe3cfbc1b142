import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// The back office on a real listener: signing in by a one-time link from chat, the session cookie, CSRF, the
/// secretaries' scope, the security headers, and no student data on any page.
@Suite("The web back office: login from chat, sessions, scope and privacy", .serialized)
struct WebOfficeTests {
    @Test("后台 and 退出后台 parse to the web intent; `cxzy parse` prints them")
    func parsing() throws {
        let context = ParseContext(today: try #require(CalendarDate(year: 2010, month: 10, day: 11)))
        #expect(IntentParser.parse("后台", context: context).jsonLine == #"{"intent":"web"}"#)
        #expect(IntentParser.parse("/web", context: context).jsonLine == #"{"intent":"web"}"#)
        #expect(IntentParser.parse("管理后台", context: context).jsonLine == #"{"intent":"web"}"#)
        #expect(IntentParser.parse("退出后台", context: context).jsonLine == #"{"intent":"web","action":"logout"}"#)
        #expect(IntentParser.parse("/web logout", context: context).jsonLine == #"{"intent":"web","action":"logout"}"#)
        #expect(!IntentParser.parse("后台 明天", context: context).isUnderstood)
    }

    @Test("a link only in a private chat, only for secretaries and admins; 退出后台 ends every session")
    func linkFromChat() async throws {
        try await WebRig.with { rig in
            let reply = try await rig.harness.say("后台", as: "A001")
            #expect(reply.contains("http://127.0.0.1/login?token="))
            #expect(reply.contains("10分钟"))
            let group = try await rig.harness.say("/web", from: .of("S001"), inGroup: staffRoom)
            #expect(group.contains("私聊") && !group.contains("token="))
            let teacher = try await rig.harness.say("后台", as: "T001")
            #expect(teacher.contains("只对支部书记和管理员开放") && !teacher.contains("token="))

            let first = try await rig.signIn("A001")
            let second = try await rig.signIn("A001")
            #expect(try await rig.request("GET", "/overview", cookie: first).status == 200)
            let out = try await rig.harness.say("退出后台", as: "A001")
            #expect(out.contains("2 个登录全部失效"))
            for cookie in [first, second] {
                let page = try await rig.request("GET", "/overview", cookie: cookie)
                #expect(page.status == 401 && page.body.contains("请从聊天中登录"))
            }
        }
    }

    @Test("the link works once, and not after 10 minutes; opening it (GET) does not use it up")
    func linkSingleUseAndExpiry() async throws {
        try await WebRig.with { rig in
            let token = try await rig.link(for: "S001")
            let preview = try await rig.request("GET", "/login?token=\(token)")
            #expect(preview.status == 200 && preview.body.contains("进入管理后台"))
            #expect(try await rig.request("GET", "/login?token=\(token)").status == 200)
            #expect(try await rig.request("POST", "/login", form: ["token": token]).status == 303)
            let again = try await rig.request("POST", "/login", form: ["token": token])
            #expect(again.status == 403 && again.body.contains("已失效") && again.cookie == nil)

            let late = try await rig.link(for: "S001")
            rig.harness.clock.advance(to: rig.harness.clock.now() + 10 * 60 + 1)
            #expect(try await rig.request("POST", "/login", form: ["token": late]).status == 403)
            let fresh = try await rig.link(for: "S001")
            rig.harness.clock.advance(to: rig.harness.clock.now() + 9 * 60)
            #expect(try await rig.request("POST", "/login", form: ["token": fresh]).status == 303)
        }
    }

    @Test("the session cookie is HttpOnly, SameSite=Strict, 8 hours; Secure and __Host- behind HTTPS")
    func cookieFlags() async throws {
        try await WebRig.with { rig in
            let token = try await rig.link(for: "A001")
            let reply = try await rig.request("POST", "/login", form: ["token": token])
            let cookie = try #require(reply.header("Set-Cookie"))
            #expect(
                cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Max-Age=28800"))
            #expect(!cookie.contains("Secure") && cookie.hasPrefix("cxzy-session="))
            let session = try #require(reply.cookie)
            rig.harness.clock.advance(to: rig.harness.clock.now() + 8 * 3600 + 1)
            #expect(try await rig.request("GET", "/overview", cookie: session).status == 401)
        }
        try await WebRig.with(base: "https://dangjian.school.example/cxzy") { rig in
            let reply = try await rig.harness.say("后台", as: "A001")
            #expect(reply.contains("https://dangjian.school.example/cxzy/login?token="))
            let token = try await rig.link(for: "A001")
            let login = try await rig.request("POST", "/login", form: ["token": token])
            let cookie = try #require(login.header("Set-Cookie"))
            #expect(cookie.hasPrefix("__Host-cxzy-session=") && cookie.contains("; Secure"))
            #expect(login.header("Location") == "/cxzy/overview")
        }
    }

    @Test("every page sends a strict Content-Security-Policy and no-store; forms without their CSRF token are refused")
    func headersAndCSRF() async throws {
        try await WebRig.with { rig in
            let cookie = try await rig.signIn("A001")
            for path in [
                "/overview", "/missing", "/missing?what=lesson", "/lessons", "/outcomes", "/roster", "/report",
                "/login", "/",
            ] {
                let page = try await rig.request("GET", path, cookie: path == "/login" ? nil : cookie)
                let policy = try #require(page.header("Content-Security-Policy"), "no policy on \(path)")
                #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"))
                #expect(!policy.contains("unsafe-inline") && !policy.contains("script-src"))
                #expect(page.header("Cache-Control") == "no-store")
                #expect(page.header("X-Content-Type-Options") == "nosniff")
            }
            let page = try await rig.request("GET", "/overview", cookie: cookie)
            let csrf = try #require(WebRig.csrf(in: page.body))
            #expect(try await rig.request("POST", "/logout", cookie: cookie, form: [:]).status == 403)
            #expect(try await rig.request("POST", "/logout", cookie: cookie, form: ["csrf": "x" + csrf]).status == 403)
            #expect(try await rig.request("GET", "/overview", cookie: cookie).status == 200)
            let out = try await rig.request("POST", "/logout", cookie: cookie, form: ["csrf": csrf])
            #expect(out.status == 303 && out.header("Set-Cookie")?.contains("Max-Age=0") == true)
            #expect(try await rig.request("GET", "/overview", cookie: cookie).status == 401)
        }
    }

    @Test("a secretary sees their branch only: another branch in the URL is 403")
    func secretaryScope() async throws {
        try await WebRig.with { rig in
            let cookie = try await rig.signIn("S002")
            let own = try await rig.request("GET", "/overview", cookie: cookie)
            #expect(own.status == 200 && own.body.contains("数学支部活动总览"))
            #expect(!own.body.contains("语文支部"))
            for path in [
                "/overview?branch=%E8%AF%AD%E6%96%87%E6%94%AF%E9%83%A8",
                "/missing?branch=%E8%AF%AD%E6%96%87%E6%94%AF%E9%83%A8",
                "/report?branch=%E8%AF%AD%E6%96%87%E6%94%AF%E9%83%A8",
                "/report.pdf?branch=%E8%AF%AD%E6%96%87%E6%94%AF%E9%83%A8",
            ] {
                #expect(try await rig.request("GET", path, cookie: cookie).status == 403, "\(path)")
            }
            let missing = try await rig.request("GET", "/missing", cookie: cookie)
            #expect(missing.status == 200 && missing.body.contains("赵磊") && !missing.body.contains("李明"))
            for path in ["/export/progress.csv", "/export/awards.csv", "/export/benchmarks.csv"] {
                #expect(try await rig.request("GET", path, cookie: cookie).status == 403, "\(path)")
            }
            let other = "/export/records.csv?branch=%E8%AF%AD%E6%96%87%E6%94%AF%E9%83%A8"
            #expect(try await rig.request("GET", other, cookie: cookie).status == 403)
            let admin = try await rig.signIn("A001")
            let school = try await rig.request("GET", "/missing", cookie: admin)
            #expect(school.body.contains("赵磊") && school.body.contains("李明"))
            let chat = try await rig.harness.say("未完成", as: "S002")
            #expect(chat.contains("赵磊"))
        }
    }

    @Test("no page and no download shows a student's name or a visit's note")
    func noStudentData() async throws {
        try await WebRig.with { rig in
            let student = "欧阳晓雪", note = "父母外出务工由祖母照看"
            let reply = try await rig.harness.say("家访 10月9日 \(student) 上门 \(note)", as: "T001")
            #expect(reply.contains("V-"))
            // One corrected (its history), one withdrawn (a row of its own, from its history).
            try await rig.harness.say("家访 10月10日 上官小燕 电话 \(note)", as: "T001")
            try await rig.harness.say("修改 V-0002 学生:\(student) 备注:\(note)再访", as: "T001")
            try await rig.harness.say("家访 10月8日 \(student) 来校", as: "S001")
            try await rig.harness.say("撤销 V-0003", as: "S001")
            #expect(await rig.harness.state.visits.count == 2)
            for (who, paths) in [
                (
                    "A001",
                    [
                        "/overview", "/report", "/report?phase=2", "/export/progress.csv", "/export/awards.csv",
                        "/export/benchmarks.csv", "/outcomes", "/lessons", "/export/records.csv",
                        "/export/records.csv?branch=%E8%AF%AD%E6%96%87%E6%94%AF%E9%83%A8",
                    ]
                ),
                ("S001", ["/overview", "/report", "/export/records.csv"]),
            ] {
                let cookie = try await rig.signIn(who)
                var pages = paths
                pages += WebRoutesTargets.all.map { "/missing?what=\($0)" }
                for path in pages {
                    let page = try await rig.request("GET", path, cookie: cookie)
                    #expect(page.status == 200, "\(who) \(path): \(page.status)")
                    #expect(
                        !page.body.contains(student) && !page.body.contains(note) && !page.body.contains("上官小燕"),
                        "\(who) \(path) shows student data")
                }
            }
            // The download is not empty: the visits are there, by id, date and owner, with neither column.
            let cookie = try await rig.signIn("S001")
            let records = try await rig.request("GET", "/export/records.csv", cookie: cookie).body
            #expect(records.contains("V-0001") && records.contains("V-0002") && records.contains("V-0003"))
            #expect(records.contains("已撤销") && records.contains("李明"))
            let header = try #require(records.split(separator: "\r\n").first)
            #expect(!header.contains("学生") && !header.contains("备注") && header.contains("修改记录"))
        }
    }

    @Test("the records CSV: everything the chat's 导出 has but visits' students and notes; a secretary's branch only")
    func recordsCSV() async throws {
        try await WebRig.with { rig in
            try await rig.harness.say("承诺 教学之星 上好一堂精品课", as: "T001")
            try await rig.harness.say("承诺 教学之星 写一篇教学案例", as: "S002")
            try await rig.harness.say("预约示范课 10月20日 第3节 高二(3)班 函数的单调性", as: "S002")
            try await rig.harness.say("提交 论文 班主任工作的几点体会", as: "S001")
            try await rig.harness.say("家访 10月9日 某同学 上门", as: "T001")
            let admin = try await rig.signIn("A001")
            let all = try await rig.request("GET", "/export/records.csv", cookie: admin)
            #expect(all.status == 200 && all.header("Content-Type")?.hasPrefix("text/csv") == true)
            #expect(all.header("Content-Disposition")?.contains("attachment") == true)
            #expect(all.body.hasPrefix("\u{FEFF}类型,编号,工号,姓名,支部,日期"))
            for id in ["P-0001", "P-0002", "L-0001", "W-0001", "V-0001"] { #expect(all.body.contains(id), "\(id)") }
            #expect(all.body.contains("函数的单调性") && all.body.contains("上门"))
            let report = try await rig.request("GET", "/report", cookie: admin)
            #expect(report.body.contains("/export/records.csv"))

            let secretary = try await rig.signIn("S002")
            let own = try await rig.request("GET", "/export/records.csv", cookie: secretary)
            #expect(own.status == 200 && own.body.contains("P-0002") && own.body.contains("L-0001"))
            #expect(!own.body.contains("P-0001") && !own.body.contains("V-0001") && !own.body.contains("W-0001"))
            let page = try await rig.request("GET", "/report", cookie: secretary)
            #expect(page.body.contains("/export/records.csv\"") && !page.body.contains("/export/progress.csv"))
            #expect(try await rig.request("GET", "/export/records.csv").status == 401)
        }
    }

    @Test("a secretary made a teacher, or taken off the roster, loses the session at once")
    func demotedLosesSession() async throws {
        try await WebRig.with { rig in
            let secretary = try await rig.signIn("S002")
            let admin = try await rig.signIn("A001")
            var people = try RosterCSV.parse(Data(DemoRoster.csv.utf8))
            people.removeAll { $0.staffID == "A001" }
            for i in people.indices where people[i].staffID == "S002" { people[i].permission = .teacher }
            _ = try await rig.harness.bot.importRoster(people)
            #expect(try await rig.request("GET", "/overview", cookie: secretary).status == 401)
            #expect(try await rig.request("GET", "/overview", cookie: admin).status == 401)
        }
    }

    @Test("login attempts are limited per client: the 11th within 10 minutes is refused, even with a good link")
    func rateLimited() async throws {
        try await WebRig.with { rig in
            for i in 0..<WebLogins.attemptsPerClient {
                #expect(try await rig.request("POST", "/login", form: ["token": "wrong\(i)"]).status == 403)
            }
            let token = try await rig.link(for: "A001")
            #expect(try await rig.request("POST", "/login", form: ["token": token]).status == 429)
            rig.harness.clock.advance(to: rig.harness.clock.now() + 601)
            let again = try await rig.link(for: "A001")
            #expect(try await rig.request("POST", "/login", form: ["token": again]).status == 303)
        }
    }
}

/// The kinds of 未完成 the page offers.
enum WebRoutesTargets {
    static let all = ["all", "pledge", "lesson", "visit", "moral", "teaching", "research", "benchmark"]
}
