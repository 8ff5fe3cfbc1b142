import BotRuntime
import CampaignCore
import CampaignIntents
import CampaignStorage
import Foundation
import Logging
import Testing
import TestSupport

/// The whole built-in campaign (2010-06-11 → 2012-11-07) with a manual clock and 50 people.
@Suite("Reminders over the whole campaign")
struct ReminderSimulationTests {
    /// 50 people: every second one a Party member; roles cycle frontline / class teacher + frontline / administrative.
    static let roster: String = {
        var lines = ["工号,姓名,角色,支部,党员,权限,telegram"]
        for i in 0..<50 {
            let roles = ["一线", "班主任、一线", "行政"][i % 3]
            let branch = ["语文支部", "数学支部", "综合支部"][i % 3]
            let permission = i < 3 ? "书记" : "教师"
            lines.append(
                "P\(String(format: "%03ld", i)),教师\(i),\(roles),\(branch),\(i % 2 == 0 ? "是" : "否"),\(permission),\(1000 + i)"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    struct Sim {
        var bot: Bot
        let clock: ManualClock
        let directory: URL
        var scheduler: ReminderScheduler

        /// Runs `body` on a simulation in `directory` and closes it afterwards, also when `body` throws; the
        /// directory is removed at the end.
        static func with<T>(directory: URL, clock: ManualClock, _ body: (inout Sim) async throws -> T) async throws -> T
        {
            defer { try? FileManager.default.removeItem(at: directory) }
            var sim = try await open(directory: directory, clock: clock)
            let result: T
            do {
                result = try await body(&sim)
            } catch {
                try? await sim.bot.close()
                throw error
            }
            try await sim.bot.close()
            return result
        }

        static func open(directory: URL, clock: ManualClock) async throws -> Sim {
            var logger = Logger(label: "sim")
            logger.logLevel = .warning
            let bot = try await Bot.open(directory: directory, campaign: .builtIn, clock: clock, logger: logger)
            let scheduler = ReminderScheduler(
                dispatcher: bot.dispatcher, campaign: .builtIn, clock: clock, logger: logger)
            return Sim(bot: bot, clock: clock, directory: directory, scheduler: scheduler)
        }

        /// Advances slot by slot (as the running scheduler would wake) until `end`.
        mutating func run(until end: Date) async throws {
            try await scheduler.tick()
            while let wake = await scheduler.nextWake(), wake <= end {
                clock.advance(to: wake)
                try await scheduler.tick()
            }
            clock.advance(to: end)
            try await scheduler.tick()
        }

        /// A crash: the process is gone; the next one opens the same directory with a fresh scheduler.
        mutating func restart() async throws {
            try await bot.close()
            self = try await Sim.open(directory: directory, clock: clock)
        }

        func say(_ staff: String, _ text: String) async throws {
            let n = 1000 + (Int(staff.dropFirst()) ?? 0)
            try await bot.dispatcher.handle([
                IncomingMessage(
                    identity: ChatIdentity(transport: "telegram", user: "\(n)"),
                    chat: ChatAddress(transport: "telegram", chat: "\(n)"), text: text)
            ])
        }

        var reminders: [OutboxMessage] {
            get async { await bot.store.state.outbox.filter { $0.kind == .reminder } }
        }
    }

    static func at(_ text: String) throws -> Date { try #require(CampaignTime.parse(text)) }

    @Test("exact counts per milestone and offset, quiet hours, restarts, catch-up, opt-out, cancelled lessons")
    func wholeCampaign() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-sim-\(UUID().uuidString)")
        let clock = ManualClock(try Self.at("2010-06-11T00:00:00+08:00"))
        let optedOut = 1  // P049, below
        let (finished, caughtUp, all) = try await Sim.with(directory: directory, clock: clock) { sim in
            _ = try await sim.bot.importRoster(try RosterCSV.parse(Data(Self.roster.utf8)))
            let people = (0..<50).map { "P" + String(format: "%03ld", $0) }
            func teaches(_ i: Int) -> Bool { i % 2 == 0 && i % 3 != 2 }

            // Nine people who are not demo-lesson teachers finish the research star at once: they owe nothing.
            clock.advance(to: try Self.at("2010-06-11T09:00:00+08:00"))
            let finished = (0..<50).filter { !teaches($0) && $0 >= 3 }.prefix(9)
            for i in finished {
                try await sim.say(people[i], "承诺 科学之星 完成一项课题")
                try await sim.say(people[i], "提交 课题 分层作业研究")
            }
            // P049 turns personal reminders off.
            try await sim.say("P049", "提醒 关")

            // Phase 1 and the start of phase 2.
            try await sim.run(until: try Self.at("2010-10-01T12:00:00+08:00"))

            // Two lessons: one stays, one is booked and then cancelled.
            try await sim.say("P000", "预约示范课 10月12日 第3节 高二3班 函数")
            try await sim.say("P004", "预约示范课 10月13日 第2节 高一1班 诗歌")
            try await sim.say("P004", "取消示范课 L-0002")

            // A crash in the middle of the campaign.
            try await sim.run(until: try Self.at("2011-01-01T10:00:00+08:00"))
            try await sim.restart()

            // Down from 2011-06-10 to 2011-06-25: phase-2-end (14 and 7 days before 06-30) and 七一 (7 days) are missed.
            try await sim.run(until: try Self.at("2011-06-10T10:00:00+08:00"))
            let beforeDowntime = await sim.reminders.count
            try await sim.bot.close()
            clock.advance(to: try Self.at("2011-06-25T10:00:00+08:00"))
            sim = try await Sim.open(directory: directory, clock: clock)
            try await sim.scheduler.tick()
            let caughtUp = await sim.reminders.dropFirst(beforeDowntime)

            // The rest of the campaign.
            try await sim.run(until: try Self.at("2012-11-08T00:00:00+08:00"))
            let all = await sim.reminders
            return (finished, caughtUp, all)
        }

        // Never twice for the same (milestone, offset, person).
        let keys = all.compactMap(\.reminderKey)
        #expect(keys.count == all.count)
        #expect(Set(keys).count == keys.count)

        // Never in quiet hours.
        for message in all {
            let minute = CampaignTime.local(message.createdAt).minutes
            #expect(
                minute >= 7 * 60 + 30 && minute < 21 * 60,
                "\(message.reminderKey ?? "") at \(CampaignTime.format(message.createdAt))")
        }

        // The opt-out person gets none; the broadcast path is tested elsewhere.
        #expect(!all.contains { $0.staffID == "P049" })

        // Catch-up: once per occasion, the latest missed offset only; the earlier one is skipped.
        let caughtKeys = Set(
            caughtUp.compactMap(\.reminderKey).map { $0.split(separator: "|").prefix(2).joined(separator: "|") })
        #expect(caughtKeys == ["phase-2-end|7", "qiyi-2011|7"])

        // The weekly digest: every digest Monday of the campaign reaches each branch secretary once, except those that
        // fell in the downtime (stale, not sent late) — and never one in a holiday or vacation.
        let planner = ReminderPlanner(campaign: .builtIn)
        let downtime = DateSpan(
            from: try #require(CalendarDate(iso: "2011-06-11")), to: try #require(CalendarDate(iso: "2011-06-24")))
        let mondays = planner.digestSlots().map { CampaignTime.local($0.at).date }.filter { !downtime.contains($0) }
        let secretaries = Set(all.filter { $0.reminderKey?.hasPrefix("digest:") == true }.compactMap(\.staffID))
        var digests: [String: Int] = [:]
        for key in keys where key.hasPrefix("digest:") {
            digests[key.split(separator: "|")[0].dropFirst(7).description, default: 0] += 1
        }
        #expect(digests == Dictionary(uniqueKeysWithValues: mondays.map { ($0.description, secretaries.count) }))
        #expect(!secretaries.isEmpty && secretaries.count <= 4)

        // Exact counts per milestone and offset.
        var counts: [String: Int] = [:]
        for key in keys where !key.hasPrefix("digest:") {
            counts[key.split(separator: "|").prefix(2).joined(separator: "|"), default: 0] += 1
        }
        let party = (0..<50).filter { $0 % 2 == 0 }.count  // P049 is not a Party member
        let owing = 50 - finished.count - optedOut
        let withoutPledge = owing
        var expected: [String: Int] = [:]
        for m in Campaign.builtIn.milestones {
            for offset in m.offsets {
                let n: Int
                switch m.audience {
                case .partyMembers: n = party
                case .owing: n = owing
                case .withoutPledge: n = withoutPledge
                }
                expected["\(m.id)|\(offset)"] = n
            }
        }
        // Missed while down and superseded by the caught-up 7-day reminder.
        expected["phase-2-end|14"] = nil
        // In phase 3 the Party members who finished everything else still owe their 对标定位.
        for offset in Campaign.builtIn.milestones.first(where: { $0.id == "phase-3-end" })?.offsets ?? [] {
            expected["phase-3-end|\(offset)"] = owing + finished.filter { $0 % 2 == 0 }.count
        }
        // The lesson that stayed: the teacher and the secretary of the 语文 branch (P000 is that secretary: one message).
        expected["lesson:L-0001|1"] = 1
        #expect(counts == expected)
        #expect(counts["lesson:L-0002|1"] == nil)

        // Reminders name what the person still owes.
        let sample = try #require(all.first { $0.reminderKey == "phase-2-end|3|P000" })
        #expect(sample.text.contains("尚未申报承诺"))
        #expect(!sample.text.contains("示范课尚未预约"))
        let owesLesson = try #require(all.first { $0.reminderKey == "phase-2-end|3|P006" })
        #expect(owesLesson.text.contains("党员示范课尚未预约"))
    }

    @Test("quiet hours move a reminder to 07:30; stale ones are skipped, not sent late")
    func quietAndStale() async throws {
        var campaign = Campaign.builtIn
        campaign.reminderMinute = 22 * 60  // a school that set reminders at 22:00
        let planner = ReminderPlanner(campaign: campaign)
        var state = BotState()
        try state.apply(Transports.importChange(people: try RosterCSV.parse(Data(Self.roster.utf8)), codes: [:]))
        let slot = try #require(planner.slots(state: state).first { $0.milestone == "qiyi-2010" && $0.offset == 3 })
        #expect(CampaignTime.format(slot.at) == "2010-06-29T07:30:00+08:00")
        // Down through the whole occasion: nothing is sent after the deadline.
        let late = try Self.at("2010-07-02T09:00:00+08:00")
        let (send, skipped) = planner.due(
            state: state, now: late, slots: planner.slots(state: state).filter { $0.milestone == "qiyi-2010" })
        #expect(send.isEmpty)
        #expect(skipped.count == 25 * 3)
    }
}
