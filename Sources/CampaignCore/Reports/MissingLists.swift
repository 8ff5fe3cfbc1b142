package import CampaignIntents
import Foundation

/// Who still owes what: everyone a requirement applies to (by role, Party membership, branch and phase), those who
/// have not pledged included, each with what they lack — and the rule that was applied, said in the list.
extension Reports {
    package struct MissingList {
        /// The rule applied, in words, for the list's heading.
        package var rule: String
        /// How many people the rule applies to in the scope.
        package var applies: Int
        package var rows: [(person: Person, lacks: String)]
    }

    package func missing(_ target: MissingTarget, branch: String?) -> MissingList {
        let people = state.activePeople.filter { branch == nil || $0.branch == branch }
        switch target {
        case .all:
            let digest = digest(branch: branch)
            let rows = digest.rows.map {
                ($0.person, $0.owed.map { t($0.chinese(), $0.english()) }.joined(separator: t("；", "; ")))
            }
            return MissingList(rule: t("各项要求合计", "every requirement"), applies: digest.people, rows: rows)
        case .pledge:
            let rows = people.filter { state.pledges(of: $0.staffID).isEmpty }.map { ($0, t("未申报", "no pledge")) }
            return MissingList(
                rule: t(
                    "全体教职工都应申报争创承诺（截止\(campaign.pledgeDeadline.chinese)）",
                    "everyone pledges (deadline \(campaign.pledgeDeadline))"),
                applies: people.count, rows: rows)
        case .lesson:
            let teachers = people.filter(\.teachesDemoLesson)
            var rule = t("一线党员教师每人上一节组内示范课", "every frontline Party member teaches one group-level demo lesson")
            if let phase2 = campaign.phases.first(where: { $0.number == 2 }), today < phase2.span.from {
                rule += t("（第二阶段 \(phase2.span.chinese) 的任务，尚未开始）", " (a phase-2 duty, not begun yet)")
            }
            let rows = teachers.compactMap { p -> (Person, String)? in
                let lessons = state.lessons.filter { $0.staffID == p.staffID && $0.level == .group }
                if lessons.contains(where: \.isHeld) { return nil }
                if let booked = lessons.first(where: { $0.status == .booked }) {
                    return booked.date < today
                        ? (
                            p,
                            t(
                                "\(booked.id) \(booked.date.month)月\(booked.date.day)日 待确认",
                                "\(booked.id) on \(booked.date), to be confirmed")
                        )
                        : (
                            p,
                            t(
                                "已预约 \(booked.date.month)月\(booked.date.day)日，未上",
                                "booked for \(booked.date), not taught yet")
                        )
                }
                return (
                    p,
                    lessons.contains { $0.status == .notHeld }
                        ? t("未上，需重新预约", "not taught; book again") : t("未预约", "not booked")
                )
            }
            return MissingList(rule: rule, applies: teachers.count, rows: rows)
        case .visit:
            let needed = max(campaign.rule(for: .moral)?.requirements.map(\.holidayVisits).max() ?? 1, 1)
            let eligible = people.filter { p in campaign.rule(for: .moral).map { p.mayStrive(for: $0) } ?? false }
            let rows = eligible.compactMap { p -> (Person, String)? in
                let n = state.visits(of: p.staffID).filter(\.holiday).count
                guard n < needed else { return nil }
                let pledged = state.pledges(of: p.staffID).contains { $0.star == .moral }
                return (
                    p,
                    t(
                        "节假日家访 \(n)/\(needed)" + (pledged ? "" : "，未申报德育之星"),
                        "holiday visits \(n)/\(needed)" + (pledged ? "" : ", no Moral Education Star pledge"))
                )
            }
            return MissingList(
                rule: t(
                    "德育之星（行政人员、班主任）需节假日亲情家访 \(needed) 次",
                    "the Moral Education Star (admin staff, class teachers) needs \(needed) holiday visit(s)"),
                applies: eligible.count, rows: rows)
        case .benchmark:
            return missingBenchmarks(people)
        case .moral, .teaching, .research:
            let star = target.star ?? .moral
            guard let rule = campaign.rule(for: star) else { return MissingList(rule: "", applies: 0, rows: []) }
            let eligible = people.filter { $0.mayStrive(for: rule) }
            let rows = eligible.compactMap { p -> (Person, String)? in
                guard let progress = state.starProgress(of: p, campaign: campaign).first(where: { $0.star == star })
                else {
                    return (p, t("未申报", "no pledge"))
                }
                guard !progress.complete else { return nil }
                return (
                    p,
                    t(
                        "缺" + progress.missing.map(\.name).joined(separator: "、"),
                        "missing " + progress.missing.map(\.name).joined(separator: ", "))
                )
            }
            let roles =
                rule.eligibleRoles.isEmpty
                ? t("全体教师", "all teachers")
                : rule.eligibleRoles.map { t($0.chineseName, $0.rawValue) }.joined(separator: t("、", ", "))
            return MissingList(
                rule: t("\(star.chineseName)面向\(roles)，须：", "\(star.englishName) is open to \(roles) and needs: ")
                    + rule.requirements.map(\.name).joined(separator: t("、", ", ")),
                applies: eligible.count, rows: rows)
        }
    }
}
