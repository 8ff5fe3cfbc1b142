import CampaignIntents
import Foundation

/// What the 评选表彰 rules decided, and all of their words (the notices to admins, proposers and members included).
enum AwardReply: Reply {
    /// What an admin decides on a proposal.
    enum Decision {
        case confirm
        case reject

        func text(english: Bool) -> String {
            switch self {
            case .confirm: english ? "confirm" : "确认"
            case .reject: english ? "reject" : "驳回"
            }
        }
    }

    /// What became of a proposal, for its proposer.
    enum Outcome {
        case confirmed
        case rejected(String?)
        case revoked(String?)
    }

    case notOnRoster(String)
    /// Several people fit `who`.
    case ambiguous(String, [Person])
    case teachersCannotPropose
    case otherBranch(secretary: Person, candidate: Person)
    case notBegun(CalendarDate)
    /// `named` is not a phase that has begun; `phases`: those that have.
    case noSuchPhase(named: Int?, current: Int, phases: [Int])
    case alreadyProposed(Person, Star, Commendation)
    /// Not eligible: the evidence, why, and what to do; `stars`: the campaign's stars.
    case refused(AwardEvidence, stars: [Star])
    /// Eligible: asks to confirm; `direct`: an admin's own proposal; `groupCommand`: in a group, the command to send.
    case askToConfirm(AwardEvidence, direct: Bool, groupCommand: String?)
    case awarded(Commendation, Person, announce: Bool)
    case proposed(Commendation, Person, announce: Bool)
    /// To the admins: a proposal waits for them.
    case proposalNotice(Commendation, proposer: String, candidate: Person, announce: Bool)
    case adminsDecide(String, Decision, ownProposal: Bool)
    case noSuchAward(String)
    case alreadyDecided(Commendation)
    /// The proposal `id` no longer meets the requirements.
    case cannotConfirm(AwardEvidence, id: String)
    case confirmed(Commendation, Person, announce: Bool)
    case rejected(Commendation, name: String, reason: String?)
    case adminsAnnounce
    case notConfirmed(String)
    /// The announcement to everyone.
    case announcement(Commendation, Person)
    /// To the proposer.
    case proposerNotice(Commendation, name: String, Outcome)
    /// To the member.
    case awardeeNotice(Commendation)

    func text(english: Bool) -> String {
        switch self {
        case .notOnRoster(let who):
            return english
                ? "“\(who)” is not on the roster. Use a staff id, e.g. /award T003 moral"
                : "名单中没有“\(who)”。请写工号或全名，例如：表彰 T003 德育之星"
        case .ambiguous(let who, let matches):
            let sorted = matches.sorted { $0.staffID < $1.staffID }
            let names = sorted.map { "\($0.staffID) \($0.name)" }.joined(separator: english ? ", " : "、")
            return english
                ? "“\(who)” could be \(names). Please use the staff id."
                : "“\(who)”可能是：\(names)。请改用工号，例如：表彰 \(matches.map(\.staffID).sorted()[0]) 教学之星"
        case .teachersCannotPropose:
            return english
                ? "Commendations are proposed by branch secretaries and admins. Send /award list to see the awards, or tell your secretary whom you would propose."
                : "推荐先进典型由支部书记（本支部）或党总支管理员提出，教师不能推荐或确认。发送“表彰 名单”可查看已表彰的先进典型；如想推荐哪位老师，请告诉您的支部书记。"
        case .otherBranch(let person, let candidate):
            return english
                ? "You can propose members of your own branch (\(person.branch)) only; \(candidate.name) is in \(candidate.branch)."
                : "您是\(person.branch)书记，只能推荐本支部的老师；\(candidate.name)属于\(candidate.branch.isEmpty ? "其他支部" : candidate.branch)，请由该支部书记或党总支管理员推荐。"
        case .notBegun(let start):
            return english
                ? "The campaign has not begun (\(start)); no commendations yet." : "活动尚未开始（\(start.chinese)开始），暂不评选表彰。"
        case .noSuchPhase(let named, let current, let phases):
            return english
                ? "There is no phase \(named ?? 0) to commend yet: this is phase \(current)."
                    + "\nE.g. /award T003 moral phase \(current)"
                : "没有第\(named ?? 0)阶段可表彰：现在是第\(current)阶段，可写\(phases.map { "第\($0)阶段" }.joined(separator: "、"))。"
                    + "\n例如：表彰 T003 德育之星 第\(current)阶段"
        case .alreadyProposed(let candidate, let star, let existing):
            return english
                ? "\(candidate.name) already has \(existing.id) (\(existing.status.rawValue)) for this star in this phase."
                : "\(candidate.name)的\(star.chineseName)先进典型本阶段已有 \(existing.id)（\(existing.status.chineseName)），无需重复推荐。"
                    + (existing.status == .proposed ? "管理员可发送：表彰 确认 \(existing.id)" : "发送“表彰 名单”可查看。")
        case .refused(let evidence, let stars):
            return evidence.text(english: english) + "\n" + evidence.refusalText(english: english) + "\n"
                + evidence.advice(english: english, stars: stars)
        case .askToConfirm(let evidence, let direct, let command):
            let ask =
                direct
                ? (english
                    ? "Eligible. Reply yes to award it now (you are an admin), or cancel."
                    : "符合表彰条件。确认表彰请回复“确认”（管理员确认即生效）；放弃请回复“取消”。")
                : (english
                    ? "Eligible. Reply yes to propose it to the admins, or cancel."
                    : "符合表彰条件。确认推荐请回复“确认”，推荐后由党总支管理员确认；放弃请回复“取消”。")
            guard let command else { return evidence.text(english: english) + "\n" + ask }
            return evidence.text(english: english) + "\n"
                + ask.replacingOccurrences(
                    of: english ? "Reply yes" : "回复“确认”", with: english ? "Send “\(command) yes”" : "发送“\(command) 确认”")
        case .awarded(let award, let candidate, let announce):
            return
                (english
                ? "Awarded \(award.id): \(candidate.name), \(award.star.englishName), phase \(award.phase)."
                : "已表彰 \(award.id)：\(candidate.name)（\(candidate.branch)）为第\(award.phase)阶段\(award.title)。")
                + (announce
                    ? "" : english ? "\nTo announce it: /award announce \(award.id)" : "\n如需通知全校，请发送：表彰 通知 \(award.id)")
        case .proposed(let award, let candidate, let announce):
            return
                (english
                ? "Proposed \(award.id): \(candidate.name), \(award.star.englishName), phase \(award.phase). An admin will confirm or reject it; you will be told."
                : "已推荐 \(award.id)：\(candidate.name)为第\(award.phase)阶段\(award.title)，等待党总支管理员确认。确认或驳回后会通知您。")
                // 通知全校 from a proposer is a request: the admin announces when confirming.
                + (announce
                    ? (english
                        ? "\nAnnouncing is the admin's decision on confirming; they have been told you asked for it."
                        : "\n通知全校由管理员确认时决定，已转告管理员您希望通知全校。")
                    : "")
        case .proposalNotice(let award, let proposer, let candidate, let announce):
            return
                "【表彰推荐】\(proposer)推荐\(candidate.name)（\(candidate.branch)）为第\(award.phase)阶段\(award.title)，编号 \(award.id)。"
                + (announce ? "推荐人希望通知全校。\n确认并通知全校：表彰 确认 \(award.id) 通知全校" : "\n确认：表彰 确认 \(award.id)")
                + "\n驳回：表彰 驳回 \(award.id) 理由"
        case .adminsDecide(let id, let decision, let own):
            let verb = decision.text(english: english)
            return english
                ? "Only admins can \(verb) a commendation." + (own ? " Your proposal \(id) is waiting for them." : "")
                : "只有党总支管理员能\(verb)表彰。" + (own ? "您的推荐 \(id) 已提交，等待管理员\(verb)。" : "推荐请发送：表彰 工号 星（书记限本支部）。")
        case .noSuchAward(let id):
            return english ? "There is no commendation \(id). Send /award list." : "没有找到表彰 \(id)。发送“表彰 名单”可查看编号。"
        case .alreadyDecided(let award):
            let id = award.id
            if award.status == .confirmed {
                return english
                    ? "\(id) is already confirmed. To announce it: /award announce \(id); to take it back: /award revoke \(id) REASON"
                    : "\(id) 已经确认表彰了。如需通知全校，请发送：表彰 通知 \(id)；如确认有误，可发送：表彰 撤销 \(id) 理由"
            }
            return english
                ? "\(id) was \(award.status.rawValue). Propose again with /award \(award.staffID) \(award.star.rawValue)"
                : "\(id) 已被\(award.status == .rejected ? "驳回" : "撤销")。如需重新推荐，请发送：表彰 \(award.staffID) \(award.star.chineseName)"
        case .cannotConfirm(let evidence, let id):
            return evidence.text(english: english) + "\n" + evidence.refusalText(english: english)
                + (english
                    ? "\nIt cannot be confirmed now; reject it with /award reject \(id) REASON"
                    : "\n暂不能确认。可待条件满足后再确认，或驳回：表彰 驳回 \(id) 理由")
        case .confirmed(let award, let member, let announce):
            return
                (english
                ? "Confirmed \(award.id): \(member.name), \(award.star.englishName)."
                : "已确认表彰 \(award.id)：\(member.name)（\(member.branch)）为第\(award.phase)阶段\(award.title)。")
                + (announce
                    ? "" : english ? "\nTo announce it: /award announce \(award.id)" : "\n如需通知全校，请发送：表彰 通知 \(award.id)")
        case .rejected(let award, let name, let reason):
            return english
                ? "Rejected \(award.id) (\(name))."
                : "已驳回 \(award.id)（\(name)，\(award.title)）" + (reason.map { "，理由：\($0)" } ?? "") + "。已告知推荐人。"
        case .adminsAnnounce:
            return english ? "Only admins can announce commendations." : "只有党总支管理员能通知全校表彰结果。"
        case .notConfirmed(let id):
            return english
                ? "\(id) is not a confirmed commendation. Confirm it first: /award confirm \(id)"
                : "\(id) 还不是已确认的表彰，不能通知。请先确认：表彰 确认 \(id)"
        case .announcement(let award, let member):
            return "经党总支研究，授予\(member.name)老师（\(member.branch)）“\(award.title)”称号（第\(award.phase)阶段，\(award.id)）。"
                + (award.reason.map { "推荐理由：\($0)。" } ?? "") + "希望全体党员和教师向先进典型学习。"
        case .proposerNotice(let award, let name, let outcome):
            let what =
                switch outcome {
                case .confirmed: "已确认"
                case .rejected(let reason): "已驳回" + (reason.map { "，理由：\($0)" } ?? "")
                case .revoked(let reason): "已被撤销" + (reason.map { "，理由：\($0)" } ?? "")
                }
            return "【表彰】您推荐的 \(award.id)（\(name)，\(award.title)）\(what)。"
        case .awardeeNotice(let award):
            return "【表彰】祝贺您被评为第\(award.phase)阶段\(award.title)（\(award.id)）！"
        }
    }
}
