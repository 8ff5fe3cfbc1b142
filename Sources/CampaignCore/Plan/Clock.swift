package import Foundation

/// The one source of "now" for the bot. Production uses the system clock (optionally shifted by `--now`);
/// tests drive a manual clock (`ManualClock` in TestSupport). Nothing below the boot code calls `Date()` directly.
package protocol CampaignClock: Sendable {
    func now() -> Date
    /// Suspends until `deadline` on this clock (or throws on cancellation).
    func sleep(until deadline: Date) async throws
}

/// Wall-clock time, shifted so that it starts at `start` when one is given (`--now`) and runs on from there.
package struct SystemClock: CampaignClock {
    private let offset: TimeInterval

    package init(startingAt start: Date? = nil) {
        offset = start.map { $0.timeIntervalSinceNow } ?? 0
    }

    package func now() -> Date { Date(timeIntervalSinceNow: offset) }

    package func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSince(now())
        if seconds > 0 { try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up)))) }
    }
}
