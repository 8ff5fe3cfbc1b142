import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

/// The rules asserted on what they decided, not on their words: each reply is a typed outcome, worded elsewhere.
@Suite("Rule outcomes")
struct RuleOutcomeTests {
    @Test("a pledge after the deadline is recorded as late, with the star's requirements; a second one adds to it")
    func pledge() throws {
        let h = try Session()
        try h.login("T001")
        let recorded = try h.outcomes("承诺 教学之星 上好一堂精品课", as: "T001")
        let first = try #require(h.state.pledges.first)
        let needs = try #require(Campaign.builtIn.rule(for: .teaching)).requirements.map(\.name)
        // The session's day is after the pledge deadline.
        #expect(first.late)
        #expect(
            recorded.map { $0 as? PledgeReply } == [
                .recorded(first, needs: needs, lateAfter: Campaign.builtIn.pledgeDeadline)
            ])
        let added = try h.outcomes("承诺 教学之星 再加一条：写一篇教学案例", as: "T001")
        let now = try #require(h.state.pledges.first)
        #expect(now.id == first.id && now.text == "上好一堂精品课；写一篇教学案例")
        #expect(added.map { $0 as? PledgeReply } == [.added(now, addition: "写一篇教学案例", needs: needs)])
    }

    @Test("a star the roster does not open is refused, with the stars that are open")
    func pledgeNotEligible() throws {
        let h = try Session()
        try h.login("T003")
        let outcome = try #require(try h.outcomes("承诺 德育之星 家访", as: "T003").first as? PledgeReply)
        guard case .notEligible(let star, _, _, let allowed) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(star == .moral && !allowed.contains(.moral))
        #expect(h.state.pledges.isEmpty)
    }

    @Test("a visit in the future is refused with its date; a past one is recorded")
    func visit() throws {
        let h = try Session()
        try h.login("T001")
        let future = try h.outcomes("家访 明天 王同学", as: "T001")
        #expect(future.map { $0 as? VisitReply } == [.inFuture(try #require(CalendarDate(iso: "2010-10-12")))])
        let past = try h.outcomes("家访 10月9日 王同学 上门", as: "T001")
        let visit = try #require(h.state.visits.first)
        // Saturday 10/9 was a make-up workday after the National Day holiday.
        #expect(past.map { $0 as? VisitReply } == [.recorded(visit, .makeUpWorkday("国庆节调休"))])
    }

    @Test("a booking clashes with another lesson in the same class and period")
    func lessonClash() throws {
        let h = try Session()
        try h.login(["T001", "T002"])
        let booked = try h.outcomes("预约示范课 10月12日 第3节 高二(3)班", as: "T001")
        let lesson = try #require(h.state.lessons.first)
        #expect(booked.map { $0 as? LessonReply } == [.booked(lesson, makeUpWorkday: nil)])
        let clash = try h.outcomes("预约示范课 10月12日 第三节 高二三班 古诗鉴赏", as: "T002")
        let expected = LessonClash(
            lesson: lesson, date: lesson.date, period: 3, place: .named("高二(3)班"), reason: nil)
        #expect(clash.map { $0 as? LessonReply } == [.clash(expected, teacher: "李明")])
        #expect(h.state.lessons.count == 1)
    }

    @Test("cancelling a nominated lesson says the nomination goes with it")
    func cancelNominated() throws {
        let h = try Session()
        try h.login(["T002", "S001"])
        try h.say("预约示范课 下周二 下午第2节 高一1班 荷塘月色", as: "T002")
        let nominated = try h.outcomes("推荐 L-0001", as: "S001")
        guard case .nominated(let lesson, let teacher, nil, nil, nil)? = nominated.first as? LessonChangeReply else {
            Issue.record("expected a nomination, got \(nominated)")
            return
        }
        #expect(lesson.id == "L-0001" && teacher.staffID == "T002" && h.state.lessons.first?.nominated == true)
        let cancelled = try h.outcomes("取消示范课 L-0001", as: "T002")
        guard case .cancelled(let gone, schoolRound: nil)? = cancelled.first as? LessonChangeReply else {
            Issue.record("expected a cancellation, got \(cancelled)")
            return
        }
        #expect(gone.id == "L-0001" && gone.nominated)
    }
}
