package import Foundation

/// What `/healthz` reports: each transport's last activity, and the platforms that cannot be reached now.
package actor Health {
    package private(set) var lastPoll: [String: Date] = [:]
    /// Platforms that cannot be reached now, by name: not connected yet (unreachable at start, retried in the
    /// background), or whose poller failed `failuresBeforeUnreachable` times in a row.
    package private(set) var degraded: Set<String> = []
    /// The platforms the bot was configured with, by name (for `/metrics`).
    package private(set) var platforms: Set<String> = []
    /// Failed polls in a row, per platform.
    private var failures: [String: Int] = [:]
    /// Failed polls in a row after which a connected platform counts as unreachable (one failure is a blip).
    package static let failuresBeforeUnreachable = 3

    package init() {}

    /// `platform` is one of the configured ones.
    package func configured(_ platform: String) { platforms.insert(platform) }

    /// `transport` answered a poll or sent a callback. Returns true when this ends its being unreachable.
    @discardableResult
    package func polled(_ transport: String, at date: Date) -> Bool {
        lastPoll[transport] = date
        failures[transport] = nil
        return degraded.remove(transport) != nil
    }

    /// A poll of `platform` failed (network, 5xx, timeout). Returns true when this makes it unreachable, so the poller
    /// logs it once.
    package func pollFailed(_ platform: String) -> Bool {
        failures[platform, default: 0] += 1
        guard failures[platform] == Self.failuresBeforeUnreachable else { return false }
        return degraded.insert(platform).inserted
    }

    /// `platform` cannot be reached: `/healthz` answers 503 and names it until it is `reachable` (or answers a poll).
    package func unreachable(_ platform: String) { degraded.insert(platform) }

    /// `platform` is connected again.
    package func reachable(_ platform: String) { degraded.remove(platform) }
}
