import Foundation

/// Last activity of each transport, for `/healthz`.
public actor Health {
    public private(set) var lastPoll: [String: Date] = [:]
    public init() {}
    public func polled(_ transport: String, at date: Date) { lastPoll[transport] = date }
}
