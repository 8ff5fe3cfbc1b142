import CampaignIntents
import Foundation

/// `评议`: admins open and close rounds; every active person on the roster rates, one question at a time
/// (the answers in EvaluationBallotRules.swift); results in EvaluationResults.swift.
extension Turn {
    mutating func evaluate(_ person: Person, _ request: EvaluationRequest) throws {
        try closeOverdueEvaluation()
        switch request {
        case .open(let name, let kind, let deadline, let scope): try openEvaluation(person, name, kind, deadline, scope)
        case .close: try closeEvaluation(person)
        case .rate: try startBallot(person)
        case .results(let branch): try evaluationResults(person, branch: branch)
        }
    }

    /// A round whose deadline has passed is closed by the first message that touches it (the scheduler does it
    /// too, at the latest when quiet hours end).
    mutating func closeOverdueEvaluation() throws {
        guard let round = state.evaluations.unclosed, !round.isOpen(on: today) else { return }
        try emit(.evaluationClose(round: round.number, at: now))
    }

    private mutating func openEvaluation(
        _ person: Person, _ name: String, _ kind: EvaluationRoundKind,
        _ deadline: CalendarDate, _ asked: EvaluationScope?
    ) throws {
        guard person.permission == .admin else {
            try reply(
                t(
                    "抱歉，只有党总支管理员可以开始一轮评议。您可以发送“评议”参加正在进行的评议。",
                    "Sorry, only admins open an evaluation round. Send /evaluate to take part in an open one."))
            return
        }
        if let open = state.evaluations.unclosed {
            try reply(
                t(
                    "“\(open.name)”还在进行中（截止\(open.deadline.chinese)）。请先发送“评议 结束”结束它，再开始新的一轮。",
                    "“\(open.name)” is still open (until \(open.deadline)). Send /evaluate close first."))
            return
        }
        let minRaters = max(1, engine.evaluationMinRaters)
        let scope = asked ?? .branch
        let subjects = state.evaluationSubjects(kind: kind, scope: scope)
        let unpublished = state.unpublishableSubjects(kind: kind, scope: scope, minRaters: minRaters)
        // A round in which some subjects could never be published opens only when the admin chose how.
        guard asked != nil || unpublished.isEmpty, unpublished.count < subjects.count else {
            try reply(openingChoice(name, kind, deadline, asked: asked, minRaters: minRaters))
            return
        }
        let round = EvaluationRound(
            number: state.evaluations.rounds.count + 1, name: name, kind: kind, deadline: deadline,
            openedAt: now, openedBy: person.staffID, scope: scope, minRaters: minRaters, unpublished: unpublished)
        try emit(.evaluationOpen(round))
        let raters = state.activePeople.filter { !state.evaluationSubjects(for: $0, in: round).isEmpty }.count
        let everyone = state.activePeople.count
        let who =
            unpublished.isEmpty && raters == everyone
            ? t("名单上的 \(raters) 位在职人员（党员和群众）都可参加", "All \(raters) people on the roster may rate")
            : t("名单上有 \(raters) 位在职人员可参加（其余的人没有可评价的对象）", "\(raters) people on the roster have someone to rate")
        let leftOut =
            unpublished.isEmpty
            ? ""
            : t(
                "\n以下对象可评价的人不足 \(minRaters) 人，结果无法公布，这一轮不评价、不公布：\n",
                "\nNot rated, not published (fewer than \(minRaters) could rate them):\n")
                + subjectList(unpublished)
        try reply(
            t(
                """
                已开始第\(round.number)轮评议“\(name)”（\(kind.chineseName)，\(scopeText(scope))），截止\(deadline.chinese)当天结束。
                \(who)：发送“评议”即可开始，一次回答一位，中途可暂停、之后继续。
                评价匿名：提交的评议至少 \(minRaters) 份一起计入，计入后只保留各等级的人数；至少 \(minRaters) 人评价的对象才公布结果，结束后发送“评议 结果”查看。
                提前结束请发送“评议 结束”。
                """,
                "Opened round \(round.number) “\(name)” (\(kind.rawValue), \(scope.rawValue)) until the end of \(deadline). \(who): they send /evaluate. Ballots are counted \(minRaters) or more at a time; results (for subjects rated by at least \(minRaters)) after it closes: /evaluate results."
            ) + leftOut)
    }

    /// Why the round did not open, which subjects could never be published, and the commands for each way the plan
    /// allows: rating across the whole school, or by branch with those subjects not rated and not published.
    private func openingChoice(
        _ name: String, _ kind: EvaluationRoundKind, _ deadline: CalendarDate, asked: EvaluationScope?,
        minRaters: Int
    ) -> String {
        let scope = asked ?? .branch
        let unpublished = state.unpublishableSubjects(kind: kind, scope: scope, minRaters: minRaters)
        let command = { (scope: EvaluationScope) in
            self.english
                ? "/evaluate open \(name) until \(deadline) \(scope.rawValue)"
                : "评议 开始 \(name) 截止 \(deadline.chinese) \(scope.chineseName)"
        }
        var options: [String] = []
        if scope == .branch, !state.evaluationSubjects(kind: kind, scope: .school).isEmpty,
            state.unpublishableSubjects(kind: kind, scope: .school, minRaters: minRaters).isEmpty
        {
            let what =
                kind == .members
                ? t("每人评价全校的党员", "everyone rates every Party member")
                : t("每人评价各支部和全校的活动", "everyone rates every branch's work")
            options.append(t("全校范围互评（\(what)）：", "Rate across the school (\(what)): ") + command(.school))
        }
        if asked == nil, unpublished.count < state.evaluationSubjects(kind: kind, scope: .branch).count {
            options.append(t("仍按支部评议，上面这些对象不评价、不公布：", "Rate by branch, leaving those out: ") + command(.branch))
        }
        let intro =
            unpublished.count == state.evaluationSubjects(kind: kind, scope: scope).count
            ? t(
                "评议“\(name)”没有开始：\(scopeText(scope))时，没有一个对象能有至少 \(minRaters) 人评价，结果都无法公布。\n",
                "The round was not opened: rating \(scopeText(scope)), nobody could be rated by \(minRaters) people.\n"
            )
            : t(
                "评议“\(name)”还没有开始：\(scopeText(scope))时，以下对象可评价的人不足 \(minRaters) 人，结果无法公布：\n",
                "The round was not opened yet: rating \(scopeText(scope)), fewer than \(minRaters) could rate these:\n")
                + subjectList(unpublished) + "\n"
        guard !options.isEmpty else {
            return intro + t("人数太少，无法匿名评议。", "Too few people for an anonymous round.")
        }
        return intro + t("方案允许的做法，请选一种发送：\n", "Choose one and send it:\n")
            + options.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }

    private func scopeText(_ scope: EvaluationScope) -> String {
        switch scope {
        case .branch: t("按支部评议", "by branch")
        case .school: t("全校范围互评", "across the school")
        }
    }

    /// Subjects named by branch: `· 语文支部：陈雅琴、李明`, or the branches' and the school's work.
    private func subjectList(_ subjects: [String]) -> String {
        var byBranch: [(branch: String, names: [String])] = []
        for subject in subjects {
            let branch: String
            let label: String
            if subject == EvaluationRound.school {
                branch = t("全校", "school")
                label = subjectName(subject)
            } else if subject.hasPrefix("branch:") {
                branch = String(subject.dropFirst("branch:".count))
                label = subjectName(subject)
            } else {
                branch = state.roster[subject]?.branch ?? ""
                label = state.roster[subject].map { "\($0.name)（\($0.staffID)）" } ?? subject
            }
            if let i = byBranch.firstIndex(where: { $0.branch == branch }) {
                byBranch[i].names.append(label)
            } else {
                byBranch.append((branch, [label]))
            }
        }
        return byBranch.map { "· \($0.branch)：" + $0.names.joined(separator: t("、", ", ")) }.joined(separator: "\n")
    }

    private mutating func closeEvaluation(_ person: Person) throws {
        guard person.permission == .admin else {
            try reply(
                t(
                    "抱歉，只有党总支管理员可以结束评议。评议会在截止日期结束时自动关闭。",
                    "Sorry, only admins close an evaluation round; it also closes by itself at its deadline."))
            return
        }
        guard let round = state.evaluations.unclosed else {
            let last = state.evaluations.rounds.last
            try reply(
                t(
                    "目前没有进行中的评议\(last.map { "（“\($0.name)”已结束）" } ?? "")。开始新的一轮：评议 开始 党员评议 截止 7月10日",
                    "No evaluation round is open. Open one: /evaluate open Members until 2010-07-10"))
            return
        }
        let unfinished = state.evaluations.ballots.values.contains { $0.round == round.number }
        try emit(.evaluationClose(round: round.number, at: now))
        let closed = state.evaluations.rounds.first { $0.number == round.number } ?? round
        let minRaters = max(engine.evaluationMinRaters, closed.minRaters)
        let finished =
            state.evaluationDisclosure(closed, minRaters: minRaters).voters.map {
                t("\($0) 人完成评议", "\($0) finished")
            }
            ?? t("完成评议的人数不公布（不足 \(minRaters) 人或可由其他数字推算出不足 \(minRaters) 人的部分）", "the number who finished is not shown")
        try reply(
            t(
                "已结束评议“\(round.name)”：\(finished)" + (unfinished ? "，未完成的评议不计入" : "") + "。发送“评议 结果”查看结果。",
                "Closed “\(round.name)”: \(finished). Send /evaluate results."
            ))
    }

    /// How a subject is named to a rater or in results.
    func subjectName(_ subject: String) -> String {
        if subject == EvaluationRound.school { return t("全校（党总支）的创先争优活动", "the school's campaign work") }
        if subject.hasPrefix("branch:") {
            let branch = String(subject.dropFirst("branch:".count))
            return t("\(branch)的创先争优活动", "the campaign work of \(branch)")
        }
        guard let person = state.roster[subject] else { return subject }
        return t(
            "\(person.branch) \(person.name)（\(person.staffID)）", "\(person.name) (\(person.staffID), \(person.branch))"
        )
    }

    /// `评议`: start the ballot, or pick it up where the rater stopped.
    private mutating func startBallot(_ person: Person) throws {
        guard let round = state.evaluations.rounds.last, round.closedAt == nil else {
            let last = state.evaluations.rounds.last
            try reply(
                t(
                    last.map {
                        "评议“\($0.name)”已于\(min($0.closedAt.map { CampaignTime.local($0).date } ?? $0.deadline, $0.deadline).chinese)结束，不再接受评价。发送“评议 结果”查看结果。"
                    }
                        ?? "目前没有进行中的评议。评议开始后，管理员会通知大家；届时发送“评议”即可参加。",
                    "No evaluation round is open."))
            return
        }
        guard !round.hasSubmitted(person.staffID) else {
            try reply(
                t(
                    "您已提交“\(round.name)”的评议，每人只能评议一次，提交后不能再改。结果在评议结束后公布（评议 结果）。",
                    "You have already rated in “\(round.name)”; each person rates once."))
            return
        }
        let resuming = state.evaluations.ballots[person.staffID] != nil
        var ballot =
            state.evaluations.ballots[person.staffID]
            ?? EvaluationBallot(
                round: round.number, subjects: state.evaluationSubjects(for: person, in: round),
                group: state.evaluationGroup(of: person, in: round))
        guard !ballot.subjects.isEmpty else {
            let leftOut = !state.evaluationCandidates(for: person, kind: round.kind, scope: round.scope).isEmpty
            try reply(
                leftOut
                    ? t(
                        "本轮评议“\(round.name)”中您没有需要评价的对象：能评价本支部对象的人不足 \(round.batchSize) 人，结果无法匿名公布，这一轮不评价。",
                        "There is nobody for you to rate in this round: too few could rate them for an anonymous result."
                    )
                    : t("本轮评议“\(round.name)”中您没有需要评价的对象（本支部没有其他党员）。", "There is nobody for you to rate in this round."))
            return
        }
        ballot.asking = true
        try emit(.evaluationBallot(rater: person.staffID, ballot))
        let intro =
            resuming
            ? t("继续“\(round.name)”的评议。\n", "Resuming “\(round.name)”.\n")
            : t(
                "开始“\(round.name)”评议（截止\(round.deadline.chinese)），共 \(ballot.subjects.count) 项，一次一项。评价匿名，计入后只保留各等级的人数。\n",
                "Starting “\(round.name)”: \(ballot.subjects.count) to rate, one at a time. Anonymous once counted.\n")
        try ballotReply(intro + ballotQuestion(ballot), person)
    }

    /// The question for the ballot's current subject. Never says what the rater answered before.
    func ballotQuestion(_ ballot: EvaluationBallot) -> String {
        guard ballot.position < ballot.subjects.count else {
            // The last screen: counts only, never the grades (the reply passes through the outbox and the store).
            let rated = ballot.grades.count
            return t(
                "全部 \(ballot.subjects.count) 项已答完（评价 \(rated) 项，跳过 \(ballot.subjects.count - rated) 项）。回复“提交”计入；“返回”修改最后一项；“取消”暂停。计入后不能再改。",
                "All \(ballot.subjects.count) answered (\(rated) rated). Reply “submit” to count it, “back” to change the last one, or “stop”."
            )
        }
        let subject = ballot.subjects[ballot.position]
        let again =
            ballot.grades[subject] != nil
            ? t("（这一项您已评过，重新回答将替换原来的评价）", " (already answered: a new answer replaces it)") : ""
        return t(
            """
            （\(ballot.position + 1)/\(ballot.subjects.count)）请评价：\(subjectName(subject))\(again)
            1 优秀　2 合格　3 基本合格　4 不合格
            回复数字或等级；“跳过”跳过这一项，“返回”回到上一项，“取消”暂停（之后发送“评议”继续）。
            """,
            "(\(ballot.position + 1)/\(ballot.subjects.count)) Please rate \(subjectName(subject))\(again)\n1 excellent  2 qualified  3 basically qualified  4 unqualified\nReply with the number; “skip”, “back”, or “stop” (resume later with /evaluate)."
        )
    }
}

extension Turn {
    /// For 我的进度: the open round the person has not finished, if any.
    func evaluationProgressLine(_ person: Person) -> String? {
        guard let round = state.evaluations.unclosed, round.isOpen(on: today), !round.hasSubmitted(person.staffID)
        else { return nil }
        let ballot = state.evaluations.ballots[person.staffID]
        let done =
            ballot.map {
                t("，已答 \($0.position)/\($0.subjects.count)", ", \($0.position)/\($0.subjects.count) answered")
            } ?? ""
        return t(
            "评议：“\(round.name)”尚未完成\(done)（截止\(round.deadline.chinese)）。发送“评议”开始或继续。",
            "Evaluation: “\(round.name)” not finished\(done) (until \(round.deadline)). Send /evaluate.")
    }
}
