import CampaignIntents
import Foundation

/// Taking a commendation back (`表彰 撤销 A-0001 理由`, or `撤销 A-0001`): an admin revokes a confirmed award that
/// was given in error; a proposer withdraws their own proposal while it waits. The record stays, marked 已撤销 with
/// who, when and why; the member and the proposer are told; a revoked award leaves the list's 已表彰, the report and
/// the star can be proposed again.
extension Turn {
    mutating func revokeAward(_ person: Person, _ id: String, reason: String?) throws {
        if person.permission != .admin, try refusedAfterCampaign() { return }
        guard var award = state.award(id) else {
            try reply(AwardReply.noSuchAward(id))
            return
        }
        let name = state.roster[award.staffID]?.name ?? award.staffID
        switch award.status {
        case .rejected, .revoked:
            try reply(AwardRevocationReply.alreadyClosed(award, name: name))
            return
        case .proposed where award.proposedBy != person.staffID:
            try reply(
                person.permission == .admin
                    ? AwardRevocationReply.waitingForDecision(id) : AwardRevocationReply.notYourProposal(id))
            return
        case .confirmed where person.permission != .admin:
            try reply(AwardRevocationReply.adminsRevoke(id))
            return
        case .proposed, .confirmed:
            break
        }
        let wasConfirmed = award.status == .confirmed
        award.status = .revoked
        award.revokedBy = person.staffID
        award.revokedAt = now
        award.revocationNote = reason
        try emit(.award(award))
        guard wasConfirmed else {
            try reply(AwardRevocationReply.withdrawn(award, name: name, reason: reason))
            for admin in state.activePeople where admin.permission == .admin && admin.staffID != person.staffID {
                _ = try notify(
                    admin,
                    AwardRevocationReply.withdrawnNotice(award, proposer: person.name, name: name, reason: reason),
                    kind: .notice)
            }
            return
        }
        let announcedIn = award.announced ? state.roster[award.staffID]?.branch ?? "" : nil
        try reply(AwardRevocationReply.revoked(award, name: name, reason: reason, announcedIn: announcedIn))
        try tellProposer(award, by: person, .revoked(reason))
        if award.staffID != person.staffID, let member = state.roster[award.staffID] {
            _ = try notify(member, AwardRevocationReply.revokedNotice(award, reason: reason), kind: .notice)
        }
    }
}
