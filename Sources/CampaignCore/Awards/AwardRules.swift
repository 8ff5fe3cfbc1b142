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
        case .list(let phase, let star): try reply(awardListText(person, phase: phase, star: star))
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
            try reply(
                t(
                    "名单中没有“\(who)”。请写工号或全名，例如：表彰 T003 德育之星",
                    "“\(who)” is not on the roster. Use a staff id, e.g. /award T003 moral"))
            return nil
        }
        guard matches.count == 1, let match = matches.first else {
            let names = matches.sorted { $0.staffID < $1.staffID }.map { "\($0.staffID) \($0.name)" }.joined(
                separator: t("、", ", "))
            try reply(
                t(
                    "“\(who)”可能是：\(names)。请改用工号，例如：表彰 \(matches.map(\.staffID).sorted()[0]) 教学之星",
                    "“\(who)” could be \(names). Please use the staff id."))
            return nil
        }
        return match
    }

    /// Who may propose for `candidate`: admins anyone, secretaries their own branch. Replies why not otherwise.
    mutating func mayPropose(_ person: Person, for candidate: Person?) throws -> Bool {
        switch person.permission {
        case .admin: return true
        case .teacher:
            try reply(
                t(
                    "推荐先进典型由支部书记（本支部）或党总支管理员提出，教师不能推荐或确认。发送“表彰 名单”可查看已表彰的先进典型；如想推荐哪位老师，请告诉您的支部书记。",
                    "Commendations are proposed by branch secretaries and admins. Send /award list to see the awards, or tell your secretary whom you would propose."
                ))
            return false
        case .secretary:
            guard let candidate, candidate.branch != person.branch else { return true }
            try reply(
                t(
                    "您是\(person.branch)书记，只能推荐本支部的老师；\(candidate.name)属于\(candidate.branch.isEmpty ? "其他支部" : candidate.branch)，请由该支部书记或党总支管理员推荐。",
                    "You can propose members of your own branch (\(person.branch)) only; \(candidate.name) is in \(candidate.branch)."
                ))
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
            try reply(
                t(
                    "活动尚未开始（\(campaign.start.chinese)开始），暂不评选表彰。",
                    "The campaign has not begun (\(campaign.start)); no commendations yet."))
            return
        }
        // A phase may be named: an award for a phase that has ended, recognised after it; never a phase to come.
        guard let phase = named.map({ campaign.phase(number: $0) }) ?? current, phase.number <= current.number
        else {
            let phases = campaign.phases.filter { $0.number <= current.number }.map { "第\($0.number)阶段" }
            try reply(
                t(
                    "没有第\(named ?? 0)阶段可表彰：现在是第\(current.number)阶段，可写\(phases.joined(separator: "、"))。",
                    "There is no phase \(named ?? 0) to commend yet: this is phase \(current.number).")
                    + t("\n例如：表彰 T003 德育之星 第\(current.number)阶段", "\nE.g. /award T003 moral phase \(current.number)"))
            return
        }
        if let existing = state.awards.first(where: {
            $0.staffID == candidate.staffID && $0.star == star && $0.phase == phase.number
                && ($0.status == .proposed || $0.status == .confirmed)
        }) {
            try reply(
                t(
                    "\(candidate.name)的\(star.chineseName)先进典型本阶段已有 \(existing.id)（\(existing.status.chineseName)），无需重复推荐。"
                        + (existing.status == .proposed ? "管理员可发送：表彰 确认 \(existing.id)" : "发送“表彰 名单”可查看。"),
                    "\(candidate.name) already has \(existing.id) (\(existing.status.rawValue)) for this star in this phase."
                ))
            return
        }
        let check = state.awardEligibility(
            of: candidate, for: star, campaign: campaign, evaluation: evaluationTally(of: candidate.staffID))
        let evidence = evidenceText(candidate, check)
        guard check.eligible else {
            try reply(evidence + "\n" + refusalText(candidate, check) + "\n" + refusalAdvice(candidate, check))
            return
        }
        let direct = person.permission == .admin
        guard confirmed else {
            let command =
                (english
                    ? "/award \(candidate.staffID) \(star.rawValue)" : "表彰 \(candidate.staffID) \(star.chineseName)")
                + (phase.number == current.number ? "" : english ? " phase\(phase.number)" : " 第\(phase.number)阶段")
                + (reason.map { " 理由:\($0)" } ?? "") + (announce ? (english ? " announce" : " 通知全校") : "")
            let ask =
                direct
                ? t(
                    "符合表彰条件。确认表彰请回复“确认”（管理员确认即生效）；放弃请回复“取消”。",
                    "Eligible. Reply yes to award it now (you are an admin), or cancel.")
                : t(
                    "符合表彰条件。确认推荐请回复“确认”，推荐后由党总支管理员确认；放弃请回复“取消”。",
                    "Eligible. Reply yes to propose it to the admins, or cancel.")
            if message.isGroup {
                try reply(
                    evidence + "\n"
                        + ask.replacingOccurrences(
                            of: t("回复“确认”", "Reply yes"), with: t("发送“\(command) 确认”", "Send “\(command) yes”")))
            } else {
                try emit(
                    .setPending(
                        identity: message.identity.key,
                        PendingQuestion(text: command, argument: "confirm", askedAt: now)))
                try reply(evidence + "\n" + ask)
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
            try reply(
                t(
                    "已表彰 \(award.id)：\(candidate.name)（\(candidate.branch)）为第\(phase.number)阶段\(award.title)。",
                    "Awarded \(award.id): \(candidate.name), \(star.englishName), phase \(phase.number).")
                    + (announce
                        ? "" : t("\n如需通知全校，请发送：表彰 通知 \(award.id)", "\nTo announce it: /award announce \(award.id)")))
            try tellAwardee(award, by: person)
            if announce { try announceAward(person, award.id) }
            return
        }
        try reply(
            t(
                "已推荐 \(award.id)：\(candidate.name)为第\(award.phase)阶段\(award.title)，等待党总支管理员确认。确认或驳回后会通知您。",
                "Proposed \(award.id): \(candidate.name), \(star.englishName), phase \(award.phase). An admin will confirm or reject it; you will be told."
            )
                // 通知全校 from a proposer is a request: the admin announces when confirming.
                + (announce
                    ? t(
                        "\n通知全校由管理员确认时决定，已转告管理员您希望通知全校。",
                        "\nAnnouncing is the admin's decision on confirming; they have been told you asked for it.")
                    : ""))
        for admin in state.activePeople where admin.permission == .admin && admin.staffID != person.staffID {
            _ = try notify(
                admin,
                "【表彰推荐】\(person.name)推荐\(candidate.name)（\(candidate.branch)）为第\(award.phase)阶段\(award.title)，编号 \(award.id)。"
                    + (announce
                        ? "推荐人希望通知全校。\n确认并通知全校：表彰 确认 \(award.id) 通知全校" : "\n确认：表彰 确认 \(award.id)")
                    + "\n驳回：表彰 驳回 \(award.id) 理由",
                kind: .notice)
        }
    }

    /// Admins only; the proposal must be waiting and still meet the requirements.
    mutating func decidable(_ person: Person, _ id: String, verb: (zh: String, en: String)) throws -> Commendation? {
        guard person.permission == .admin else {
            let own = state.award(id).map { $0.proposedBy == person.staffID && $0.status == .proposed } ?? false
            try reply(
                t(
                    "只有党总支管理员能\(verb.zh)表彰。" + (own ? "您的推荐 \(id) 已提交，等待管理员\(verb.zh)。" : "推荐请发送：表彰 工号 星（书记限本支部）。"),
                    "Only admins can \(verb.en) a commendation."
                        + (own ? " Your proposal \(id) is waiting for them." : "")))
            return nil
        }
        guard let award = state.award(id) else {
            try reply(t("没有找到表彰 \(id)。发送“表彰 名单”可查看编号。", "There is no commendation \(id). Send /award list."))
            return nil
        }
        guard award.status == .proposed else {
            try reply(
                award.status == .confirmed
                    ? t(
                        "\(id) 已经确认表彰了。如需通知全校，请发送：表彰 通知 \(id)；如确认有误，可发送：表彰 撤销 \(id) 理由",
                        "\(id) is already confirmed. To announce it: /award announce \(id); to take it back: /award revoke \(id) REASON"
                    )
                    : t(
                        "\(id) 已被\(award.status == .rejected ? "驳回" : "撤销")。如需重新推荐，请发送：表彰 \(award.staffID) \(award.star.chineseName)",
                        "\(id) was \(award.status.rawValue). Propose again with /award \(award.staffID) \(award.star.rawValue)"
                    ))
            return nil
        }
        return award
    }

    mutating func confirmAward(_ person: Person, _ id: String, announce: Bool) throws {
        guard var award = try decidable(person, id, verb: ("确认", "confirm")), let member = state.roster[award.staffID]
        else { return }
        let check = state.awardEligibility(
            of: member, for: award.star, campaign: campaign, evaluation: evaluationTally(of: member.staffID))
        guard check.eligible else {
            try reply(
                evidenceText(member, check) + "\n" + refusalText(member, check)
                    + t(
                        "\n暂不能确认。可待条件满足后再确认，或驳回：表彰 驳回 \(id) 理由",
                        "\nIt cannot be confirmed now; reject it with /award reject \(id) REASON"))
            return
        }
        award.status = .confirmed
        award.decidedBy = person.staffID
        award.decidedAt = now
        award.evidence = check.evidence
        try emit(.award(award))
        try reply(
            t(
                "已确认表彰 \(id)：\(member.name)（\(member.branch)）为第\(award.phase)阶段\(award.title)。",
                "Confirmed \(id): \(member.name), \(award.star.englishName).")
                + (announce ? "" : t("\n如需通知全校，请发送：表彰 通知 \(id)", "\nTo announce it: /award announce \(id)")))
        try tellProposer(award, by: person, "已确认")
        try tellAwardee(award, by: person)
        if announce { try announceAward(person, id) }
    }

    mutating func rejectAward(_ person: Person, _ id: String, reason: String?) throws {
        guard var award = try decidable(person, id, verb: ("驳回", "reject")) else { return }
        award.status = .rejected
        award.decidedBy = person.staffID
        award.decidedAt = now
        award.decisionNote = reason
        try emit(.award(award))
        let name = state.roster[award.staffID]?.name ?? award.staffID
        try reply(
            t(
                "已驳回 \(id)（\(name)，\(award.title)）" + (reason.map { "，理由：\($0)" } ?? "") + "。已告知推荐人。",
                "Rejected \(id) (\(name))."))
        try tellProposer(award, by: person, "已驳回" + (reason.map { "，理由：\($0)" } ?? ""))
    }

    /// A confirmed award to everyone, through the broadcast path (admins).
    mutating func announceAward(_ person: Person, _ id: String) throws {
        guard person.permission == .admin else {
            try reply(t("只有党总支管理员能通知全校表彰结果。", "Only admins can announce commendations."))
            return
        }
        guard var award = state.award(id), award.status == .confirmed, let member = state.roster[award.staffID] else {
            try reply(
                t(
                    "\(id) 还不是已确认的表彰，不能通知。请先确认：表彰 确认 \(id)",
                    "\(id) is not a confirmed commendation. Confirm it first: /award confirm \(id)"))
            return
        }
        award.announced = true
        try emit(.award(award))
        try broadcast(
            person,
            "经党总支研究，授予\(member.name)老师（\(member.branch)）“\(award.title)”称号（第\(award.phase)阶段，\(award.id)）。"
                + (award.reason.map { "推荐理由：\($0)。" } ?? "") + "希望全体党员和教师向先进典型学习。", branch: nil)
    }

    mutating func tellProposer(_ award: Commendation, by person: Person, _ outcome: String) throws {
        guard award.proposedBy != person.staffID, let proposer = state.roster[award.proposedBy] else { return }
        let name = state.roster[award.staffID]?.name ?? award.staffID
        _ = try notify(proposer, "【表彰】您推荐的 \(award.id)（\(name)，\(award.title)）\(outcome)。", kind: .notice)
    }

    mutating func tellAwardee(_ award: Commendation, by person: Person) throws {
        guard award.staffID != person.staffID, let member = state.roster[award.staffID] else { return }
        _ = try notify(member, "【表彰】祝贺您被评为第\(award.phase)阶段\(award.title)（\(award.id)）！", kind: .notice)
    }
}
