package import CampaignCore
package import Foundation
package import Logging

/// Pushes reminders on time (SPEC §5): sleeps until the next slot, wakes early when records change, queues each
/// due reminder through the store's outbox exactly once, and never during quiet hours.
package actor ReminderScheduler {
    package let dispatcher: Dispatcher
    package let planner: ReminderPlanner
    private let clock: any CampaignClock
    private let logger: Logger
    /// Slots already looked at in this process; the store's `sentReminders` is what survives a restart.
    private var processed: Set<String> = []

    package init(dispatcher: Dispatcher, campaign: Campaign, clock: any CampaignClock, logger: Logger) {
        self.dispatcher = dispatcher
        self.planner = ReminderPlanner(campaign: campaign)
        self.clock = clock
        self.logger = logger
    }

    private static func slotKey(_ slot: ReminderSlot) -> String { "\(slot.milestone)|\(slot.offset)" }

    /// One round's result: reminders queued, keys skipped, keys of people without a private chat, slots looked at, and
    /// how late (seconds) each reminder sent was queued after its planned time.
    private typealias Round = (Int, [String], [String], [String], [Double])

    /// Queues what is due now. Returns the number of reminders queued (for tests and logs).
    @discardableResult
    package func tick() async throws -> Int {
        let now = clock.now()
        try await closeOverdueEvaluation(now: now)
        guard !planner.isQuiet(now) else { return 0 }
        let planner = self.planner
        let already = processed
        let (queued, skipped, unreachable, slots, lags): Round = try await dispatcher.transact {
            state in
            let due = planner.slots(state: state).filter { $0.at <= now && !already.contains(Self.slotKey($0)) }
            guard !due.isEmpty else { return ([], (0, [], [], [], [])) }
            let (send, skip) = planner.due(state: state, now: now, slots: due)
            var scratch = state
            var changes: [Change] = []
            var unreachable: [String] = []
            func emit(_ change: Change) throws {
                try scratch.apply(change)
                changes.append(change)
            }
            var queued = 0
            var lags: [Double] = []
            for reminder in send {
                let addresses = scratch.directChats[reminder.recipient] ?? []
                if addresses.isEmpty { unreachable.append(reminder.key) }
                if !addresses.isEmpty { lags.append(now.timeIntervalSince(reminder.at)) }
                for address in addresses {
                    try emit(
                        .enqueue(
                            OutboxMessage(
                                id: scratch.nextOutboxID, to: address, text: reminder.text, kind: .reminder,
                                staffID: reminder.recipient, createdAt: now, reminderKey: reminder.key)))
                    queued += 1
                }
                try emit(.reminderQueued(key: reminder.key))
            }
            for reminder in skip { try emit(.reminderQueued(key: reminder.key)) }
            return (changes, (queued, skip.map(\.key), unreachable, due.map(Self.slotKey), lags))
        }
        processed.formUnion(slots)
        for lag in lags { BotMetrics.reminderQueued(lateBy: lag) }
        if !skipped.isEmpty {
            logger.info(
                "skipped reminders that are stale or superseded by a later one",
                metadata: ["count": "\(skipped.count)", "first": "\(skipped[0])"])
        }
        if !unreachable.isEmpty {
            logger.info(
                "reminders for people without a private chat were not sent", metadata: ["count": "\(unreachable.count)"]
            )
        }
        if queued > 0 { logger.info("queued reminders", metadata: ["count": "\(queued)"]) }
        return queued
    }

    /// When the next reminder may fall due: the next slot, or the end of quiet hours when something is waiting.
    package func nextWake() async -> Date? {
        let now = clock.now()
        let state = await dispatcher.state
        let slots = planner.slots(state: state)
        if planner.isQuiet(now), slots.contains(where: { $0.at <= now && !processed.contains(Self.slotKey($0)) }) {
            return planner.adjusted(now)
        }
        let closing = Self.evaluationClosing(state).flatMap { $0 > now ? $0 : nil }
        return [slots.first { $0.at > now }?.at, closing].compactMap { $0 }.min()
    }

    /// Runs until cancelled: after each round it waits for the next slot or a change of the records, whichever comes
    /// first; with no slot left and no more changes to hear of, it is done.
    package func run() async throws {
        while !Task.isCancelled {
            // A fresh subscription each round: the wait below cancels its reader, which ends that stream.
            let changes = await dispatcher.changeSignals()
            try await tick()
            let wake = await nextWake()
            let clock = self.clock
            let woken = try await withThrowingTaskGroup(of: Bool.self) { group in
                if let wake {
                    group.addTask {
                        try await clock.sleep(until: wake)
                        return true
                    }
                }
                group.addTask {
                    for await _ in changes { return true }
                    return false  // the dispatcher is gone: only the clock can wake us now
                }
                while let woken = try await group.next() {
                    if woken {
                        group.cancelAll()
                        return true
                    }
                }
                return false
            }
            if !woken { return }
        }
    }
}
