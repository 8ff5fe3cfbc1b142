import CampaignIntents

/// What taking a commendation back decided, and all of its words (the notices included).
enum AwardRevocationReply: Reply {
    /// Rejected or revoked already; `name`: the member's.
    case alreadyClosed(Commendation, name: String)
    /// An admin asked to revoke a waiting proposal: they reject it instead.
    case waitingForDecision(String)
    case notYourProposal(String)
    case adminsRevoke(String)
    case withdrawn(Commendation, name: String, reason: String?)
    /// To the admins: a proposal was withdrawn.
    case withdrawnNotice(Commendation, proposer: String, name: String, reason: String?)
    /// Revoked; `announcedIn`: the member's branch, when the award had been announced to everyone.
    case revoked(Commendation, name: String, reason: String?, announcedIn: String?)
    /// To the member.
    case revokedNotice(Commendation, reason: String?)

    func text(english: Bool) -> String {
        switch self {
        case .alreadyClosed(let award, let name):
            return english
                ? "\(award.id) (\(name)) was \(award.status.rawValue) already."
                : "\(award.id)（\(name)，\(award.title)）\(award.status.chineseName)，无需撤销。"
        case .waitingForDecision(let id):
            return english
                ? "\(id) is waiting for a decision; reject it with /award reject \(id) REASON."
                : "\(id) 还在等待确认。不同意请驳回：表彰 驳回 \(id) 理由"
        case .notYourProposal(let id):
            return english ? "\(id) is not your proposal." : "\(id) 不是您提出的推荐，不能撤回。"
        case .adminsRevoke(let id):
            return english
                ? "Only admins can revoke a confirmed commendation; ask an admin about \(id)."
                : "只有党总支管理员能撤销已确认的表彰。如认为 \(id) 有误，请联系管理员。"
        case .withdrawn(let award, let name, let reason):
            let because = Self.because(reason, english: english)
            return english
                ? "Withdrawn your proposal \(award.id) (\(name))\(because)."
                : "已撤回推荐 \(award.id)（\(name)，\(award.title)）\(because)。"
        case .withdrawnNotice(let award, let proposer, let name, let reason):
            return
                "【表彰推荐】\(proposer)撤回了推荐 \(award.id)（\(name)，\(award.title)）\(Self.because(reason, english: english))。"
        case .revoked(let award, let name, let reason, let announcedIn):
            let because = Self.because(reason, english: english)
            var text =
                english
                ? "Revoked \(award.id): \(name), \(award.star.englishName), phase \(award.phase)\(because). The record is kept, marked revoked."
                : "已撤销表彰 \(award.id)：\(name)的第\(award.phase)阶段\(award.title)\(because)。记录保留并标为“已撤销”，不再计入名单和报告。"
            if let branch = announcedIn {
                let correction =
                    "更正：经党总支研究，撤销\(name)老师（\(branch)）“\(award.title)”称号（第\(award.phase)阶段，\(award.id)）。"
                text +=
                    english
                    ? "\nIt had been announced to everyone; to correct it, broadcast: /broadcast \(correction)"
                    : "\n此表彰曾通知全校。如需更正，请发送：\n通知 \(correction)"
            }
            return text
        case .revokedNotice(let award, let reason):
            return "【表彰】您的第\(award.phase)阶段\(award.title)（\(award.id)）已由党总支撤销" + (reason.map { "，理由：\($0)" } ?? "")
                + "。如有疑问，请联系党总支。"
        }
    }

    private static func because(_ reason: String?, english: Bool) -> String {
        reason.map { english ? "; reason: \($0)" : "，理由：\($0)" } ?? ""
    }
}
