import CampaignIntents
import Foundation

/// What a proposal shows first: the member's records for the star (pledge, works, holiday visits, demo lessons, with
/// ids; never a student's name), whether each requirement is met, and the 评议 result; and the list of awards.
extension Turn {
    func evidenceText(_ member: Person, _ check: AwardEligibility) -> String {
        let star = check.star
        var lines = [
            t(
                "【证据】\(member.name)（\(member.staffID)，\(member.branch.isEmpty ? "未分支部" : member.branch)\(member.partyMember ? "，党员" : "")）· \(star.chineseName)",
                "Evidence: \(member.name) (\(member.staffID), \(member.branch)) · \(star.englishName)")
        ]
        if let progress = check.progress {
            lines.append(
                t(
                    "承诺 \(progress.pledge.id)：\(progress.pledge.text)",
                    "Pledge \(progress.pledge.id): \(progress.pledge.text)"))
            for item in progress.items {
                let records = item.evidence.map(recordLine).joined(separator: t("；", "; "))
                lines.append(
                    "\(item.done ? "✓" : "✗") \(item.requirement.name)"
                        + (records.isEmpty ? t("：无", ": none") : t("：", ": ") + records))
            }
        } else {
            lines.append(t("承诺：未申报\(star.chineseName)", "Pledge: none for this star"))
        }
        let lessons = state.lessons.filter { $0.staffID == member.staffID && $0.status != .cancelled }.sorted {
            $0.date < $1.date
        }
        for lesson in lessons {
            lines.append(
                t(
                    "示范课 \(lesson.id)：\(describe(lesson))（\(lesson.statusName(today: today))\(lesson.nominated ? "，支部推荐" : "")）",
                    "Lesson \(lesson.id): \(lesson.date) (\(lesson.status.rawValue))"))
        }
        let others = state.works(of: member.staffID).filter { !check.evidence.contains($0.id) }
        if !others.isEmpty {
            lines.append(t("其他成果：", "Other work: ") + others.map(recordLine).joined(separator: t("；", "; ")))
        }
        if let tally = evaluationTally(of: member.staffID) {
            let parts = EvaluationGrade.allCases.map { "\($0.chineseName) \(tally[$0] ?? 0)" }.joined(
                separator: t("，", ", "))
            lines.append(t("评议：\(parts)", "评议: \(parts)"))
        } else {
            lines.append(t("评议：暂无已公布的评议结果", "评议: no released result yet"))
        }
        return lines.joined(separator: "\n")
    }

    /// A work or visit as evidence: its id and title, or its id and date (a visit never names the student).
    func recordLine(_ id: String) -> String {
        if let w = state.works.first(where: { $0.id == id }) {
            return t(
                "\(w.id) \(w.kind.chineseName)\(Work.quoted(w.title))", "\(w.id) \(w.kind.englishName) “\(w.title)”")
        }
        if let v = state.visits.first(where: { $0.id == id }) {
            return t(
                "\(v.id) \(v.date.month)月\(v.date.day)日家访\(v.holiday ? "（节假日）" : "")", "\(v.id) visit on \(v.date)")
        }
        return id
    }

    private func recordLine(_ work: Work) -> String { recordLine(work.id) }

    func refusalText(_ member: Person, _ check: AwardEligibility) -> String {
        let reasons = check.refusals.map { t($0.chinese(check.star), $0.english(check.star)) }
        return t("不符合表彰条件：", "Not eligible: ") + reasons.joined(separator: t("；", "; ")) + t("。", ".")
    }

    /// What to do about the first reason a proposal was refused.
    func refusalAdvice(_ member: Person, _ check: AwardEligibility) -> String {
        let star = check.star
        switch check.refusals.first {
        case .notPledged?:
            return t(
                "如\(member.name)老师要争创\(star.chineseName)，请先申报，例如：承诺 \(star.chineseName) 承诺内容；完成要求后再推荐。",
                "They must pledge for the star first (/pledge \(star.rawValue) TEXT), then complete it.")
        case .requirementsMissing?:
            return t(
                "待要求完成后再推荐；已完成但没登记的，请\(member.name)老师用“提交”补报（如 \(IntentKind.submitWork.example.zh)）。",
                "Propose again once the requirements are met; finished work is reported with /submit.")
        case .roleNotEligible?, .notPartyMember?, .inactive?:
            return t("如名单有误，请管理员更正名单（cxzy roster import）后再推荐。", "If the roster is wrong, an admin corrects it first.")
        case .evaluation?:
            return t("评议结果多数为基本合格或不合格的，本轮不予表彰。", "Members rated mostly 基本合格/不合格 are not commended.")
        case .noSuchStar?, nil:
            return t(
                "可推荐的星：\(campaign.stars.map(\.star.chineseName).joined(separator: "、"))。",
                "Stars: \(campaign.stars.map(\.star.rawValue).joined(separator: ", ")).")
        }
    }

    /// 表彰 名单: confirmed awards by phase and star for everyone; waiting and rejected proposals too for admins (all)
    /// and secretaries (their branch).
    func awardListText(_ person: Person, phase: Int?, star: Star?) -> String {
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
        let filter = [phase.map { t("第\($0)阶段", "phase \($0)") }, star.map { t($0.chineseName, $0.englishName) }]
            .compactMap { $0 }
        let heading =
            t("表彰名单", "Commendations")
            + (filter.isEmpty ? "" : t("（\(filter.joined(separator: "，"))）", " (\(filter.joined(separator: ", ")))"))
        guard !awards.isEmpty else {
            return heading + t("：暂无。", ": none yet.")
                + (person.permission == .teacher
                    ? "" : t("\n推荐：\(IntentKind.award.example.zh)", "\nPropose: \(IntentKind.award.example.en)"))
        }
        var lines = [heading + t("（\(awards.count) 项）：", " (\(awards.count)):")]
        var group = ""
        for a in awards {
            let key = t("第\(a.phase)阶段 · \(a.star.chineseName)", "Phase \(a.phase) · \(a.star.englishName)")
            if key != group {
                lines.append(key)
                group = key
            }
            let member = state.roster[a.staffID]
            let status =
                a.status == .confirmed
                ? (a.announced ? t("已表彰，已通知", "awarded, announced") : t("已表彰", "awarded"))
                : t(a.status.chineseName, a.status.rawValue)
                    + ((a.status == .revoked ? a.revocationNote : a.decisionNote).map { t("：\($0)", ": \($0)") } ?? "")
            lines.append("  \(a.id) \(member?.name ?? a.staffID)（\(member?.branch ?? "")）\(status)")
        }
        if person.permission == .admin {
            lines.append(t("导出：发送“导出”（附表彰名单 CSV）；待确认的可发送 表彰 确认 编号", "Export: /export (with the awards CSV)"))
        }
        return lines.joined(separator: "\n")
    }
}
