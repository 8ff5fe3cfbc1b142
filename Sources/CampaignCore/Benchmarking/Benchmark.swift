import CampaignIntents
package import Foundation

/// A Party member's 对标定位 in one phase: the model they measure themselves against, their gaps and their steps.
/// One current entry per member and phase; a later `对标` revises it (same id, the old text kept in `history`).
package struct Benchmark: Codable, Sendable, Hashable {
    package var id: String
    package var staffID: String
    package var phase: Int
    package var model: String
    package var gaps: String
    package var steps: String
    /// When it was first recorded.
    package var at: Date
    /// When it was last revised (nil: never).
    package var revisedAt: Date?

    package init(
        id: String, staffID: String, phase: Int, model: String, gaps: String, steps: String, at: Date,
        revisedAt: Date? = nil
    ) {
        self.id = id
        self.staffID = staffID
        self.phase = phase
        self.model = model
        self.gaps = gaps
        self.steps = steps
        self.at = at
        self.revisedAt = revisedAt
    }

    /// The entry as one line, for replies and its history.
    package var chinese: String { "榜样：\(model)；差距：\(gaps)；措施：\(steps)" }
    package var english: String { "model: \(model); gaps: \(gaps); steps: \(steps)" }
}

extension BotState {
    /// `staffID`'s current 对标 in `phase`.
    package func benchmark(of staffID: String, phase: Int) -> Benchmark? {
        benchmarks.first { $0.staffID == staffID && $0.phase == phase }
    }
}

extension Campaign {
    /// The phase of 对标定位,晋档升级 (the plan's third phase).
    package static let benchmarkPhaseNumber = 3

    /// The span in which members record their 对标 (nil when the campaign has no such phase).
    package var benchmarkPhase: Phase? { phase(number: Self.benchmarkPhaseNumber) }
}
