package import CampaignIntents

/// `未完成 <kind>`: who still owes one kind of duty (the rows of `CampaignQuery.missing`), each with what it lacks,
/// and the rule that was applied; all of its words.
package struct MissingListReply: Reply {
    package var list: MissingRows
    /// The branch asked about; nil: the whole school.
    package var branch: String?
    package var campaign: Campaign
    package var today: CalendarDate
    package var holidayVisitsNeeded: Int

    package func text(english: Bool) -> String {
        let target = list.target
        let title: String
        switch target {
        case .all: title = english ? "To do" : "待办汇总"
        case .pledge: title = english ? "No pledge yet" : "未申报承诺"
        case .lesson: title = english ? "Demo lesson not done" : "示范课未完成"
        case .visit: title = english ? "Holiday home visits missing" : "节假日家访未完成"
        case .benchmark: title = english ? "No benchmark yet" : "对标定位未填写"
        case .moral, .teaching, .research:
            title = english ? "\(target.star?.englishName ?? target.rawValue) not complete" : "\(target.chineseName)未完成"
        }
        let scope = branch ?? (english ? "whole school" : "全校")
        let applies = list.applies.count
        let ruleText = ruleText(english: english)
        let rule = english ? "Rule: \(ruleText); applies to \(applies)." : "规则：\(ruleText)；适用 \(applies) 人。"
        guard applies > 0 else {
            return
                (english
                ? "\(title) (\(scope)): nobody on the roster this applies to.\n"
                : "\(title)（\(scope)）：名单中没有适用这条要求的人。\n")
                + rule
        }
        guard list.started else {
            return
                (english
                ? "\(title) (\(scope)): not begun yet; applies to \(applies).\n"
                : "\(title)（\(scope)）：这项要求尚未开始，适用 \(applies) 人。\n")
                + rule
        }
        guard !list.rows.isEmpty else {
            return
                (english
                ? "\(title) (\(scope)): all \(applies) done ✓\n" : "\(title)（\(scope)）：适用的 \(applies) 人都已完成 ✓\n")
                + rule
        }
        var lines = [
            english
                ? "\(title) (\(scope), \(list.rows.count) of \(applies)):"
                : "\(title)（\(scope)，\(list.rows.count)/\(applies) 人）："
        ]
        let groups = Dictionary(grouping: list.rows, by: { $0.person.branch }).sorted { $0.key < $1.key }
        for (name, members) in groups {
            let names = members.sorted { $0.person.staffID < $1.person.staffID }.map { row in
                target == .pledge || target == .benchmark
                    ? row.person.name + (list.open ? "" : english ? " (closed)" : "（已截止）")
                    : english
                        ? "\(row.person.name) (\(Self.lacks(row, english: true)))"
                        : "\(row.person.name)（\(Self.lacks(row, english: false))）"
            }
            lines.append(
                english
                    ? "\(name.isEmpty ? "no branch" : name): \(names.joined(separator: ", "))"
                    : "\(name.isEmpty ? "未分支部" : name)：\(names.joined(separator: "、"))")
        }
        lines.append(rule)
        return lines.joined(separator: "\n")
    }

    /// What one row of a kind's list lacks, in a few words.
    static func lacks(_ row: MissingRows.Row, english: Bool) -> String {
        guard let duty = row.duties.first else { return "" }
        let closed = duty.open ? "" : english ? ", closed" : "，已截止"
        if let (have, need) = row.visits {
            let pledged = duty.kind != .pledge
            return
                (english
                ? "holiday visits \(have)/\(need)" + (pledged ? "" : ", no Moral Education Star pledge")
                : "节假日家访 \(have)/\(need)" + (pledged ? "" : "，未申报德育之星")) + closed
        }
        switch duty.kind {
        case .pledge: return (english ? "no pledge" : "未申报") + closed
        case .lesson:
            let status = duty.lesson ?? .notBooked
            return (english ? status.english(open: duty.open) : status.chinese(open: duty.open)) + closed
        case .star:
            return
                (english
                ? "missing " + duty.missing.joined(separator: ", ") : "缺" + duty.missing.joined(separator: "、"))
                + closed
        case .benchmark: return (english ? "no benchmark" : "未填写对标") + closed
        }
    }

    /// The rule a kind's list applies, in words.
    func ruleText(english: Bool) -> String {
        switch list.target {
        case .all: return english ? "every requirement" : "各项要求合计"
        case .pledge:
            return english
                ? "everyone pledges (deadline \(campaign.pledgeDeadline))"
                : "全体教职工都应申报争创承诺（截止\(campaign.pledgeDeadline.chinese)）"
        case .lesson:
            var rule =
                english
                ? "every frontline Party member teaches one group-level demo lesson, done once confirmed taught"
                : "一线党员教师每人上一节组内示范课，确认“已上”才算完成"
            if let span = campaign.lessonSpan {
                rule +=
                    english
                    ? " (phase \(campaign.lessonPhase), \(span.from)–\(span.to)"
                    : "（第\(campaign.lessonPhase)阶段 \(span.chinese)"
                if today < span.from { rule += english ? ", not begun yet" : "，尚未开始" }
                if today > span.to { rule += english ? ", over" : "，已结束" }
                rule += english ? ")" : "）"
            }
            return rule
        case .visit:
            return english
                ? "the Moral Education Star (admin staff, class teachers) needs \(holidayVisitsNeeded) holiday visit(s); for those who pledged it, or may and have pledged nothing yet"
                : "德育之星（行政人员、班主任）需节假日亲情家访 \(holidayVisitsNeeded) 次；适用于申报了德育之星、或可申报而尚未申报任何承诺的人"
        case .benchmark:
            guard let phase = campaign.benchmarkPhase else { return english ? "no benchmarking phase" : "本次活动没有对标定位阶段" }
            var rule =
                english
                ? "every Party member records a benchmark in phase \(phase.number) (\(phase.span.from) – \(phase.span.to))"
                : "每位党员在第\(phase.number)阶段（\(phase.span.chinese)）写下对标的榜样、差距和措施"
            if today < phase.span.from { rule += english ? " (not begun yet)" : "（尚未开始）" }
            return rule
        case .moral, .teaching, .research:
            let star = list.target.star ?? .moral
            guard let rule = campaign.rule(for: star) else { return "" }
            let roles =
                rule.eligibleRoles.isEmpty
                ? (english ? "all teachers" : "全体教师")
                : rule.eligibleRoles.map { english ? $0.rawValue : $0.chineseName }.joined(
                    separator: english ? ", " : "、")
            return
                (english ? "\(star.englishName) is open to \(roles) and needs: " : "\(star.chineseName)面向\(roles)，须：")
                + rule.requirements.map(\.name).joined(separator: english ? ", " : "、")
                + (english ? "; lists who pledged it, or may and have pledged nothing yet" : "；列出申报了它、或可申报而尚未申报任何承诺的人")
        }
    }
}
