package import CampaignIntents
import Foundation

/// Who still owes what, one kind at a time (`未完成 示范课` …): the rows of `CampaignQuery.missing`, each with what
/// it lacks, and the rule that was applied, said in the list. `未完成` alone is the digest (`BranchDigest.swift`).
extension Reports {
    /// A list in the older shape, still made by `missingBenchmarks` (Benchmarking/BenchmarkRules.swift); `未完成`
    /// itself reads `CampaignQuery.missing`.
    package struct MissingList {
        package var rule: String
        package var applies: Int
        package var rows: [(person: Person, lacks: String)]
    }

    package func missingList(_ target: MissingTarget, branch: String?) -> String {
        if target == .all { return digestText(branch: branch) }
        let list = query.missing(target, branch: branch)
        let title: String
        switch target {
        case .all: title = t("待办汇总", "To do")
        case .pledge: title = t("未申报承诺", "No pledge yet")
        case .lesson: title = t("示范课未完成", "Demo lesson not done")
        case .visit: title = t("节假日家访未完成", "Holiday home visits missing")
        case .benchmark: title = t("对标定位未填写", "No benchmark yet")
        case .moral, .teaching, .research:
            title = t("\(target.chineseName)未完成", "\(target.star?.englishName ?? target.rawValue) not complete")
        }
        let scope = branch ?? t("全校", "whole school")
        let applies = list.applies.count
        let rule = t(
            "规则：\(ruleText(target, list))；适用 \(applies) 人。", "Rule: \(ruleText(target, list)); applies to \(applies).")
        guard applies > 0 else {
            return t(
                "\(title)（\(scope)）：名单中没有适用这条要求的人。\n", "\(title) (\(scope)): nobody on the roster this applies to.\n")
                + rule
        }
        guard list.started else {
            return t(
                "\(title)（\(scope)）：这项要求尚未开始，适用 \(applies) 人。\n",
                "\(title) (\(scope)): not begun yet; applies to \(applies).\n")
                + rule
        }
        guard !list.rows.isEmpty else {
            return t("\(title)（\(scope)）：适用的 \(applies) 人都已完成 ✓\n", "\(title) (\(scope)): all \(applies) done ✓\n")
                + rule
        }
        var lines = [
            t(
                "\(title)（\(scope)，\(list.rows.count)/\(applies) 人）：",
                "\(title) (\(scope), \(list.rows.count) of \(applies)):")
        ]
        let groups = Dictionary(grouping: list.rows, by: { $0.person.branch }).sorted { $0.key < $1.key }
        for (name, members) in groups {
            let names = members.sorted { $0.person.staffID < $1.person.staffID }.map { row in
                target == .pledge || target == .benchmark
                    ? row.person.name + (list.open ? "" : t("（已截止）", " (closed)"))
                    : t("\(row.person.name)（\(lacks(row, target))）", "\(row.person.name) (\(lacks(row, target)))")
            }
            lines.append(
                t(
                    "\(name.isEmpty ? "未分支部" : name)：\(names.joined(separator: "、"))",
                    "\(name.isEmpty ? "no branch" : name): \(names.joined(separator: ", "))"))
        }
        lines.append(rule)
        return lines.joined(separator: "\n")
    }

    /// What one row of a kind's list lacks, in a few words.
    func lacks(_ row: MissingRows.Row, _ target: MissingTarget) -> String {
        guard let duty = row.duties.first else { return "" }
        let closed = duty.open ? "" : t("，已截止", ", closed")
        if let (have, need) = row.visits {
            let pledged = duty.kind != .pledge
            return t(
                "节假日家访 \(have)/\(need)" + (pledged ? "" : "，未申报德育之星"),
                "holiday visits \(have)/\(need)" + (pledged ? "" : ", no Moral Education Star pledge")) + closed
        }
        switch duty.kind {
        case .pledge: return t("未申报", "no pledge") + closed
        case .lesson:
            let status = duty.lesson ?? .notBooked
            return (english ? status.english(open: duty.open) : status.chinese(open: duty.open)) + closed
        case .star:
            return t("缺" + duty.missing.joined(separator: "、"), "missing " + duty.missing.joined(separator: ", "))
                + closed
        case .benchmark: return t("未填写对标", "no benchmark") + closed
        }
    }

    /// The rule a kind's list applies, in words.
    func ruleText(_ target: MissingTarget, _ list: MissingRows) -> String {
        switch target {
        case .all: return t("各项要求合计", "every requirement")
        case .pledge:
            return t(
                "全体教职工都应申报争创承诺（截止\(campaign.pledgeDeadline.chinese)）",
                "everyone pledges (deadline \(campaign.pledgeDeadline))")
        case .lesson:
            var rule = t(
                "一线党员教师每人上一节组内示范课，确认“已上”才算完成",
                "every frontline Party member teaches one group-level demo lesson, done once confirmed taught")
            if let span = campaign.lessonSpan {
                rule += t(
                    "（第\(campaign.lessonPhase)阶段 \(span.chinese)",
                    " (phase \(campaign.lessonPhase), \(span.from)–\(span.to)")
                if today < span.from { rule += t("，尚未开始", ", not begun yet") }
                if today > span.to { rule += t("，已结束", ", over") }
                rule += t("）", ")")
            }
            return rule
        case .visit:
            return t(
                "德育之星（行政人员、班主任）需节假日亲情家访 \(query.holidayVisitsNeeded) 次；适用于申报了德育之星、或可申报而尚未申报任何承诺的人",
                "the Moral Education Star (admin staff, class teachers) needs \(query.holidayVisitsNeeded) holiday visit(s); for those who pledged it, or may and have pledged nothing yet"
            )
        case .benchmark:
            guard let phase = campaign.benchmarkPhase else { return t("本次活动没有对标定位阶段", "no benchmarking phase") }
            var rule = t(
                "每位党员在第\(phase.number)阶段（\(phase.span.chinese)）写下对标的榜样、差距和措施",
                "every Party member records a benchmark in phase \(phase.number) (\(phase.span.from) – \(phase.span.to))"
            )
            if today < phase.span.from { rule += t("（尚未开始）", " (not begun yet)") }
            return rule
        case .moral, .teaching, .research:
            let star = target.star ?? .moral
            guard let rule = campaign.rule(for: star) else { return "" }
            let roles =
                rule.eligibleRoles.isEmpty
                ? t("全体教师", "all teachers")
                : rule.eligibleRoles.map { t($0.chineseName, $0.rawValue) }.joined(separator: t("、", ", "))
            return t(
                "\(star.chineseName)面向\(roles)，须：", "\(star.englishName) is open to \(roles) and needs: ")
                + rule.requirements.map(\.name).joined(separator: t("、", ", "))
                + t("；列出申报了它、或可申报而尚未申报任何承诺的人", "; lists who pledged it, or may and have pledged nothing yet")
        }
    }
}
