/// `评议`, `评议 开始 党员评议 截止 7月10日 [全校|按支部]`, `评议 结束`, `评议 结果 [数学支部]` (and
/// `/evaluate open NAME until DATE [school|branch]`, `/evaluate close`, `/evaluate results [BRANCH]`).
extension ArgumentReader {
    static let evaluationActions: [(words: [String], action: String)] = [
        (["开始", "开启", "发起", "启动", "open", "start"], "open"),
        (["结束", "关闭", "停止", "close", "end"], "close"),
        (["结果", "查看结果", "results", "result"], "results"),
        (["继续", "开始评议", "resume", "rate"], "rate"),
    ]
    static let deadlineWords = ["截止日期", "截止到", "截止于", "截止", "截至", "until", "deadline", "到"]
    /// The last word of `评议 开始 …` may say who rates whom.
    static let scopeWords: [(words: [String], scope: EvaluationScope)] = [
        (["全校", "全校范围", "全校互评", "全校评议", "school", "schoolwide", "school-wide"], .school),
        (["按支部", "支部内", "分支部", "按支部评议", "branch", "bybranch", "by-branch"], .branch),
    ]

    mutating func readEvaluation(_ tokens: [Token]) -> Result<Intent, ParseError> {
        var rest = tokens.filter { !$0.norm.isEmpty }
        guard let first = rest.first else { return .success(.evaluate(.rate)) }
        let word = first.normString
        guard let action = Self.evaluationActions.first(where: { $0.words.contains(word) })?.action else {
            return .failure(
                evaluationError(
                    .invalidValue, .text,
                    english
                        ? "I do not know “\(first.originalString)” here: write /evaluate, /evaluate results, or (admins) /evaluate open NAME until DATE, /evaluate close."
                        : "“\(first.originalString)”看不懂。请发送“评议”开始或继续评议，“评议 结果”查看结果；管理员可发送“评议 开始 名称 截止 日期”或“评议 结束”。"))
        }
        rest.removeFirst()
        switch action {
        case "close":
            return rest.isEmpty ? .success(.evaluate(.close)) : .failure(extraWords(rest))
        case "rate":
            return rest.isEmpty ? .success(.evaluate(.rate)) : .failure(extraWords(rest))
        case "results":
            guard let word = rest.first else { return .success(.evaluate(.results(branch: nil))) }
            guard rest.count == 1, let branch = Recognizers.branch(word.norm) else {
                return .failure(invalid(.branch, word.originalString))
            }
            return .success(.evaluate(.results(branch: branch)))
        default:
            return readOpening(rest)
        }
    }

    /// `党员评议 截止 7月10日 [全校]`: the name, then the deadline after 截止 (spaced or glued), then maybe the scope.
    private func readOpening(_ tokens: [Token]) -> Result<Intent, ParseError> {
        var tokens = tokens
        var scope: EvaluationScope?
        if tokens.count > 1, let last = tokens.last,
            let found = Self.scopeWords.first(where: { $0.words.contains(last.normString) })
        {
            scope = found.scope
            tokens.removeLast()
        }
        var name: [Token] = []
        var dateTokens: [Token] = []
        var seenMarker = false
        for token in tokens.flatMap(Self.splitAtDeadline) {
            if seenMarker {
                dateTokens.append(token)
                continue
            }
            var c = Cursor(token.norm)
            if c.eatAny(Self.deadlineWords) != nil, token.normString != "到" || !name.isEmpty {
                seenMarker = true
                var value = token.suffix(fromNorm: c.i)
                if value.norm.first == ":" { value = value.suffix(fromNorm: 1) }
                if !value.norm.isEmpty { dateTokens.append(value) }
            } else {
                name.append(token)
            }
        }
        let round = Token.joinFree(name)
        guard !round.isEmpty else {
            return .failure(
                evaluationError(
                    .missingArgument, .round,
                    english
                        ? "Please name the round, e.g. /evaluate open Members until 2010-07-10."
                        : "请写上这轮评议的名称，如“党员评议”或“活动评议”。"))
        }
        guard !dateTokens.isEmpty else {
            return .failure(
                evaluationError(
                    .missingArgument, .deadline,
                    english
                        ? "Please give the last day of the round after “until”."
                        : "请写上截止日期（评议在这天结束时关闭），如“截止 7月10日”。"))
        }
        let dateText = dateTokens.map(\.originalString).joined()
        var norm = dateTokens.flatMap(\.norm)
        // 截止 7月10日（周六）: the weekday beside the deadline checks it, as beside any other date.
        if case .value(.date(let written), let length)? = recognize(.date, norm, keyed: true), length < norm.count,
            let weekday = confirmingWeekday(Array(norm[length...])), length + weekday.length == norm.count
        {
            guard written.weekday == weekday.value else {
                return .failure(contradictingWeekday(written, dateText))
            }
            norm = Array(norm[..<length])
        }
        guard case .value(.date(let date), let length)? = recognize(.date, norm, keyed: true), length == norm.count
        else {
            return .failure(invalid(.deadline, dateText))
        }
        guard date >= context.today else {
            return .failure(
                evaluationError(
                    .invalidValue, .deadline,
                    english
                        ? "The deadline \(date) has already passed. Please give a later day."
                        : "截止日期 \(date.month)月\(date.day)日 已经过去了，请写一个今天或以后的日期。"))
        }
        return .success(
            .evaluate(.open(round: round, kind: EvaluationRoundKind.of(roundName: round), deadline: date, scope: scope))
        )
    }

    /// `党员评议截止7月10日` → `党员评议`, `截止7月10日`.
    private static func splitAtDeadline(_ token: Token) -> [Token] {
        let scalars = token.norm
        for marker in ["截止", "截至"] {
            let m = Array(marker.unicodeScalars)
            guard scalars.count > m.count else { continue }
            for i in 1..<(scalars.count - m.count + 1) where Array(scalars[i..<(i + m.count)]) == m {
                return [token.prefix(uptoNorm: i), token.suffix(fromNorm: i)]
            }
        }
        return [token]
    }

    private func extraWords(_ tokens: [Token]) -> ParseError {
        let text = tokens.map(\.originalString).joined(separator: " ")
        return evaluationError(
            .invalidValue, .text,
            english
                ? "I did not expect “\(text)” here."
                : "这里不需要“\(text)”。")
    }

    private func evaluationError(_ kind: ParseError.Kind, _ argument: CommandArgument, _ message: String) -> ParseError
    {
        ParseError(
            kind: kind, intent: .evaluate, argument: argument, message: message,
            usage: english ? "/evaluate open Members until 2010-07-10" : "评议 开始 党员评议 截止 7月10日",
            english: english)
    }
}
