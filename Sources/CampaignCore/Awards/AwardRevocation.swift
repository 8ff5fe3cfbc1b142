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
            try reply(t("没有找到表彰 \(id)。发送“表彰 名单”可查看编号。", "There is no commendation \(id). Send /award list."))
            return
        }
        let name = state.roster[award.staffID]?.name ?? award.staffID
        switch award.status {
        case .rejected, .revoked:
            try reply(
                t(
                    "\(id)（\(name)，\(award.title)）\(award.status.chineseName)，无需撤销。",
                    "\(id) (\(name)) was \(award.status.rawValue) already."))
            return
        case .proposed where award.proposedBy != person.staffID:
            try reply(
                person.permission == .admin
                    ? t(
                        "\(id) 还在等待确认。不同意请驳回：表彰 驳回 \(id) 理由",
                        "\(id) is waiting for a decision; reject it with /award reject \(id) REASON.")
                    : t(
                        "\(id) 不是您提出的推荐，不能撤回。", "\(id) is not your proposal."))
            return
        case .confirmed where person.permission != .admin:
            try reply(
                t(
                    "只有党总支管理员能撤销已确认的表彰。如认为 \(id) 有误，请联系管理员。",
                    "Only admins can revoke a confirmed commendation; ask an admin about \(id)."))
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
        let because = reason.map { t("，理由：\($0)", "; reason: \($0)") } ?? ""
        guard wasConfirmed else {
            try reply(
                t(
                    "已撤回推荐 \(id)（\(name)，\(award.title)）\(because)。",
                    "Withdrawn your proposal \(id) (\(name))\(because)."))
            for admin in state.activePeople where admin.permission == .admin && admin.staffID != person.staffID {
                _ = try notify(
                    admin, "【表彰推荐】\(person.name)撤回了推荐 \(id)（\(name)，\(award.title)）\(because)。", kind: .notice)
            }
            return
        }
        var text = t(
            "已撤销表彰 \(id)：\(name)的第\(award.phase)阶段\(award.title)\(because)。记录保留并标为“已撤销”，不再计入名单和报告。",
            "Revoked \(id): \(name), \(award.star.englishName), phase \(award.phase)\(because). The record is kept, marked revoked."
        )
        if award.announced {
            let member = state.roster[award.staffID]
            let correction =
                "更正：经党总支研究，撤销\(name)老师（\(member?.branch ?? "")）“\(award.title)”称号（第\(award.phase)阶段，\(id)）。"
            text += t(
                "\n此表彰曾通知全校。如需更正，请发送：\n通知 \(correction)",
                "\nIt had been announced to everyone; to correct it, broadcast: /broadcast \(correction)")
        }
        try reply(text)
        try tellProposer(award, by: person, "已被撤销" + (reason.map { "，理由：\($0)" } ?? ""))
        if award.staffID != person.staffID, let member = state.roster[award.staffID] {
            _ = try notify(
                member,
                "【表彰】您的第\(award.phase)阶段\(award.title)（\(id)）已由党总支撤销" + (reason.map { "，理由：\($0)" } ?? "")
                    + "。如有疑问，请联系党总支。",
                kind: .notice)
        }
    }
}
