import BotRuntime
import Foundation
import Testing
import TestSupport

/// 示范课日历 on the real listener: the month's lessons, per branch for a secretary.
@Suite("The web back office: the demo-lesson calendar", .serialized)
struct WebLessonsTests {
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
