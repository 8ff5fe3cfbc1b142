import ArgumentParser
import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation

/// Plans every reminder of the whole built-in campaign for a large school and prints time and peak memory.
struct ReminderBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders",
        abstract: "Plan the whole campaign's reminders for many people (time and peak memory).")

    @Option(help: "People on the roster.") var people = 10_000
    @Option(help: "Timed runs (the median is reported).") var rounds = 3

    func run() throws {
        var state = BotState()
        var roster: [Person] = []
        for i in 0..<people {
            roster.append(
                Person(
                    staffID: "P\(i)", name: "教师\(i)",
                    roles: i % 3 == 2 ? [.administrative] : i % 3 == 1 ? [.classTeacher, .frontline] : [.frontline],
                    branch: "支部\(i % 20)", partyMember: i % 2 == 0, permission: i % 500 == 0 ? .secretary : .teacher))
        }
        try state.apply(Transports.importChange(people: roster, codes: [:]))
        // A realistic mix of records: a pledge from most people, some work, some visits, lessons for a third.
        let at = CampaignTime.instant(
            CalendarDate(year: 2010, month: 7, day: 20) ?? CalendarDate(dayNumber: 0), minutes: 600)
        for (i, person) in roster.enumerated() where i % 5 != 0 {
            let star: Star = person.has(.frontline) ? .teaching : .moral
            try state.apply(
                .pledge(
                    Pledge(id: state.nextID("P"), staffID: person.staffID, star: star, text: "承诺", at: at, late: false))
            )
            if i % 2 == 0 {
                try state.apply(
                    .addWork(
                        Work(id: state.nextID("W"), staffID: person.staffID, kind: .showcaseLesson, title: "课", at: at))
                )
            }
            if person.teachesDemoLesson && i % 3 == 0,
                let day = CalendarDate(year: 2010, month: 9, day: 1)?.adding(days: i % 280)
            {
                try state.apply(
                    .bookLesson(
                        Lesson(
                            id: state.nextID("L"), staffID: person.staffID, date: day, period: 1 + i % 8,
                            className: "高一(\(1 + i % 20))班", topic: nil, level: .group, status: .booked,
                            nominated: false, bookedAt: at, cancelledAt: nil)))
            }
        }
        let planner = ReminderPlanner(campaign: .builtIn)
        let from = CampaignTime.instant(Campaign.builtIn.start, minutes: 0)
        let to = CampaignTime.instant(Campaign.builtIn.end.adding(days: 1), minutes: 0)
        var times: [Double] = []
        var count = 0
        for _ in 0..<rounds {
            let t0 = Date()
            count = planner.plan(state: state, from: from, to: to).count
            times.append(Date().timeIntervalSince(t0))
        }
        times.sort()
        print(
            "reminder plan: whole campaign (\(Campaign.builtIn.start) → \(Campaign.builtIn.end)), \(people) people, \(state.pledges.count) pledges, \(state.works.count) works, \(state.lessons.count) lessons"
        )
        print(
            String(
                format: "  %d reminders planned in %.2f s (median of %d), peak memory %d MB", count,
                times[times.count / 2], rounds, StoreBench.peakResidentKB() / 1024))
    }
}
