import CampaignIntents

/// What a proposal shows first: the member's records for the star (pledge, works, holiday visits, demo lessons, with
/// ids; never a student's name), whether each requirement is met, and the 评议 result.
struct AwardEvidence: Reply {
    /// A work or visit as evidence: its id and title, or its id and date (a visit never names the student).
    enum Record {
        case work(Work)
        case visit(Visit)
        case id(String)

        func text(english: Bool) -> String {
            switch self {
            case .work(let w):
                english
                    ? "\(w.id) \(w.kind.englishName) “\(w.title)”"
                    : "\(w.id) \(w.kind.chineseName)\(Work.quoted(w.title))"
            case .visit(let v):
                english
                    ? "\(v.id) visit on \(v.date)"
                    : "\(v.id) \(v.date.month)月\(v.date.day)日家访\(v.holiday ? "（节假日）" : "")"
            case .id(let id): id
            }
        }
    }

    struct Item {
        var requirement: String
        var done: Bool
        var records: [Record]
    }

    var member: Person
    var star: Star
    /// The pledge for the star, and its requirements; nil: no pledge.
    var pledge: Pledge?
    var items: [Item]
    /// The member's lessons that were not cancelled, by date.
    var lessons: [Lesson]
    var today: CalendarDate
    /// Works that are not evidence for the star.
    var others: [Work]
    /// The member's released 评议 tally.
    var tally: [EvaluationGrade: Int]?
    var refusals: [AwardRefusal]

    func text(english: Bool) -> String {
        var lines = [
            english
                ? "Evidence: \(member.name) (\(member.staffID), \(member.branch)) · \(star.englishName)"
                : "【证据】\(member.name)（\(member.staffID)，\(member.branch.isEmpty ? "未分支部" : member.branch)\(member.partyMember ? "，党员" : "")）· \(star.chineseName)"
        ]
        if let pledge {
            lines.append(english ? "Pledge \(pledge.id): \(pledge.text)" : "承诺 \(pledge.id)：\(pledge.text)")
            for item in items {
                let records = item.records.map { $0.text(english: english) }.joined(separator: english ? "; " : "；")
                lines.append(
                    "\(item.done ? "✓" : "✗") \(item.requirement)"
                        + (records.isEmpty ? (english ? ": none" : "：无") : (english ? ": " : "：") + records))
            }
        } else {
            lines.append(english ? "Pledge: none for this star" : "承诺：未申报\(star.chineseName)")
        }
        for lesson in lessons {
            lines.append(
                english
                    ? "Lesson \(lesson.id): \(lesson.date) (\(lesson.status.rawValue))"
                    : "示范课 \(lesson.id)：\(lesson.described(english: false))（\(lesson.statusName(today: today))\(lesson.nominated ? "，支部推荐" : "")）"
            )
        }
        if !others.isEmpty {
            lines.append(
                (english ? "Other work: " : "其他成果：")
                    + others.map { Record.work($0).text(english: english) }.joined(separator: english ? "; " : "；"))
        }
        if let tally {
            let parts = EvaluationGrade.allCases.map { "\($0.chineseName) \(tally[$0] ?? 0)" }.joined(
                separator: english ? ", " : "，")
            lines.append(english ? "评议: \(parts)" : "评议：\(parts)")
        } else {
            lines.append(english ? "评议: no released result yet" : "评议：暂无已公布的评议结果")
        }
        return lines.joined(separator: "\n")
    }

    /// Why the member cannot be commended.
    func refusalText(english: Bool) -> String {
        let reasons = refusals.map { english ? $0.english(star) : $0.chinese(star) }
        return (english ? "Not eligible: " : "不符合表彰条件：") + reasons.joined(separator: english ? "; " : "；")
            + (english ? "." : "。")
    }

    /// What to do about the first reason a proposal was refused; `stars`: the campaign's stars.
    func advice(english: Bool, stars: [Star]) -> String {
        switch refusals.first {
        case .notPledged?:
            return english
                ? "They must pledge for the star first (/pledge \(star.rawValue) TEXT), then complete it."
                : "如\(member.name)老师要争创\(star.chineseName)，请先申报，例如：承诺 \(star.chineseName) 承诺内容；完成要求后再推荐。"
        case .requirementsMissing?:
            return english
                ? "Propose again once the requirements are met; finished work is reported with /submit."
                : "待要求完成后再推荐；已完成但没登记的，请\(member.name)老师用“提交”补报（如 \(IntentKind.submitWork.example.zh)）。"
        case .roleNotEligible?, .notPartyMember?, .inactive?:
            return english
                ? "If the roster is wrong, an admin corrects it first." : "如名单有误，请管理员更正名单（cxzy roster import）后再推荐。"
        case .evaluation?:
            return english ? "Members rated mostly 基本合格/不合格 are not commended." : "评议结果多数为基本合格或不合格的，本轮不予表彰。"
        case .noSuchStar?, nil:
            return english
                ? "Stars: \(stars.map(\.rawValue).joined(separator: ", "))."
                : "可推荐的星：\(stars.map(\.chineseName).joined(separator: "、"))。"
        }
    }
}

/// 表彰 名单: the awards a person may see, by phase and star.
struct AwardListReply: Reply {
    struct Entry {
        var award: Commendation
        var member: Person?
    }

    var permission: Permission
    var phase: Int?
    var star: Star?
    var awards: [Entry]

    func text(english: Bool) -> String {
        let filter = [
            phase.map { english ? "phase \($0)" : "第\($0)阶段" }, star.map { english ? $0.englishName : $0.chineseName },
        ]
        .compactMap { $0 }
        let heading =
            (english ? "Commendations" : "表彰名单")
            + (filter.isEmpty
                ? "" : english ? " (\(filter.joined(separator: ", ")))" : "（\(filter.joined(separator: "，"))）")
        guard !awards.isEmpty else {
            return heading + (english ? ": none yet." : "：暂无。")
                + (permission == .teacher
                    ? ""
                    : english ? "\nPropose: \(IntentKind.award.example.en)" : "\n推荐：\(IntentKind.award.example.zh)")
        }
        var lines = [heading + (english ? " (\(awards.count)):" : "（\(awards.count) 项）：")]
        var group = ""
        for entry in awards {
            let a = entry.award
            let key = english ? "Phase \(a.phase) · \(a.star.englishName)" : "第\(a.phase)阶段 · \(a.star.chineseName)"
            if key != group {
                lines.append(key)
                group = key
            }
            let note = (a.status == .revoked ? a.revocationNote : a.decisionNote).map { english ? ": \($0)" : "：\($0)" }
            let status =
                a.status == .confirmed
                ? (a.announced ? (english ? "awarded, announced" : "已表彰，已通知") : (english ? "awarded" : "已表彰"))
                : (english ? a.status.rawValue : a.status.chineseName) + (note ?? "")
            lines.append("  \(a.id) \(entry.member?.name ?? a.staffID)（\(entry.member?.branch ?? "")）\(status)")
        }
        if permission == .admin {
            lines.append(english ? "Export: /export (with the awards CSV)" : "导出：发送“导出”（附表彰名单 CSV）；待确认的可发送 表彰 确认 编号")
        }
        return lines.joined(separator: "\n")
    }
}
