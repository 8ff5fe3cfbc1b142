import CampaignIntents
import Foundation

/// `评议`: admins open and close rounds; every active person on the roster rates, one question at a time
/// (the answers in EvaluationBallotRules.swift); results in EvaluationResults.swift.
extension Turn {
    mutating func evaluate(_ person: Person, _ request: EvaluationRequest) throws {
        try closeOverdueEvaluation()
        switch request {
        case .open(let name, let kind, let deadline): try openEvaluation(person, name, kind, deadline)
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
        _ deadline: CalendarDate
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
        let round = EvaluationRound(
            number: state.evaluations.rounds.count + 1, name: name, kind: kind, deadline: deadline,
            openedAt: now, openedBy: person.staffID)
        try emit(.evaluationOpen(round))
        let raters = state.activePeople.count
        try reply(
            t(
                """
                已开始第\(round.number)轮评议“\(name)”（\(kind.chineseName)），截止\(deadline.chinese)当天结束。
                名单上的 \(raters) 位在职人员（党员和群众）都可参加：发送“评议”即可开始，一次回答一位，中途可暂停、之后继续。
                评价匿名：计入后只保留各等级的人数；至少 \(engine.evaluationMinRaters) 人评价的对象才公布结果，结束后发送“评议 结果”查看。
                提前结束请发送“评议 结束”。
                """,
                "Opened round \(round.number) “\(name)” (\(kind.rawValue)) until the end of \(deadline). \(raters) people may rate: they send /evaluate. Results (for subjects rated by at least \(engine.evaluationMinRaters)) after it closes: /evaluate results."
            ))
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
        let unfinished = state.evaluations.ballots.values.filter { $0.round == round.number }.count
        try emit(.evaluationClose(round: round.number, at: now))
        try reply(
            t(
                "已结束评议“\(round.name)”：\(round.voted.count)/\(state.activePeople.count) 人完成评议"
                    + (unfinished > 0 ? "，\(unfinished) 份未完成的评议不计入" : "") + "。发送“评议 结果”查看结果。",
                "Closed “\(round.name)”: \(round.voted.count) of \(state.activePeople.count) finished. Send /evaluate results."
            ))
    }

    /// Whom `rater` rates in `round`, in the order asked: the other Party members of their branch, or in a campaign
    /// round their branch and the school.
    func evaluationSubjects(for rater: Person, in round: EvaluationRound) -> [String] {
        switch round.kind {
        case .members:
            guard !rater.branch.isEmpty else { return [] }
            return state.activePeople.filter {
                $0.partyMember && $0.branch == rater.branch && $0.staffID != rater.staffID
            }
            .map(\.staffID)
        case .campaign:
            return (rater.branch.isEmpty ? [] : [EvaluationRound.branchSubject(rater.branch)]) + [
                EvaluationRound.school
            ]
        }
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
        guard !round.voted.contains(person.staffID) else {
            try reply(
                t(
                    "您已完成“\(round.name)”的评议，每人只能评议一次，已计入的评价不能再改。结果在评议结束后公布（评议 结果）。",
                    "You have already rated in “\(round.name)”; each person rates once."))
            return
        }
        var ballot =
            state.evaluations.ballots[person.staffID]
            ?? EvaluationBallot(round: round.number, subjects: evaluationSubjects(for: person, in: round))
        guard !ballot.subjects.isEmpty else {
            try reply(t("本轮评议“\(round.name)”中您没有需要评价的对象（本支部没有其他党员）。", "There is nobody for you to rate in this round."))
            return
        }
        let resuming = state.evaluations.ballots[person.staffID] != nil
        ballot.asking = true
        try emit(.evaluationBallot(rater: person.staffID, ballot))
        let intro =
            resuming
            ? t("继续“\(round.name)”的评议。\n", "Resuming “\(round.name)”.\n")
            : t(
                "开始“\(round.name)”评议（截止\(round.deadline.chinese)），共 \(ballot.subjects.count) 项，一次一项。评价匿名，计入后只保留各等级的人数。\n",
                "Starting “\(round.name)”: \(ballot.subjects.count) to rate, one at a time. Anonymous once counted.\n")
        try reply(intro + ballotQuestion(ballot))
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
        guard let round = state.evaluations.unclosed, round.isOpen(on: today), !round.voted.contains(person.staffID)
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
