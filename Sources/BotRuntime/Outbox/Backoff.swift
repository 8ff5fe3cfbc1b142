import Foundation

/// Capped exponential backoff with jitter (5xx, timeouts).
package struct Backoff: Sendable {
    package var base: Double = 0.5
    package var cap: Double = 60
    private var attempt = 0
    package init(base: Double = 0.5, cap: Double = 60) {
        self.base = base
        self.cap = cap
    }
    package mutating func next() -> Double {
        let ceiling = min(cap, base * pow(2, Double(attempt)))
        attempt = min(attempt + 1, 30)
        return Double.random(in: ceiling / 2...ceiling)
    }
    package mutating func reset() { attempt = 0 }
}
