import Foundation

/// Capped exponential backoff with jitter (5xx, timeouts).
public struct Backoff: Sendable {
    public var base: Double = 0.5
    public var cap: Double = 60
    private var attempt = 0
    public init(base: Double = 0.5, cap: Double = 60) {
        self.base = base
        self.cap = cap
    }
    public mutating func next() -> Double {
        let ceiling = min(cap, base * pow(2, Double(attempt)))
        attempt = min(attempt + 1, 30)
        return Double.random(in: ceiling / 2...ceiling)
    }
    public mutating func reset() { attempt = 0 }
}
