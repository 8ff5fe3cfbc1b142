package import CampaignCore
package import Foundation

/// Token buckets for the platform's send limits, and one shared pause deadline for 429s that only moves later.
package actor SendLimiter {
    package struct Rules: Sendable {
        package var perChatPerSecond = 1.0
        package var perChatBurst = 3.0
        package var globalPerSecond = 30.0
        package var globalBurst = 1.0
        package var groupPerSecond = 20.0 / 60
        package var groupBurst = 20.0
        package init() {}
    }

    struct Bucket {
        var tokens: Double
        var last: Date
        mutating func refill(_ now: Date, rate: Double, burst: Double) {
            tokens = min(burst, tokens + max(0, now.timeIntervalSince(last)) * rate)
            last = now
        }
        func wait(rate: Double) -> Double { tokens >= 1 ? 0 : (1 - tokens) / rate }
    }

    package let enabled: Bool
    package let rules: Rules
    private let clock: any CampaignClock
    package private(set) var pausedUntil: Date = .distantPast
    private var global: Bucket?
    private var chats: [String: Bucket] = [:]
    private var groups: [String: Bucket] = [:]

    package init(enabled: Bool, rules: Rules = Rules(), clock: any CampaignClock) {
        self.enabled = enabled
        self.rules = rules
        self.clock = clock
    }

    /// Every send waits until this instant (a 429). The deadline never moves earlier.
    package func pause(until deadline: Date) {
        if deadline > pausedUntil { pausedUntil = deadline }
    }

    /// Waits until a message to `chat` may go out, then takes its tokens. Returns false, taking nothing, when that
    /// moment would come after `deadline`.
    @discardableResult
    package func acquire(chat: String, isGroup: Bool, before deadline: Date? = nil) async throws -> Bool {
        while true {
            let now = clock.now()
            var wait = max(0, pausedUntil.timeIntervalSince(now))
            if enabled && wait == 0 {
                var g = global ?? Bucket(tokens: rules.globalBurst, last: now)
                var c = chats[chat] ?? Bucket(tokens: rules.perChatBurst, last: now)
                var gr = groups[chat] ?? Bucket(tokens: rules.groupBurst, last: now)
                g.refill(now, rate: rules.globalPerSecond, burst: rules.globalBurst)
                c.refill(now, rate: rules.perChatPerSecond, burst: rules.perChatBurst)
                gr.refill(now, rate: rules.groupPerSecond, burst: rules.groupBurst)
                wait = max(
                    g.wait(rate: rules.globalPerSecond), c.wait(rate: rules.perChatPerSecond),
                    isGroup ? gr.wait(rate: rules.groupPerSecond) : 0)
                if wait == 0 {
                    g.tokens -= 1
                    c.tokens -= 1
                    if isGroup { gr.tokens -= 1 }
                }
                global = g
                chats[chat] = c
                if isGroup { groups[chat] = gr }
                if chats.count > 10_000 { chats = chats.filter { $0.value.tokens < rules.perChatBurst - 0.01 } }
            }
            if wait == 0 { return true }
            if let deadline, now.addingTimeInterval(wait) > deadline { return false }
            // Re-check after sleeping: other senders may have taken the tokens meanwhile (actor re-entrancy).
            try await clock.sleep(until: now.addingTimeInterval(wait))
        }
    }
}
