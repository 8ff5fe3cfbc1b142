import CampaignIntents

/// The question for a ballot's current subject (or, past the last, the summary). Never says what the rater answered
/// before.
struct BallotQuestion {
    var ballot: EvaluationBallot
    /// The subject asked about; nil on the last screen.
    var subject: EvaluationSubject?

    func text(english: Bool) -> String {
        guard let subject else {
            // The last screen: counts only, never the grades (the reply passes through the outbox and the store).
            let rated = ballot.grades.count
            return english
                ? "All \(ballot.subjects.count) answered (\(rated) rated). Reply “submit” to count it, “back” to change the last one, or “stop”."
                : "全部 \(ballot.subjects.count) 项已答完（评价 \(rated) 项，跳过 \(ballot.subjects.count - rated) 项）。回复“提交”计入；“返回”修改最后一项；“取消”暂停。计入后不能再改。"
        }
        let name = subject.name(english: english)
        let again =
            ballot.grades[ballot.subjects[ballot.position]] != nil
            ? (english ? " (already answered: a new answer replaces it)" : "（这一项您已评过，重新回答将替换原来的评价）") : ""
        return english
            ? "(\(ballot.position + 1)/\(ballot.subjects.count)) Please rate \(name)\(again)\n1 excellent  2 qualified  3 basically qualified  4 unqualified\nReply with the number; “skip”, “back”, or “stop” (resume later with /evaluate)."
            : """
            （\(ballot.position + 1)/\(ballot.subjects.count)）请评价：\(name)\(again)
            1 优秀　2 合格　3 基本合格　4 不合格
            回复数字或等级；“跳过”跳过这一项，“返回”回到上一项，“取消”暂停（之后发送“评议”继续）。
            """
    }
}

/// What the ballot conversation says, and all of its words.
enum BallotReply: Reply {
    /// What comes before a question.
    enum Lead {
        /// The ballot starts, or (`resuming`) continues.
        case start(EvaluationRound, resuming: Bool)
        /// A paused rater answered: not counted.
        case pausedAnswer
        /// The reply was not an answer.
        case notAnAnswer
        /// 返回 on the first question.
        case firstOne
    }

    case question(BallotQuestion, before: Lead?)
    /// A grade after the round closed.
    case lateAnswer(EvaluationRound)
    /// The ballot's round closed meanwhile.
    case roundClosed(EvaluationRound?)
    case paused(EvaluationBallot, until: CalendarDate)
    /// Submitted: `rated` of the ballot's subjects; counted `minRaters` or more at a time.
    case submitted(EvaluationBallot, minRaters: Int)

    func text(english: Bool) -> String {
        switch self {
        case .question(let question, let lead):
            return (lead.map { Self.lead($0, question.ballot, english: english) } ?? "")
                + question.text(english: english)
        case .lateAnswer(let round):
            return english
                ? "Sorry, the round “\(round.name)” has closed; this answer was not counted."
                : "抱歉，评议“\(round.name)”已于\(round.deadline.chinese)截止（或已由管理员结束），这次的评价没有计入。发送“评议 结果”查看结果。"
        case .roundClosed(let closed):
            return english
                ? "Sorry, the round has closed; this answer was not counted."
                : "抱歉，评议“\(closed?.name ?? "")”已于\(closed?.deadline.chinese ?? "")截止，这次的评价没有计入。发送“评议 结果”查看结果。"
        case .paused(let ballot, let deadline):
            return english
                ? "Paused at \(ballot.position)/\(ballot.subjects.count). Send /evaluate to continue before \(deadline)."
                : "已暂停，已回答的会保留（\(ballot.position)/\(ballot.subjects.count)）。截止\(deadline.chinese)前随时发送“评议”继续。"
        case .submitted(let ballot, let minRaters):
            let rated = ballot.grades.count
            return english
                ? "Thank you! Your ballot is submitted (\(rated) rated). Ballots are counted \(minRaters) or more at a time; only totals are kept."
                : "谢谢！您的评议已提交（评价了 \(rated) 项，跳过 \(ballot.subjects.count - rated) 项）。为保护匿名，提交的评议每满 \(minRaters) 份一起计入（其余的在评议结束时计入），之后只保留各等级的人数，不再保存谁评了什么。结果在评议结束后公布。"
        }
    }

    private static func lead(_ lead: Lead, _ ballot: EvaluationBallot, english: Bool) -> String {
        switch lead {
        case .start(let round, resuming: true):
            return english ? "Resuming “\(round.name)”.\n" : "继续“\(round.name)”的评议。\n"
        case .start(let round, resuming: false):
            return english
                ? "Starting “\(round.name)”: \(ballot.subjects.count) to rate, one at a time. Anonymous once counted.\n"
                : "开始“\(round.name)”评议（截止\(round.deadline.chinese)），共 \(ballot.subjects.count) 项，一次一项。评价匿名，计入后只保留各等级的人数。\n"
        case .pausedAnswer:
            return english
                ? "Your ballot was paused; that reply was not counted. Please answer:\n"
                : "您的评议已暂停，这条回复没有计入。请对下面这一项重新回复：\n"
        case .notAnAnswer:
            return english
                ? "Please reply 1–4, “skip”, “back” or “stop”.\n" : "请回复 1–4 或 优秀/合格/基本合格/不合格；“跳过”“返回”，或“取消”暂停评议。\n"
        case .firstOne:
            return english ? "This is the first one.\n" : "这已经是第一项了。\n"
        }
    }
}
