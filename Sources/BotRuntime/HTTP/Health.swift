package import Foundation

/// Last activity of each transport, for `/healthz`.
package actor Health {
    package private(set) var lastPoll: [String: Date] = [:]
    package init() {}
    package func polled(_ transport: String, at date: Date) { lastPoll[transport] = date }
}
