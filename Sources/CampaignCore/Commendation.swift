import CampaignIntents
import Foundation

/// Where a commendation stands.
public enum CommendationStatus: String, Codable, Sendable {
    /// Proposed by a secretary (or an admin), waiting for an admin.
    case proposed
    /// Confirmed by an admin: the member is a 先进典型.
    case confirmed
    /// Rejected by an admin (the reason is in `decisionNote`).
    case rejected

    public var chineseName: String {
        switch self {
        case .proposed: "待确认"
        case .confirmed: "已表彰"
        case .rejected: "已驳回"
        }
    }
}

/// A 先进典型 commendation (评选表彰) for one star, in the phase it was proposed in. The same id from proposal to
/// decision; `evidence` keeps the record ids shown when it was proposed.
public struct Commendation: Codable, Sendable, Hashable {
    public var id: String
    public var staffID: String
    public var star: Star
    public var phase: Int
    public var status: CommendationStatus
    /// The proposer's words (推荐理由).
    public var reason: String?
    /// Record ids that met the star's requirements when it was proposed.
    public var evidence: [String]
    public var proposedBy: String
    public var proposedAt: Date
    public var decidedBy: String?
    public var decidedAt: Date?
    /// Why it was rejected.
    public var decisionNote: String?
    /// Announced to everyone by broadcast.
    public var announced: Bool

    public init(
        id: String, staffID: String, star: Star, phase: Int, status: CommendationStatus, reason: String?,
        evidence: [String], proposedBy: String, proposedAt: Date, decidedBy: String? = nil,
        decidedAt: Date? = nil, decisionNote: String? = nil, announced: Bool = false
    ) {
        self.id = id
        self.staffID = staffID
        self.star = star
        self.phase = phase
        self.status = status
        self.reason = reason
        self.evidence = evidence
        self.proposedBy = proposedBy
        self.proposedAt = proposedAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decisionNote = decisionNote
        self.announced = announced
    }

    var starOrder: Int { Star.allCases.firstIndex(of: star) ?? 0 }

    /// E.g. `德育之星先进典型`.
    public var title: String { star.chineseName + "先进典型" }
}

extension BotState {
    public func award(_ id: String) -> Commendation? { awards.first { $0.id == id } }

    /// Confirmed commendations, by phase, star and id.
    public var confirmedAwards: [Commendation] {
        awards.filter { $0.status == .confirmed }
            .sorted { ($0.phase, $0.starOrder, $0.id) < ($1.phase, $1.starOrder, $1.id) }
    }
}
