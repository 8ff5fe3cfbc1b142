package import CampaignCore
import CampaignStorage
import Foundation
package import Logging

/// The one path every message takes: parse → authorise → apply → commit (effects, replies and the transport's
/// position in one durable commit) → wake the senders.
package actor Dispatcher {
    package let store: CampaignStore
    /// The rules; the names the bot answers to in groups grow when a platform connects after the start.
    package private(set) var engine: Engine
    package nonisolated let clock: any CampaignClock
    let logger: Logger
    private var outboxListeners: [UUID: AsyncStream<Void>.Continuation] = [:]
    private var changeListeners: [UUID: AsyncStream<Void>.Continuation] = [:]
    /// True while counted ballots are being forgotten (one pass at a time; it repeats while more were counted).
    /// The pass forgetting counted ballots now, if one runs: a caller that finds one waits for it and then looks
    /// again, so that when any commit returns, what it made forgettable is forgotten on disk.
    private var forgetting: Task<Void, any Error>?

    package init(store: CampaignStore, engine: Engine, clock: any CampaignClock, logger: Logger) {
        self.store = store
        self.engine = engine
        self.clock = clock
        self.logger = logger
    }

    /// Adds what a platform that connected after the start brings: the names its bot answers to in group chats
    /// (`@name …`) and the group chats every notice is also posted to.
    package func learn(botNames: [String], broadcastChannels: [ChatAddress]) {
        for name in botNames where !engine.botNames.contains(name) { engine.botNames.append(name) }
        for channel in broadcastChannels where !engine.broadcastChannels.contains(channel) {
            engine.broadcastChannels.append(channel)
        }
    }

    /// Handles messages from one transport, saving `position` with their effects. Returns the outbox entries created.
    /// When this returns, everything is durable; a crash before that loses nothing the person was told.
    @discardableResult
    package func handle(_ messages: [IncomingMessage], position: (transport: String, value: String)? = nil) async throws
        -> [OutboxMessage]
    {
        let engine = self.engine
        let now = clock.now()
        let logger = self.logger
        let started = ContinuousClock.now
        let (created, summaries): ([OutboxMessage], [TurnSummary]) = try await store.update { state in
            let turned = try Self.turns(messages, state: state, engine: engine, now: now, logger: logger)
            var changes = turned.changes
            if let position { changes.append(.setPosition(transport: position.transport, value: position.value)) }
            let created = changes.compactMap { change -> OutboxMessage? in
                if case .enqueue(let m) = change { return m }
                return nil
            }
            return (changes, (created, turned.summaries))
        }
        let ended = ContinuousClock.now
        BotMetrics.committed(in: ended - started)
        for (message, summary) in zip(messages, summaries) {
            handled(message, summary, deliveryID: nil, latency: ended - started)
        }
        if !created.isEmpty { signalOutbox() }
        for continuation in changeListeners.values { continuation.yield() }
        await forgetBallotsOrLog()
        return created
    }

    /// The rules applied to each message in turn, on a scratch copy of `state` so later messages see earlier
    /// effects. A message whose rules throw (a bug) leaves no trace but a polite apology and a log line, so it never
    /// costs the batch or the transport position.
    private static func turns(
        _ messages: [IncomingMessage], state: BotState, engine: Engine, now: Date,
        logger: Logger
    ) throws -> (changes: [Change], summaries: [TurnSummary]) {
        var scratch = state
        var changes: [Change] = []
        var summaries: [TurnSummary] = []
        for message in messages {
            do {
                let (made, summary) = try engine.handleSummarized(message, in: &scratch, now: now)
                changes += made
                summaries.append(summary)
            } catch {
                summaries.append(
                    TurnSummary(
                        intent: "unknown", outcome: .error,
                        staffID: state.person(bound: message.identity)?.staffID))
                logger.error(
                    "could not handle message", metadata: ["from": "\(message.identity)", "error": "\(error)"])
                // Drop whatever part of this message was applied: rebuild from the state plus the changes kept.
                scratch = state
                for change in changes { try scratch.apply(change) }
                let apology = OutboxMessage(
                    id: scratch.nextOutboxID, to: message.chat,
                    text: "抱歉，处理这条消息时出错了，已记录下来。请稍后再试或联系管理员。",
                    replyTo: message.messageID, kind: .reply, createdAt: now)
                try scratch.apply(.enqueue(apology))
                changes.append(.enqueue(apology))
            }
        }
        return (changes, summaries)
    }

    /// One message handled and durable: counted, and one debug line of ids, intent, outcome and latency (never the
    /// text, a name or a note), so "it did not answer me" can be traced.
    private func handled(_ message: IncomingMessage, _ summary: TurnSummary, deliveryID: String?, latency: Duration) {
        BotMetrics.messageIn(platform: message.identity.transport)
        BotMetrics.command(intent: summary.intent, outcome: summary.outcome)
        logger.debug(
            "message handled",
            metadata: [
                "platform": "\(message.identity.transport)", "chat": "\(message.isGroup ? "group" : "private")",
                "message_id": "\(message.messageID ?? deliveryID ?? "-")", "staff": "\(summary.staffID ?? "unbound")",
                "intent": "\(summary.intent)", "outcome": "\(summary.outcome.rawValue)",
                "latency_ms": "\(Self.milliseconds(latency))",
            ])
    }

    /// A duration in whole milliseconds, for the log.
    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    /// Handles one delivery of a platform that names deliveries by id (a message or event id of the
    /// platform's own) exactly once: an id seen before is skipped; otherwise the id is remembered in the same commit as the
    /// effects. Returns false for a duplicate. `message` nil records the id only (an event the bot does not answer).
    /// `signature`, the request's signature accepted by a `SignedCallbackLedger`, is remembered in the same commit,
    /// duplicate or not, so a restart does not reopen it.
    @discardableResult
    package func handleOnce(
        _ message: IncomingMessage?, transport: String, deliveryID: String,
        signature: SignedCallbackLedger.Use? = nil
    ) async throws -> Bool {
        try await handleDelivery(
            message, mark: .sawDelivery(transport: transport, id: deliveryID, at: clock.now()),
            always: signature?.change().map { [$0] } ?? []
        ) { state in
            state.seenDeliveries[transport]?.contains(deliveryID) == true
        }
    }

    /// Remembers a signature accepted by a `SignedCallbackLedger` whose request stored nothing else (a message the
    /// bot ignores), so a restart does not reopen it.
    package func remember(_ signature: SignedCallbackLedger.Use) async throws {
        if let change = signature.change() { try await store.commit([change]) }
    }

    /// One delivery: when `seen`, only `always` is committed; else its effects, `mark` and `always` in one durable
    /// commit.
    private func handleDelivery(
        _ message: IncomingMessage?, mark: Change, always: [Change] = [],
        seen: @escaping @Sendable (BotState) -> Bool
    ) async throws -> Bool {
        let engine = self.engine
        let now = clock.now()
        let logger = self.logger
        let started = ContinuousClock.now
        let (fresh, queued, summary): (Bool, Bool, TurnSummary?) = try await store.update { state in
            if seen(state) { return (always, (false, false, nil)) }
            let turned = try Self.turns(
                message.map { [$0] } ?? [], state: state, engine: engine, now: now, logger: logger)
            let changes = turned.changes + [mark] + always
            return (changes, (true, changes.contains(where: \.queuesMessage), turned.summaries.first))
        }
        let ended = ContinuousClock.now
        BotMetrics.committed(in: ended - started)
        if fresh, let message, let summary {
            var deliveryID: String?
            if case .sawDelivery(_, let id, _) = mark { deliveryID = id }
            handled(message, summary, deliveryID: deliveryID, latency: ended - started)
        }
        if queued { signalOutbox() }
        if fresh { for continuation in changeListeners.values { continuation.yield() } }
        await forgetBallotsOrLog()
        return fresh
    }

    /// Check-then-act outside a conversation (the reminder scheduler): `body` sees the current state and returns the
    /// changes to commit, durable when this returns.
    package func transact<R: Sendable>(_ body: sending (BotState) throws -> (changes: [Change], result: R)) async throws
        -> R
    {
        let started = ContinuousClock.now
        let (result, queued): (R, Bool) = try await store.update { state in
            let (changes, result) = try body(state)
            return (changes, (result, changes.contains(where: \.queuesMessage)))
        }
        BotMetrics.committed(in: ContinuousClock.now - started)
        if queued { signalOutbox() }
        await forgetBallotsOrLog()
        return result
    }

    /// Commits changes made outside a conversation (reminders, roster import, binding from the console).
    package func commit(_ changes: [Change]) async throws {
        guard !changes.isEmpty else { return }
        let started = ContinuousClock.now
        try await store.commit(changes)
        BotMetrics.committed(in: ContinuousClock.now - started)
        if changes.contains(where: \.queuesMessage) { signalOutbox() }
    }

    /// Forgets counted and dropped ballots until none is left (BallotForgetting.swift); one caller at a time.
    public func forgetBallotsIfNeeded() async throws {
        while let running = forgetting {
            // Another commit's pass is under way; it may have read the state before this caller's commit.
            _ = try? await running.value
            if forgetting == running { forgetting = nil }
        }
        let pass = Task { while try await self.forgetBallotsOnce() {} }
        forgetting = pass
        defer { if forgetting == pass { forgetting = nil } }
        try await pass.value
    }

    /// After a commit: forget counted ballots (BallotForgetting.swift). A failure is logged and retried after the
    /// next commit and at the next start; it never undoes or hides the commit that was already made.
    private func forgetBallotsOrLog() async {
        do {
            try await forgetBallotsIfNeeded()
        } catch {
            logger.error(
                "could not rewrite the store to forget counted ballots; retried after the next commit",
                metadata: ["error": "\(error)"])
        }
    }

    /// A stream that yields whenever new messages were queued (after they are durable).
    package func outboxSignals() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        outboxListeners[id] = continuation
        continuation.yield()  // check once at start: there may be messages left from before a restart
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeListener(id) }
        }
        return stream
    }

    private func removeListener(_ id: UUID) {
        outboxListeners[id] = nil
        changeListeners[id] = nil
    }

    /// A stream that yields after messages were handled (records may have changed: the scheduler re-plans).
    package func changeSignals() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        changeListeners[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeListener(id) }
        }
        return stream
    }

    package func signalOutbox() {
        for continuation in outboxListeners.values { continuation.yield() }
    }

    /// Messages waiting for `transport`, oldest first — each one durable, together with the change it reports,
    /// before it is returned (the store's state may already hold commits whose fsync is still under way).
    package func pending(for transport: String) async throws -> [OutboxMessage] {
        let waiting = await store.state.outbox.filter { $0.to.transport == transport }
        if !waiting.isEmpty { try await store.commit([]) }
        return waiting
    }

    package func markSent(_ ids: [Int]) async throws {
        guard !ids.isEmpty else { return }
        let started = ContinuousClock.now
        try await store.commit(ids.map { .markSent(outboxID: $0) })
        BotMetrics.committed(in: ContinuousClock.now - started)
        // A sent 评议 ballot reply is forgotten once its conversation is over (BallotForgetting.swift).
        await forgetBallotsOrLog()
    }

    package var state: BotState {
        get async { await store.state }
    }
}
