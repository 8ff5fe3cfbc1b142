package import CampaignCore
package import Foundation
package import Logging
import ServiceLifecycle

/// Sends queued messages of one transport: different chats in parallel, each chat in order; a message leaves the
/// outbox only once delivered (at-least-once). On graceful shutdown it keeps sending for `drainSeconds`.
package actor OutboxSender: Service {
    private let dispatcher: Dispatcher
    private let delivery: any OutboxDelivery
    private let limiter: SendLimiter
    private let clock: any CampaignClock
    private let logger: Logger
    private let maxConcurrentChats: Int
    private let drainSeconds: Double
    private var busyChats: Set<String> = []
    private var rescan = false
    /// Every message this sender delivered. A snapshot of the outbox read before a mark was applied (schedule() waits
    /// for durability between reading and using it) can still list a delivered message; this set is what keeps it
    /// from going out twice. Ids never repeat, so an id no longer in the outbox can be forgotten.
    private var delivered: Set<Int> = []
    private var scheduling = false
    private var marks: [Int] = []
    private var committingMarks = false

    /// During quiet hours: when they end. Reminders are held until then (replies are not: the person just asked).
    private let quietUntil: @Sendable (Date) -> Date?
    private var wakeAt: Date?
    /// Makes the charts, reports and files messages ask for, while sending them.
    private let media: MediaPreparer

    package init(
        dispatcher: Dispatcher, delivery: any OutboxDelivery, limiter: SendLimiter, clock: any CampaignClock,
        logger: Logger, maxConcurrentChats: Int = 64, drainSeconds: Double = 4,
        quietUntil: @escaping @Sendable (Date) -> Date? = { _ in nil }, media: MediaMaker? = nil,
        filePlatforms: [String] = []
    ) {
        self.quietUntil = quietUntil
        self.media = MediaPreparer(
            maker: media, sendsMedia: delivery.sendsMedia, elsewhere: filePlatforms, logger: logger)
        self.dispatcher = dispatcher
        self.delivery = delivery
        self.limiter = limiter
        self.clock = clock
        self.logger = logger
        self.maxConcurrentChats = maxConcurrentChats
        self.drainSeconds = drainSeconds
    }

    package func run() async throws {
        let signals = await dispatcher.outboxSignals()
        try await withThrowingDiscardingTaskGroup { group in
            for await _ in signals.cancelOnGracefulShutdown() {
                try await schedule(in: &group)
            }
            // Shutting down: what is queued gets `drainSeconds` to go out (no worker waits or retries past that);
            // the rest stays in the store for the next start.
            stopAt = clock.now().addingTimeInterval(drainSeconds)
            try await schedule(in: &group)
        }
        let left = (try? await dispatcher.pending(for: delivery.transport).count) ?? 0
        if left > 0 { logger.info("messages left in the outbox for the next start", metadata: ["count": "\(left)"]) }
    }

    /// Set when shutting down: no send starts, and no wait lasts, past this instant.
    private var stopAt: Date?
    /// Chats whose send failed while shutting down: not tried again before the next start.
    private var leftForNextStart: Set<String> = []

    private var stopping: Bool { stopAt.map { clock.now() >= $0 } ?? false }

    /// True from the moment a graceful shutdown begins (before `run` has set `stopAt`).
    private var shuttingDown: Bool { stopAt != nil || Task.isShuttingDownGracefully }

    /// Sleeps on the clock, but never past the shutdown deadline; a shutdown that begins meanwhile ends the wait.
    private func pause(_ seconds: Double) async throws {
        var wait = seconds
        if let stopAt { wait = min(wait, stopAt.timeIntervalSince(clock.now())) }
        guard wait > 0 else { return }
        let clock = self.clock, until = clock.now().addingTimeInterval(wait)
        do {
            try await cancelWhenGracefulShutdown { try await clock.sleep(until: until) }
        } catch is CancellationError where Task.isShuttingDownGracefully {
            return
        }
    }

    private func schedule(in group: inout ThrowingDiscardingTaskGroup<any Error>) async throws {
        scheduling = true
        defer { scheduling = false }
        repeat {
            rescan = false
            let held = quietUntil(clock.now())
            let pending = try await dispatcher.pending(for: delivery.transport).filter(delivery.handles)
            var order: [String] = []
            var byChat: [String: [OutboxMessage]] = [:]
            for message in pending
            where !busyChats.contains(message.to.chat) && !delivered.contains(message.id)
                && !leftForNextStart.contains(message.to.chat)
            {
                if let held, message.kind == .reminder {
                    if wakeAt != held {
                        // Look again when quiet hours end (but not past a shutdown).
                        wakeAt = held
                        let clock = self.clock, dispatcher = self.dispatcher
                        group.addTask {
                            _ = try? await cancelWhenGracefulShutdown { try await clock.sleep(until: held) }
                            await dispatcher.signalOutbox()
                        }
                    }
                    continue
                }
                if byChat[message.to.chat] == nil { order.append(message.to.chat) }
                byChat[message.to.chat, default: []].append(message)
            }
            for chat in order where busyChats.count < maxConcurrentChats {
                busyChats.insert(chat)
                let messages = byChat[chat] ?? []
                group.addTask { try await self.sendChat(chat, messages) }
            }
        } while rescan && busyChats.count < maxConcurrentChats
    }

    private func finished(_ chat: String) async {
        busyChats.remove(chat)
        rescan = true
        await dispatcher.signalOutbox()
    }

    /// Sends one chat's messages in order.
    private func sendChat(_ chat: String, _ messages: [OutboxMessage]) async throws {
        defer { Task { await self.finished(chat) } }
        var backoff = Backoff()
        let isGroup = delivery.isGroup(chat)
        for original in messages {
            // Made once per message (it can take seconds), not again on every retry of the send.
            let (message, made) = await media.prepare(original)
            while true {
                if stopping { return }
                guard try await limiter.acquire(chat: chat, isGroup: isGroup, before: stopAt) else { return }
                let failure: DeliveryError?
                do throws(DeliveryError) {
                    if let made {
                        try await delivery.deliver(message, media: made)
                    } else {
                        try await delivery.deliver(message)
                    }
                    failure = nil
                } catch {
                    failure = error
                }
                switch failure {
                case nil:
                    BotMetrics.messageOut(platform: delivery.transport)
                    try await confirm(message.id)
                    backoff.reset()
                case .retryAfter(let seconds)?:
                    BotMetrics.platformError(platform: delivery.transport, kind: .rateLimited)
                    logger.warning(
                        "rate limited by the platform; pausing every send", metadata: ["seconds": "\(seconds)"])
                    await limiter.pause(until: clock.now().addingTimeInterval(seconds))
                    continue
                case .transient(let detail)?:
                    BotMetrics.platformError(platform: delivery.transport, kind: .transient)
                    // Shutting down: a failed send is left for the next start rather than retried.
                    if shuttingDown {
                        leftForNextStart.insert(chat)
                        return
                    }
                    let wait = backoff.next()
                    logger.warning(
                        "send failed; will retry",
                        metadata: ["error": "\(detail)", "retry_in": "\(String(format: "%.1f", wait)) s"])
                    try await pause(wait)
                    continue
                case .rejected(let detail)?:
                    BotMetrics.platformError(platform: delivery.transport, kind: .rejected)
                    logger.error(
                        "message dropped: the platform will never accept it",
                        metadata: ["outbox_id": "\(message.id)", "chat": "\(chat)", "error": "\(detail)"])
                    try await dispatcher.markSent([message.id])
                case .fatal(let detail)?:
                    BotMetrics.platformError(platform: delivery.transport, kind: .fatal)
                    throw DeliveryError.fatal(detail)
                }
                break
            }
        }
    }

    /// Marks a delivered message sent. Marks are committed in batches by whichever caller finds no batch in
    /// progress; the others go on sending. A crash before the batch is durable means a resend (at-least-once).
    private func confirm(_ id: Int) async throws {
        delivered.insert(id)
        marks.append(id)
        guard !committingMarks else { return }
        committingMarks = true
        defer { committingMarks = false }
        while !marks.isEmpty {
            let batch = marks
            marks.removeAll(keepingCapacity: true)
            try await dispatcher.markSent(batch)
        }
        // Forget ids no longer in the outbox, but never while a schedule() holds an older snapshot of it.
        if delivered.count > 10_000 && !scheduling {
            let waiting = Set(await dispatcher.state.outbox.map(\.id))
            delivered.formIntersection(waiting.union(marks))
        }
    }
}
