package import CampaignIntents
package import Foundation

/// Where a commendation stands.
package enum CommendationStatus: String, Codable, Sendable {
    /// Proposed by a secretary (or an admin), waiting for an admin.
    case proposed
    /// Confirmed by an admin: the member is a 先进典型.
    case confirmed
    /// Rejected by an admin (the reason is in `decisionNote`).
    case rejected
    /// Taken back after it was proposed or confirmed (`revokedBy`, `revokedAt`, `revocationNote`).
    case revoked

    package var chineseName: String {
        switch self {
        case .proposed: "待确认"
        case .confirmed: "已表彰"
        case .rejected: "已驳回"
        case .revoked: "已撤销"
        }
    }
}

/// A 先进典型 commendation (评选表彰) for one star, in the phase it was proposed in. The same id from proposal to
/// decision; `evidence` keeps the record ids shown when it was proposed.
package struct Commendation: Codable, Sendable, Hashable {
    package var id: String
    package var staffID: String
    package var star: Star
    package var phase: Int
    package var status: CommendationStatus
    /// The proposer's words (推荐理由).
    package var reason: String?
    /// Record ids that met the star's requirements when it was proposed.
    package var evidence: [String]
    package var proposedBy: String
    package var proposedAt: Date
    package var decidedBy: String?
    package var decidedAt: Date?
    /// Why it was rejected.
    package var decisionNote: String?
    /// Announced to everyone by broadcast.
    package var announced: Bool
    /// Who took it back, when and why (status `revoked`); the confirmation above is kept.
    package var revokedBy: String?
    package var revokedAt: Date?
    package var revocationNote: String?

    package init(
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
    package var title: String { star.chineseName + "先进典型" }
}

extension BotState {
    package func award(_ id: String) -> Commendation? { awards.first { $0.id == id } }

    /// Confirmed commendations, by phase, star and id.
    package var confirmedAwards: [Commendation] {
        awards.filter { $0.status == .confirmed }
            .sorted { ($0.phase, $0.starOrder, $0.id) < ($1.phase, $1.starOrder, $1.id) }
    }
}
