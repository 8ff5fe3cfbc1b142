import CampaignIntents
import Foundation

/// Answers to the ballot's questions. Read before any command parsing while the bot waits for the rater's answer,
/// so `优秀` or `2` is never taken for another command.
extension Turn {
    enum BallotAnswer: Equatable {
        case grade(EvaluationGrade)
        case skip, back, stop
        /// Count the ballot now (what is unanswered counts as skipped).
        case submit
    }

    /// Grades written loosely: digits (also full-width and Chinese), the grade names and short forms.
    static let gradeWords: [String: EvaluationGrade] = [
        "1": .excellent, "１": .excellent, "一": .excellent, "①": .excellent, "优秀": .excellent, "优": .excellent,
        "a": .excellent, "excellent": .excellent, "很好": .excellent,
        "2": .qualified, "２": .qualified, "二": .qualified, "②": .qualified, "合格": .qualified, "称职": .qualified,
        "b": .qualified, "qualified": .qualified, "良": .qualified, "良好": .qualified,
        "3": .basicallyQualified, "３": .basicallyQualified, "三": .basicallyQualified, "③": .basicallyQualified,
        "基本合格": .basicallyQualified, "基本": .basicallyQualified, "基本称职": .basicallyQualified, "c": .basicallyQualified,
        "basically": .basicallyQualified, "basicallyqualified": .basicallyQualified,
        "4": .unqualified, "４": .unqualified, "四": .unqualified, "④": .unqualified, "不合格": .unqualified,
        "不称职": .unqualified, "差": .unqualified, "d": .unqualified, "unqualified": .unqualified,
    ]
    static let skipWords: Set<String> = ["跳过", "跳", "略过", "下一个", "下一位", "不评", "弃权", "skip", "pass", "next"]
    static let backWords: Set<String> = ["返回", "上一个", "上一位", "上一项", "回退", "back", "previous"]
    static let submitWords: Set<String> = ["提交", "确认", "确定", "完成", "交卷", "submit", "done", "confirm"]
    static let pauseWords: Set<String> = ["取消", "暂停", "退出", "停止", "算了", "稍后", "以后再说", "cancel", "stop", "pause"]

    /// A bare grade after the round closed (and the unfinished ballot with it) gets a clear answer.
    private mutating func refuseLateAnswer(_ person: Person) throws -> Bool {
        // The cheap checks first: this runs for every message of every person who is not rating.
        guard let round = state.evaluations.rounds.last, round.closedAt != nil, !round.voted.contains(person.staffID),
            state.pending[message.identity.key] == nil, case .grade? = Self.ballotAnswer(message.text)
        else { return false }
        try ballotReply(BallotReply.lateAnswer(round), person)
        return true
    }

    /// A paused rater who answers as if asked: the answer is not counted (they may not see which subject it was
    /// for); the bot shows the current question again and waits for the answer.
    private mutating func resumePaused(_ person: Person, _ context: ParseContext) throws -> Bool {
        guard var ballot = state.evaluations.ballots[person.staffID], !ballot.asking,
            let answer = Self.ballotAnswer(message.text), answer != .stop,
            case .failure(let error) = IntentParser.parse(message.text, context: context),
            error.kind == .unknownCommand,
            let round = state.evaluations.unclosed, round.isOpen(on: today), round.number == ballot.round
        else { return false }
        ballot.asking = true
        try emit(.evaluationBallot(rater: person.staffID, ballot))
        try ballotReply(BallotReply.question(ballotQuestion(ballot), before: .pausedAnswer), person)
        return true
    }

    static func ballotAnswer(_ text: String) -> BallotAnswer? {
        var word = text.lowercased().filter { !$0.isWhitespace }
        while let last = word.last, "。.!！~～,，吧的了啊呀".contains(last) { word.removeLast() }
        for prefix in ["评", "选", "评价", "等级"] where word.hasPrefix(prefix) && word.count > prefix.count {
            word.removeFirst(prefix.count)
        }
        if let grade = gradeWords[word] { return .grade(grade) }
        if skipWords.contains(word) { return .skip }
        if backWords.contains(word) { return .back }
        if pauseWords.contains(word) { return .stop }
        if submitWords.contains(word) { return .submit }
        return nil
    }

    /// Handles the message as an answer to the rater's ballot; false when it is something else (then the ballot
    /// pauses, and the message is read as usual).
    mutating func answerBallot(_ context: ParseContext) throws -> Bool {
        guard !message.isGroup, let person = state.person(bound: message.identity), person.active else { return false }
        english =
            !message.text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            && message.text.contains { $0.isLetter }
        guard var ballot = state.evaluations.ballots[person.staffID], ballot.asking else {
            if try resumePaused(person, context) { return true }
            return try refuseLateAnswer(person)
        }
        guard let answer = Self.ballotAnswer(message.text) else {
            if case .failure(let error) = IntentParser.parse(message.text, context: context),
                error.kind == .unknownCommand
            {
                try ballotReply(BallotReply.question(ballotQuestion(ballot), before: .notAnAnswer), person)
                return true
            }
            ballot.asking = false
            try emit(.evaluationBallot(rater: person.staffID, ballot))
            return false
        }
        try closeOverdueEvaluation()
        guard let round = state.evaluations.unclosed, round.number == ballot.round else {
            let closed = state.evaluations.rounds.first { $0.number == ballot.round }
            try ballotReply(BallotReply.roundClosed(closed), person)
            return true
        }
        switch answer {
        case .stop:
            ballot.asking = false
            try emit(.evaluationBallot(rater: person.staffID, ballot))
            try ballotReply(BallotReply.paused(ballot, until: round.deadline), person)
            return true
        case .back:
            guard ballot.position > 0 else {
                try ballotReply(BallotReply.question(ballotQuestion(ballot), before: .firstOne), person)
                return true
            }
            ballot.position -= 1
        case .skip, .grade:
            // On the last screen every question is answered: only 提交, 返回 or 取消 mean something there.
            guard ballot.position < ballot.subjects.count else {
                try ballotReply(BallotReply.question(ballotQuestion(ballot), before: nil), person)
                return true
            }
            if case .grade(let grade) = answer {
                ballot.grades[ballot.subjects[ballot.position]] = grade.rawValue
            } else {
                ballot.grades[ballot.subjects[ballot.position]] = nil
            }
            ballot.position += 1
        case .submit:
            return try castBallot(person, ballot)
        }
        try emit(.evaluationBallot(rater: person.staffID, ballot))
        try ballotReply(BallotReply.question(ballotQuestion(ballot), before: nil), person)
        return true
    }

    /// Seals the ballot: from here on it is one of its group's sealed ballots, counted together with at least
    /// `minRaters` of them; then only the tallies and the "has voted" mark remain.
    private mutating func castBallot(_ person: Person, _ ballot: EvaluationBallot) throws -> Bool {
        let minRaters = state.evaluations.unclosed?.batchSize ?? engine.evaluationMinRaters
        try emit(.evaluationCast(rater: person.staffID))
        try ballotReply(BallotReply.submitted(ballot, minRaters: minRaters), person)
        return true
    }

    /// A reply of the ballot conversation: it may say how far the rater got and what they skipped, so the store
    /// forgets it once it is sent (`OutboxMessage.forgetOnceSent`).
    mutating func ballotReply(_ outcome: BallotReply, _ person: Person) throws {
        spoken.append(outcome)
        let text = outcome.text(english: english)
        try emit(
            .enqueue(
                OutboxMessage(
                    id: state.nextOutboxID, to: message.chat, text: text, replyTo: message.messageID, kind: .reply,
                    staffID: person.staffID, createdAt: now, audience: message.isGroup ? .chat : .person,
                    forgetOnceSent: true)))
    }
}
