import BotRuntime
import CampaignCore
import Foundation
import Testing
import TestSupport

/// 示范课日历 and 评议与表彰 on the real listener, per branch for a secretary.
@Suite("The web back office: the demo-lesson calendar, commendations and 对标", .serialized)
struct WebLessonsTests {
    @Test(
        "a confirmed commendation is listed, for the whole school and its branch; another branch's secretary does not see it"
    )
    func outcomes() async throws {
        try await WebRig.with { rig in
            try await rig.harness.say("承诺 教学之星 上好一堂精品课", as: "T001")
            try await rig.harness.say("提交 精品课 《函数的单调性》", as: "T001")
            try await rig.harness.say("提交 教学案例 《函数的单调性》教学案例", as: "T001")
            let proposed = try await rig.harness.say("表彰 T001 教学之星 课堂教学扎实", as: "S001")
            let sure = try await rig.harness.say("确认", as: "S001")
            let confirmed = try await rig.harness.say("表彰 确认 A-0001", as: "A001")
            #expect(await rig.harness.state.award("A-0001")?.status == .confirmed, "\(proposed)\n\(sure)\n\(confirmed)")
            let admin = try await rig.signIn("A001")
            let page = try await rig.request("GET", "/outcomes", cookie: admin)
            #expect(page.status == 200 && page.body.contains("全校评议与表彰") && page.body.contains("李明"))
            #expect(page.body.contains("对标定位") && page.body.contains("民主评议"))
            let csv = try await rig.request("GET", "/export/awards.csv", cookie: admin)
            #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true)
            #expect(csv.body.contains("编号") && csv.body.contains("李明") && csv.body.contains("A-0001"))
            let own = try await rig.signIn("S001")
            #expect(try await rig.request("GET", "/outcomes", cookie: own).body.contains("李明"))
            let other = try await rig.signIn("S002")
            let theirs = try await rig.request("GET", "/outcomes", cookie: other)
            #expect(theirs.status == 200 && !theirs.body.contains("李明"))
            let branch = "/outcomes?branch=%E8%AF%AD%E6%96%87%E6%94%AF%E9%83%A8"
            #expect(try await rig.request("GET", branch, cookie: other).status == 403)
        }
    }

    @Test("a closed 评议 round shows as its aggregate chart per branch, for the admin and the branch's secretary")
    func evaluationAggregates() async throws {
        let school = EvaluationSchool.self
        try await WebRig.with(now: "2010-06-28T09:00:00+08:00", roster: school.csv, logins: []) { rig in
            let h = rig.harness
            _ = try await h.say("评议 开始 党员评议 截止 7月10日", as: "A001")
            let raters = school.people.filter { $0.branch == "语文支部" }.map(\.id)
            for rater in raters where !school.ratees(of: rater).isEmpty {
                _ = try await h.say("评议", as: rater)
                _ = try await EvaluationRoundTests.vote(h, rater)
            }
            _ = try await h.say("评议 结束", as: "A001")
            let admin = try await rig.signIn("A001")
            let page = try await rig.request("GET", "/outcomes", cookie: admin)
            #expect(page.status == 200 && page.body.contains("评议结果：党员评议") && page.body.contains("语文支部（"))
            #expect(page.body.contains("只公布汇总"))
            let secretary = try await rig.signIn("E001")
            let own = try await rig.request("GET", "/outcomes", cookie: secretary)
            #expect(own.body.contains("评议结果：党员评议") && !own.body.contains("数学支部（"))
        }
    }

    @Test(
        "the report downloads as a PDF (WeasyPrint), the secretary's of their branch",
        .enabled(if: Prerequisite.allows(Prerequisite.weasyprint)))
    func reportPDF() async throws {
        try await WebRig.with { rig in
            let admin = try await rig.signIn("A001")
            let pdf = try await rig.request("GET", "/report.pdf?phase=2", cookie: admin)
            #expect(pdf.status == 200 && pdf.header("Content-Type") == "application/pdf" && pdf.body.hasPrefix("%PDF"))
            #expect(pdf.header("Content-Disposition")?.contains("filename*=UTF-8''") == true)
            let secretary = try await rig.signIn("S001")
            let own = try await rig.request("GET", "/report.pdf", cookie: secretary)
            #expect(own.status == 200 && own.body.hasPrefix("%PDF"))
            #expect(own.header("Content-Disposition")?.contains(WebHTMLQuery.encode("语文支部")) == true)
            // One PDF at a time: a second asked for while the first is made is told to wait.
            async let first = rig.request("GET", "/report.pdf", cookie: admin)
            try await Task.sleep(for: .milliseconds(300))
            let second = try await rig.request("GET", "/report.pdf", cookie: secretary)
            #expect(try await first.status == 200)
            #expect(second.status == 503 && second.body.contains("正在生成另一份PDF"))
        }
    }

    @Test("a booked lesson is on its day, with teacher, class, topic, level and state; other branches do not see it")
    func calendar() async throws {
        try await WebRig.with { rig in
            let booked = try await rig.harness.say("预约示范课 10月20日 第3节 高二(3)班 函数的单调性", as: "T001")
            #expect(booked.contains("L-"))
            let admin = try await rig.signIn("A001")
            let page = try await rig.request("GET", "/lessons", cookie: admin)
            #expect(page.status == 200 && page.body.contains("全校示范课日历") && page.body.contains("2010年10月"))
            #expect(page.body.contains("10月20日") && page.body.contains("函数的单调性") && page.body.contains("李明"))
            #expect(page.body.contains("组内") && page.body.contains("已预约"))
            // What teachers type is shown as text, never as markup.
            try await rig.harness.say("预约示范课 10月21日 第2节 高二(5)班 <img src=x onerror=alert(1)>诗词", as: "S001")
            let escaped = try await rig.request("GET", "/lessons", cookie: admin)
            #expect(escaped.body.contains("&lt;img src=x onerror=alert(1)&gt;") && !escaped.body.contains("<img src=x"))
            let november = try await rig.request("GET", "/lessons?month=2010-11", cookie: admin)
            #expect(november.status == 200 && !november.body.contains("函数的单调性"))
            let own = try await rig.signIn("S001")
            #expect(try await rig.request("GET", "/lessons", cookie: own).body.contains("函数的单调性"))
            let other = try await rig.signIn("S002")
            let theirs = try await rig.request("GET", "/lessons", cookie: other)
            #expect(theirs.status == 200 && !theirs.body.contains("函数的单调性"))
            let branch = "/lessons?branch=%E8%AF%AD%E6%96%87%E6%94%AF%E9%83%A8"
            #expect(try await rig.request("GET", branch, cookie: other).status == 403)
        }
    }
}

/// Percent-encoding as the download's `filename*` writes it.
enum WebHTMLQuery {
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
