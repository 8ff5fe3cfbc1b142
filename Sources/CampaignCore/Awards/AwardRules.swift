import CampaignIntents
import Foundation

/// 评选表彰: a secretary (their own branch) or an admin proposes a member as a star's 先进典型. The bot first shows
/// the evidence and whether the star's requirements are met, then asks to confirm; an admin confirms or rejects (the
/// proposer is told), and may announce it to everyone. An admin's own proposal is confirmed when they confirm it.
extension Turn {
    /// The member's released 评议 tally in the latest closed members round (nil when there is none, or fewer than
    /// `evaluationMinRaters` rated them): the one place eligibility reads the evaluation rounds.
    func evaluationTally(of staffID: String) -> [EvaluationGrade: Int]? {
        state.releasedEvaluation(of: staffID, minRaters: engine.evaluationMinRaters)
    }

    mutating func award(_ person: Person, _ request: AwardRequest) throws {
        switch request {
        case .list(let phase, let star): try reply(awardList(person, phase: phase, star: star))
        case .propose(let who, let star, let phase, let reason, let confirmed, let announce):
            try proposeAward(
                person, who: who, star: star, phase: phase, reason: reason, confirmed: confirmed, announce: announce)
        case .confirm(let id, let announce): try confirmAward(person, id, announce: announce)
        case .reject(let id, let reason): try rejectAward(person, id, reason: reason)
        case .announce(let id): try announceAward(person, id)
        case .revoke(let id, let reason): try revokeAward(person, id, reason: reason)
        }
    }

    /// The roster entry `who` names: a staff id, a full name, or a surname with 老师 when only one person fits.
    /// Replies and returns nil when nobody or several fit.
    mutating func candidate(_ who: String) throws -> Person? {
        let people = state.roster.values.filter(\.active)
        var bare = who
        for suffix in ["老师", "同志"] where bare.hasSuffix(suffix) && bare.count > suffix.count {
            bare = String(bare.dropLast(suffix.count))
        }
        var matches = people.filter {
            $0.staffID.caseInsensitiveCompare(who) == .orderedSame || $0.name == who || $0.name == bare
        }
        // 王老师, or a bare surname: whoever has that surname, when only one does.
        if matches.isEmpty, bare != who || bare.count == 1 { matches = people.filter { $0.name.hasPrefix(bare) } }
        guard !matches.isEmpty else {
            try reply(AwardReply.notOnRoster(who))
            return nil
        }
        guard matches.count == 1, let match = matches.first else {
            try reply(AwardReply.ambiguous(who, matches))
            return nil
        }
        return match
    }

    /// Who may propose for `candidate`: admins anyone, secretaries their own branch. Replies why not otherwise.
    mutating func mayPropose(_ person: Person, for candidate: Person?) throws -> Bool {
        switch person.permission {
        case .admin: return true
        case .teacher:
            try reply(AwardReply.teachersCannotPropose)
            return false
        case .secretary:
            guard let candidate, candidate.branch != person.branch else { return true }
            try reply(AwardReply.otherBranch(secretary: person, candidate: candidate))
            return false
        }
    }

    mutating func proposeAward(
        _ person: Person, who: String, star: Star, phase named: Int?, reason: String?, confirmed: Bool, announce: Bool
    ) throws {
        if try refusedAfterCampaign() { return }
        guard try mayPropose(person, for: nil), let candidate = try candidate(who),
            try mayPropose(person, for: candidate)
        else { return }
        guard let current = campaign.phase(on: today) else {
            try reply(AwardReply.notBegun(campaign.start))
            return
        }
        // A phase may be named: an award for a phase that has ended, recognised after it; never a phase to come.
        guard let phase = named.map({ campaign.phase(number: $0) }) ?? current, phase.number <= current.number
        else {
            let phases = campaign.phases.filter { $0.number <= current.number }.map(\.number)
            try reply(AwardReply.noSuchPhase(named: named, current: current.number, phases: phases))
            return
        }
        if let existing = state.awards.first(where: {
            $0.staffID == candidate.staffID && $0.star == star && $0.phase == phase.number
                && ($0.status == .proposed || $0.status == .confirmed)
        }) {
            try reply(AwardReply.alreadyProposed(candidate, star, existing))
            return
        }
        let check = state.awardEligibility(
            of: candidate, for: star, campaign: campaign, evaluation: evaluationTally(of: candidate.staffID))
        let evidence = self.evidence(candidate, check)
        guard check.eligible else {
            try reply(AwardReply.refused(evidence, stars: campaign.stars.map(\.star)))
            return
        }
        let direct = person.permission == .admin
        guard confirmed else {
            let command =
                (english
                    ? "/award \(candidate.staffID) \(star.rawValue)" : "表彰 \(candidate.staffID) \(star.chineseName)")
                + (phase.number == current.number ? "" : english ? " phase\(phase.number)" : " 第\(phase.number)阶段")
                + (reason.map { " 理由:\($0)" } ?? "") + (announce ? (english ? " announce" : " 通知全校") : "")
            if message.isGroup {
                try reply(AwardReply.askToConfirm(evidence, direct: direct, groupCommand: command))
            } else {
                try emit(
                    .setPending(
                        identity: message.identity.key,
                        PendingQuestion(text: command, argument: "confirm", askedAt: now)))
                try reply(AwardReply.askToConfirm(evidence, direct: direct, groupCommand: nil))
            }
            return
        }
        let award = Commendation(
            id: state.nextID("A"), staffID: candidate.staffID, star: star, phase: phase.number,
            status: direct ? .confirmed : .proposed, reason: reason, evidence: check.evidence,
            proposedBy: person.staffID, proposedAt: now, decidedBy: direct ? person.staffID : nil,
            decidedAt: direct ? now : nil)
        try emit(.award(award))
        if direct {
            try reply(AwardReply.awarded(award, candidate, announce: announce))
            try tellAwardee(award, by: person)
            if announce { try announceAward(person, award.id) }
            return
        }
        try reply(AwardReply.proposed(award, candidate, announce: announce))
        for admin in state.activePeople where admin.permission == .admin && admin.staffID != person.staffID {
            _ = try notify(
                admin,
                AwardReply.proposalNotice(award, proposer: person.name, candidate: candidate, announce: announce),
                kind: .notice)
        }
    }

    /// Admins only; the proposal must be waiting and still meet the requirements.
    mutating func decidable(_ person: Person, _ id: String, verb: AwardReply.Decision) throws -> Commendation? {
        guard person.permission == .admin else {
            let own = state.award(id).map { $0.proposedBy == person.staffID && $0.status == .proposed } ?? false
            try reply(AwardReply.adminsDecide(id, verb, ownProposal: own))
            return nil
        }
        guard let award = state.award(id) else {
            try reply(AwardReply.noSuchAward(id))
            return nil
        }
        guard award.status == .proposed else {
            try reply(AwardReply.alreadyDecided(award))
            return nil
        }
        return award
    }

    mutating func confirmAward(_ person: Person, _ id: String, announce: Bool) throws {
        guard var award = try decidable(person, id, verb: .confirm), let member = state.roster[award.staffID]
        else { return }
        let check = state.awardEligibility(
            of: member, for: award.star, campaign: campaign, evaluation: evaluationTally(of: member.staffID))
        guard check.eligible else {
            try reply(AwardReply.cannotConfirm(evidence(member, check), id: id))
            return
        }
        award.status = .confirmed
        award.decidedBy = person.staffID
        award.decidedAt = now
        award.evidence = check.evidence
        try emit(.award(award))
        try reply(AwardReply.confirmed(award, member, announce: announce))
        try tellProposer(award, by: person, .confirmed)
        try tellAwardee(award, by: person)
        if announce { try announceAward(person, id) }
    }

    mutating func rejectAward(_ person: Person, _ id: String, reason: String?) throws {
        guard var award = try decidable(person, id, verb: .reject) else { return }
        award.status = .rejected
        award.decidedBy = person.staffID
        award.decidedAt = now
        award.decisionNote = reason
        try emit(.award(award))
        let name = state.roster[award.staffID]?.name ?? award.staffID
        try reply(AwardReply.rejected(award, name: name, reason: reason))
        try tellProposer(award, by: person, .rejected(reason))
    }

    /// A confirmed award to everyone, through the broadcast path (admins).
    mutating func announceAward(_ person: Person, _ id: String) throws {
        guard person.permission == .admin else {
            try reply(AwardReply.adminsAnnounce)
            return
        }
        guard var award = state.award(id), award.status == .confirmed, let member = state.roster[award.staffID] else {
            try reply(AwardReply.notConfirmed(id))
            return
        }
        award.announced = true
        try emit(.award(award))
        try broadcast(person, words(AwardReply.announcement(award, member)), branch: nil)
    }

    mutating func tellProposer(_ award: Commendation, by person: Person, _ outcome: AwardReply.Outcome) throws {
        guard award.proposedBy != person.staffID, let proposer = state.roster[award.proposedBy] else { return }
        let name = state.roster[award.staffID]?.name ?? award.staffID
        _ = try notify(proposer, AwardReply.proposerNotice(award, name: name, outcome), kind: .notice)
    }

    mutating func tellAwardee(_ award: Commendation, by person: Person) throws {
        guard award.staffID != person.staffID, let member = state.roster[award.staffID] else { return }
        _ = try notify(member, AwardReply.awardeeNotice(award), kind: .notice)
    }
}
