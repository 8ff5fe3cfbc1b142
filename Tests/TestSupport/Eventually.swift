import Foundation

/// Waits for a condition with a deadline (network tests: the condition, not a fixed sleep, decides).
package func eventually(_ seconds: Double = 15, _ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
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
