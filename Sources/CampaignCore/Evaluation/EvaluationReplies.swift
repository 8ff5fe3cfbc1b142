import CampaignIntents
import Foundation

/// What opening, closing and joining a 评议 round decided, and all of their words.
enum EvaluationReply: Reply {
    case openAdminsOnly
    case stillOpen(EvaluationRound)
    /// Opened; `raters` of `everyone` on the roster have someone to rate; `unpublished`: left out, too few to rate
    /// them.
    case opened(EvaluationRound, raters: Int, everyone: Int, unpublished: [EvaluationSubject])
    /// Not opened: some (or, `nobody`, all) subjects could never be published; the ways the plan allows.
    case notOpened(NotOpened)
    case closeAdminsOnly
    /// No round is open; `last`: the latest one.
    case noneOpen(last: EvaluationRound?)
    /// Closed; `voters`: how many finished, when that may be shown; `unfinished`: ballots not counted.
    case closed(EvaluationRound, voters: Int?, minRaters: Int, unfinished: Bool)
    /// No round to rate in; `last`: the latest, closed one.
    case noRoundToRate(last: EvaluationRound?)
    case alreadyRated(EvaluationRound)
    /// Nobody to rate: `leftOut`, too few could rate them; otherwise nobody else in the branch.
    case nobodyToRate(EvaluationRound, leftOut: Bool)

    /// How the round was asked to open, and the choices offered.
    struct NotOpened {
        var name: String
        var kind: EvaluationRoundKind
        var deadline: CalendarDate
        var scope: EvaluationScope
        var minRaters: Int
        var unpublished: [EvaluationSubject]
        var nobody: Bool
        var offerSchool: Bool
        var offerBranch: Bool
    }

    func text(english: Bool) -> String {
        switch self {
        case .openAdminsOnly:
            return english
                ? "Sorry, only admins open an evaluation round. Send /evaluate to take part in an open one."
                : "抱歉，只有党总支管理员可以开始一轮评议。您可以发送“评议”参加正在进行的评议。"
        case .stillOpen(let open):
            return english
                ? "“\(open.name)” is still open (until \(open.deadline)). Send /evaluate close first."
                : "“\(open.name)”还在进行中（截止\(open.deadline.chinese)）。请先发送“评议 结束”结束它，再开始新的一轮。"
        case .opened(let round, let raters, let everyone, let unpublished):
            let who =
                unpublished.isEmpty && raters == everyone
                ? (english ? "All \(raters) people on the roster may rate" : "名单上的 \(raters) 位在职人员（党员和群众）都可参加")
                : (english
                    ? "\(raters) people on the roster have someone to rate" : "名单上有 \(raters) 位在职人员可参加（其余的人没有可评价的对象）")
            let minRaters = round.minRaters
            let leftOut =
                unpublished.isEmpty
                ? ""
                : (english
                    ? "\nNot rated, not published (fewer than \(minRaters) could rate them):\n"
                    : "\n以下对象可评价的人不足 \(minRaters) 人，结果无法公布，这一轮不评价、不公布：\n")
                    + EvaluationSubject.list(unpublished, english: english)
            let (name, kind, deadline, scope) = (round.name, round.kind, round.deadline, round.scope)
            return
                (english
                ? "Opened round \(round.number) “\(name)” (\(kind.rawValue), \(scope.rawValue)) until the end of \(deadline). \(who): they send /evaluate. Ballots are counted \(minRaters) or more at a time; results (for subjects rated by at least \(minRaters)) after it closes: /evaluate results."
                : """
                已开始第\(round.number)轮评议“\(name)”（\(kind.chineseName)，\(scope.text(english: false))），截止\(deadline.chinese)当天结束。
                \(who)：发送“评议”即可开始，一次回答一位，中途可暂停、之后继续。
                评价匿名：提交的评议至少 \(minRaters) 份一起计入，计入后只保留各等级的人数；至少 \(minRaters) 人评价的对象才公布结果，结束后发送“评议 结果”查看。
                提前结束请发送“评议 结束”。
                """) + leftOut
        case .notOpened(let n):
            return n.text(english: english)
        case .closeAdminsOnly:
            return english
                ? "Sorry, only admins close an evaluation round; it also closes by itself at its deadline."
                : "抱歉，只有党总支管理员可以结束评议。评议会在截止日期结束时自动关闭。"
        case .noneOpen(let last):
            return english
                ? "No evaluation round is open. Open one: /evaluate open Members until 2010-07-10"
                : "目前没有进行中的评议\(last.map { "（“\($0.name)”已结束）" } ?? "")。开始新的一轮：评议 开始 党员评议 截止 7月10日"
        case .closed(let round, let voters, let minRaters, let unfinished):
            let finished =
                voters.map { english ? "\($0) finished" : "\($0) 人完成评议" }
                ?? (english
                    ? "the number who finished is not shown"
                    : "完成评议的人数不公布（不足 \(minRaters) 人或可由其他数字推算出不足 \(minRaters) 人的部分）")
            return english
                ? "Closed “\(round.name)”: \(finished). Send /evaluate results."
                : "已结束评议“\(round.name)”：\(finished)" + (unfinished ? "，未完成的评议不计入" : "") + "。发送“评议 结果”查看结果。"
        case .noRoundToRate(let last):
            if english { return "No evaluation round is open." }
            return last.map {
                "评议“\($0.name)”已于\(min($0.closedAt.map { CampaignTime.local($0).date } ?? $0.deadline, $0.deadline).chinese)结束，不再接受评价。发送“评议 结果”查看结果。"
            } ?? "目前没有进行中的评议。评议开始后，管理员会通知大家；届时发送“评议”即可参加。"
        case .alreadyRated(let round):
            return english
                ? "You have already rated in “\(round.name)”; each person rates once."
                : "您已提交“\(round.name)”的评议，每人只能评议一次，提交后不能再改。结果在评议结束后公布（评议 结果）。"
        case .nobodyToRate(let round, let leftOut):
            if leftOut {
                return english
                    ? "There is nobody for you to rate in this round: too few could rate them for an anonymous result."
                    : "本轮评议“\(round.name)”中您没有需要评价的对象：能评价本支部对象的人不足 \(round.batchSize) 人，结果无法匿名公布，这一轮不评价。"
            }
            return english
                ? "There is nobody for you to rate in this round." : "本轮评议“\(round.name)”中您没有需要评价的对象（本支部没有其他党员）。"
        }
    }
}

extension EvaluationReply.NotOpened {
    /// Why the round did not open, which subjects could never be published, and the commands for each way the plan
    /// allows: rating across the whole school, or by branch with those subjects not rated and not published.
    func text(english: Bool) -> String {
        let command = { (scope: EvaluationScope) in
            english
                ? "/evaluate open \(name) until \(deadline) \(scope.rawValue)"
                : "评议 开始 \(name) 截止 \(deadline.chinese) \(scope.chineseName)"
        }
        var options: [String] = []
        if offerSchool {
            let what =
                kind == .members
                ? (english ? "everyone rates every Party member" : "每人评价全校的党员")
                : (english ? "everyone rates every branch's work" : "每人评价各支部和全校的活动")
            options.append((english ? "Rate across the school (\(what)): " : "全校范围互评（\(what)）：") + command(.school))
        }
        if offerBranch {
            options.append(
                (english ? "Rate by branch, leaving those out: " : "仍按支部评议，上面这些对象不评价、不公布：") + command(.branch))
        }
        let scopeText = scope.text(english: english)
        let intro =
            nobody
            ? (english
                ? "The round was not opened: rating \(scopeText), nobody could be rated by \(minRaters) people.\n"
                : "评议“\(name)”没有开始：\(scopeText)时，没有一个对象能有至少 \(minRaters) 人评价，结果都无法公布。\n")
            : (english
                ? "The round was not opened yet: rating \(scopeText), fewer than \(minRaters) could rate these:\n"
                : "评议“\(name)”还没有开始：\(scopeText)时，以下对象可评价的人不足 \(minRaters) 人，结果无法公布：\n")
                + EvaluationSubject.list(unpublished, english: english) + "\n"
        guard !options.isEmpty else {
            return intro + (english ? "Too few people for an anonymous round." : "人数太少，无法匿名评议。")
        }
        return intro + (english ? "Choose one and send it:\n" : "方案允许的做法，请选一种发送：\n")
            + options.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }
}

/// What `评议 结果` decided, and all of its words.
enum EvaluationResultsReply: Reply {
    struct Line {
        var subject: EvaluationSubject
        var group: EvaluationResultGroup
    }

    /// No round has closed; `open`: the one under way.
    case noneClosed(open: EvaluationRound?)
    /// Teachers see their own result (or their branch's work) only.
    case ownOnly
    case notRated(EvaluationRound)
    /// The results released; `own`: the asker's only; `voters`: how many finished, when that may be shown.
    case results(EvaluationRound, voters: Int?, own: Bool, [Line], minRaters: Int)

    func text(english: Bool) -> String {
        switch self {
        case .noneClosed(let open):
            return english
                ? "No evaluation round has closed yet; results are shown after it closes."
                : open.map { "评议“\($0.name)”正在进行（截止\($0.deadline.chinese)），结果在评议结束后公布。" } ?? "还没有结束的评议，暂无结果。"
        case .ownOnly:
            return english ? "You can only see your own result." : "您只能查看本人（或本支部活动）的评议结果。"
        case .notRated(let round):
            return english ? "You were not rated in “\(round.name)”." : "您不是评议“\(round.name)”的评议对象（本轮只评议党员）。"
        case .results(let round, let voters, let own, let lines, let minRaters):
            let header =
                own
                ? (english ? "Your result in “\(round.name)”" : "评议“\(round.name)”中您的结果")
                : (english
                    ? "Results of “\(round.name)”\(voters.map { " (\($0) ballots)" } ?? "")"
                    : "评议“\(round.name)”结果（\(round.kind.chineseName)\(voters.map { "，\($0) 人完成评议" } ?? "")）")
            var text = [header]
            for line in lines {
                text.append(
                    "· " + line.subject.name(english: english) + (english ? ": " : "：")
                        + Self.result(line.group, minRaters: minRaters, english: english))
            }
            text.append(
                english
                    ? "(shown from \(minRaters) raters on; totals only)" : "（评价人数达到 \(minRaters) 人才公布；只统计人数，不保存谁评了什么）")
            return text.joined(separator: "\n")
        }
    }

    static func result(_ group: EvaluationResultGroup, minRaters: Int, english: Bool) -> String {
        guard let counts = group.counts, let raters = group.raters else {
            switch group.withheld {
            case .unpublishable?:
                return english
                    ? "not shown: fewer than \(minRaters) could rate it, so it was not rated"
                    : "不公布：可评价的人不足 \(minRaters) 人，本轮没有评价这一项"
            case .protecting?:
                return english
                    ? "not shown: with it, a withheld count could be worked out from the others"
                    : "不公布：公布它会让人从其他数字推算出不足 \(minRaters) 人的部分"
            case .fewRaters?, nil:
                return english ? "not shown: fewer than \(minRaters) rated it" : "不公布：评价的人不足 \(minRaters) 人"
            }
        }
        let parts = EvaluationGrade.allCases.map { (english ? $0.rawValue : $0.chineseName) + " \(counts[$0] ?? 0)" }
        return parts.joined(separator: english ? ", " : "、") + (english ? " (\(raters) raters)" : "（\(raters) 人评价）")
    }
}
