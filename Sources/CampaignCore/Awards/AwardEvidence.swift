import CampaignIntents
import Foundation

/// What a proposal shows first (`AwardEvidence`), and the list of awards: gathered from the records here, worded in
/// AwardEvidenceReplies.swift.
extension Turn {
    func evidence(_ member: Person, _ check: AwardEligibility) -> AwardEvidence {
        let items =
            check.progress?.items.map {
                AwardEvidence.Item(requirement: $0.requirement.name, done: $0.done, records: $0.evidence.map(record))
            } ?? []
        let lessons = state.lessons.filter { $0.staffID == member.staffID && $0.status != .cancelled }.sorted {
            $0.date < $1.date
        }
        return AwardEvidence(
            member: member, star: check.star, pledge: check.progress?.pledge, items: items, lessons: lessons,
            today: today, others: state.works(of: member.staffID).filter { !check.evidence.contains($0.id) },
            tally: evaluationTally(of: member.staffID), refusals: check.refusals)
    }

    /// A work or visit as evidence.
    func record(_ id: String) -> AwardEvidence.Record {
        if let w = state.works.first(where: { $0.id == id }) { return .work(w) }
        if let v = state.visits.first(where: { $0.id == id }) { return .visit(v) }
        return .id(id)
    }

    /// 表彰 名单: confirmed awards by phase and star for everyone; waiting and rejected proposals too for admins (all)
    /// and secretaries (their branch).
    func awardList(_ person: Person, phase: Int?, star: Star?) -> AwardListReply {
        func visible(_ a: Commendation) -> Bool {
            if a.status == .confirmed { return true }
            switch person.permission {
            case .admin: return true
            case .secretary: return state.roster[a.staffID]?.branch == person.branch || a.proposedBy == person.staffID
            case .teacher: return false
            }
        }
        let awards = state.awards.filter {
            visible($0) && (phase == nil || $0.phase == phase) && (star == nil || $0.star == star)
        }
        .sorted { ($0.phase, $0.starOrder, $0.id) < ($1.phase, $1.starOrder, $1.id) }
        return AwardListReply(
            permission: person.permission, phase: phase, star: star,
            awards: awards.map { AwardListReply.Entry(award: $0, member: state.roster[$0.staffID]) })
    }
}
