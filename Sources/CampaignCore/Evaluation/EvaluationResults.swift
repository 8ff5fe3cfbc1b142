package import CampaignIntents
import Foundation

/// One released (or withheld) line of a round's results: a subject and its tally, shown only when at least
/// `minRaters` raters rated it.
package struct EvaluationResultGroup: Sendable, Equatable {
    package var subject: String
    package var branch: String
    /// Counts per grade; nil when fewer than the threshold rated the subject (then nothing is shown but `missing`).
    package var counts: [EvaluationGrade: Int]?
    package var raters: Int?
    /// Raters still needed before the tally is shown (0 when shown).
    package var missing: Int
}

extension BotState {
    /// The newest round that has been closed.
    package var latestClosedEvaluation: EvaluationRound? { evaluations.rounds.last { $0.closedAt != nil } }

    /// The subjects of `round` with their results as far as released; members are listed by branch and staff id.
    package func evaluationResults(_ round: EvaluationRound, minRaters: Int) -> [EvaluationResultGroup] {
        let threshold = max(1, minRaters)
        var subjects: [(subject: String, branch: String)]
        switch round.kind {
        case .members:
            let rated = Set(round.tallies.keys)
            subjects = roster.values.filter {
                ($0.active && $0.partyMember && !$0.branch.isEmpty) || rated.contains($0.staffID)
            }
            .sorted { ($0.branch, $0.staffID) < ($1.branch, $1.staffID) }.map { ($0.staffID, $0.branch) }
        case .campaign:
            let branches = Set(activePeople.map(\.branch)).filter { !$0.isEmpty }.sorted()
            subjects = branches.map { (EvaluationRound.branchSubject($0), $0) } + [(EvaluationRound.school, "")]
        }
        return subjects.map { subject, branch in
            let raters = round.raters(of: subject)
            let released = raters >= threshold
            return EvaluationResultGroup(
                subject: subject, branch: branch, counts: released ? round.counts(for: subject) : nil,
                raters: released ? raters : nil, missing: released ? 0 : threshold - raters)
        }
    }
}

extension Turn {
    /// `评议 结果 [支部]`: a member sees their own result; secretaries their branch; admins everyone (or one branch).
    mutating func evaluationResults(_ person: Person, branch asked: String?) throws {
        guard let round = state.latestClosedEvaluation else {
            let open = state.evaluations.unclosed
            try reply(
                t(
                    open.map { "评议“\($0.name)”正在进行（截止\($0.deadline.chinese)），结果在评议结束后公布。" } ?? "还没有结束的评议，暂无结果。",
                    "No evaluation round has closed yet; results are shown after it closes."))
            return
        }
        let minRaters = engine.evaluationMinRaters
        var groups = state.evaluationResults(round, minRaters: minRaters)
        var header = t(
            "评议“\(round.name)”结果（\(round.kind.chineseName)，\(round.voted.count) 人完成评议）",
            "Results of “\(round.name)” (\(round.voted.count) ballots)")
        if person.permission == .teacher {
            if asked != nil, asked != person.branch {
                try reply(t("您只能查看本人（或本支部活动）的评议结果。", "You can only see your own result."))
                return
            }
            groups = groups.filter {
                round.kind == .members
                    ? $0.subject == person.staffID
                    : ($0.branch == person.branch || $0.subject == EvaluationRound.school)
            }
            header = t("评议“\(round.name)”中您的结果", "Your result in “\(round.name)”")
            if groups.isEmpty {
                try reply(t("您不是评议“\(round.name)”的评议对象（本轮只评议党员）。", "You were not rated in “\(round.name)”."))
                return
            }
        } else {
            guard let scope = try scope(person, asked) else { return }
            if let branch = scope.branch {
                groups = groups.filter {
                    $0.branch == branch || (round.kind == .campaign && $0.subject == EvaluationRound.school)
                }
            }
        }
        var lines = [header]
        for group in groups {
            lines.append("· " + subjectName(group.subject) + t("：", ": ") + resultText(group, minRaters: minRaters))
        }
        lines.append(t("（评价人数达到 \(minRaters) 人才公布；只统计人数，不保存谁评了什么）", "(shown from \(minRaters) raters on; totals only)"))
        // Secretaries and admins also get the totals as a chart, in a private chat, when anything is released.
        let chart =
            person.permission != .teacher && !message.isGroup && groups.contains { $0.counts != nil }
            ? MediaRequest.evaluationChart(
                round: round.number, branch: person.permission == .admin ? asked : person.branch)
            : nil
        try emit(
            .enqueue(
                OutboxMessage(
                    id: state.nextOutboxID, to: message.chat, text: lines.joined(separator: "\n"),
                    replyTo: message.messageID, kind: .reply, createdAt: now, media: chart)))
    }

    func resultText(_ group: EvaluationResultGroup, minRaters: Int) -> String {
        guard let counts = group.counts, let raters = group.raters else {
            return t(
                "评价人数不足，还需 \(group.missing) 人评价才能公布（至少 \(minRaters) 人）",
                "not shown: \(group.missing) more raters needed (at least \(minRaters))")
        }
        let parts = EvaluationGrade.allCases.map { (english ? $0.rawValue : $0.chineseName) + " \(counts[$0] ?? 0)" }
        return parts.joined(separator: t("、", ", ")) + t("（\(raters) 人评价）", " (\(raters) raters)")
    }
}
