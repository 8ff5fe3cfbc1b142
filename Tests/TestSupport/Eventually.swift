import Foundation

/// Waits for a condition with a deadline (network tests: the condition, not a fixed sleep, decides). The deadline is
/// on the monotonic clock: a wall-clock step (NTP on a shared machine) neither ends the wait early nor stretches it.
package func eventually(_ seconds: Double = 15, _ condition: @Sendable () async -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(seconds))
    while clock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}

/// The port a server reports once it listens.
package actor PortBox {
    package var value = 0
    package init() {}
    package func set(_ p: Int) { value = p }
}
