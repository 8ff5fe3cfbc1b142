/// Reads the arguments of one command: `key:value` pairs, typed values by shape (in any order, glued or
/// spaced), and the remaining words as free text. What each typed argument looks like is in TypedValue.swift,
/// how the words become an `Intent` in IntentBuilder.swift, the error replies in ArgumentErrors.swift.
struct ArgumentReader {
    let kind: IntentKind
    let keyword: String
    let context: ParseContext
    let english: Bool

    private(set) var typed: [CommandArgument: TypedValue] = [:]
    private(set) var keyed: [CommandArgument: [Token]] = [:]
    private(set) var free: [Token] = []

    init(kind: IntentKind, keyword: String, context: ParseContext, english: Bool) {
        self.kind = kind
        self.keyword = keyword
        self.context = context
        self.english = english
    }

    /// Typed arguments this command recognises by shape, in the order they are tried.
    private var typedArguments: [CommandArgument] {
        switch kind {
        case .help: [.topic]
        case .pledge: [.star]
        case .bookLesson: [.date, .period, .class, .level]
        case .cancelLesson, .nominate: [.id]
        case .reportVisit: [.date, .mode]
        case .submitWork: [.kind]
        case .lessons: [.from]
        case .remind: [.on]
        case .stats: [.by, .branch]
        case .missing: [.what, .branch]
        case .broadcast: [.branch]
        case .withdraw, .history: [.id]
        case .confirmLesson: [.id, .on]
        case .bind, .progress, .calendar, .export, .myVisits, .edit, .benchmark, .award: []
        case .attach: [.id]
        case .report, .web: []
        case .evaluate: []
        }
    }

    /// Free-text arguments: single-word ones first, then the one that takes the rest.
    var freeArguments: (single: [CommandArgument], rest: CommandArgument?) {
        switch kind {
        case .bind: ([.who, .code], nil)
        case .pledge, .broadcast: ([], .text)
        case .bookLesson: ([], .topic)
        case .reportVisit: ([.student], .note)
        case .submitWork: ([], .title)
        default: ([], nil)
        }
    }

    /// Label words without a colon (`标题 新标题`) name the next word's argument; only in corrections.
    var labelWords = false

    mutating func read(_ tokens: [Token]) -> Result<Intent, ParseError> {
        if kind == .edit { return readEdit(tokens) }
        if kind == .benchmark { return .success(readBenchmark(tokens)) }
        if kind == .award { return readAward(tokens) }
        if kind == .evaluate { return readEvaluation(tokens) }
        if let error = scan(tokens) { return .failure(error) }
        return build()
    }

    /// Sorts every word into `typed`, `keyed` or `free`.
    mutating func scan(_ tokens: [Token]) -> ParseError? {
        var i = 0
        while i < tokens.count {
            var token = tokens[i]
            i += 1
            if kind == .lessons { token = dropRangeConnector(token) }
            if token.norm.isEmpty { continue }
            var argument: CommandArgument?
            var value = token
            if let colon = token.norm.firstIndex(of: ":"), colon > 0,
                let named = CommandArgument.keys[String(String.UnicodeScalarView(token.norm[..<colon]))], accepts(named)
            {
                argument = named
                value = token.suffix(fromNorm: colon + 1)
            } else if labelWords, let named = CommandArgument.keys[token.normString], accepts(named), i < tokens.count {
                argument = named
                value = token.suffix(fromNorm: token.norm.count)
            }
            guard let argument else {
                if let error = readByShape(token) { return error }
                continue
            }
            value.separatorBefore = ""
            if value.norm.isEmpty {
                guard i < tokens.count else { return missing(argument) }
                value = tokens[i]
                i += 1
            }
            if typedArguments.contains(argument) || argument == .to {
                if let error = readKeyedTyped(argument, value) { return error }
            } else if argument == freeArguments.rest {
                var words = [value]
                while i < tokens.count, !isKeyToken(tokens[i]) {
                    words.append(tokens[i])
                    i += 1
                }
                keyed[argument, default: []] += words
            } else {
                keyed[argument, default: []].append(value)
            }
        }
        return nil
    }

    private func accepts(_ argument: CommandArgument) -> Bool {
        typedArguments.contains(argument) || freeArguments.single.contains(argument) || freeArguments.rest == argument
            || (kind == .lessons && argument == .to)
    }

    private func isKeyToken(_ token: Token) -> Bool {
        guard let colon = token.norm.firstIndex(of: ":"), colon > 0,
            let argument = CommandArgument.keys[String(String.UnicodeScalarView(token.norm[..<colon]))]
        else { return false }
        return accepts(argument)
    }

    /// `到`, `至`, `~`, `-` between the two dates of a range.
    private func dropRangeConnector(_ token: Token) -> Token {
        if token.normString == "to" { return token.suffix(fromNorm: 2) }
        var c = Cursor(token.norm)
        return c.eatAny(["到", "至", "~", "-"]) != nil ? token.suffix(fromNorm: c.i) : token
    }

    // MARK: reading values by shape

    /// A value given as `key:value` must be entirely that value.
    private mutating func readKeyedTyped(_ argument: CommandArgument, _ token: Token) -> ParseError? {
        if argument == .date || argument == .to || argument == .from {
            // 日期：9月14日（周二）, 日期：周二（9月14日）: the weekday beside the date checks it.
            switch datedWeekday(token) {
            case .none: break
            case .failure(let error)?: return error
            case .success(let (date, length))? where length == token.norm.count:
                return store(argument, .date(date), token: token)
            case .success?: return invalid(argument, token.originalString)
            }
        }
        switch recognize(argument, token.norm, keyed: true) {
        case .value(let value, let length)? where length == token.norm.count:
            return store(argument, value, token: token)
        case .invalid(_, "ambiguous")?:
            return ambiguousOrder(argument, token.originalString)
        case .invalid(_, "classes")?:
            return twoClasses(token.originalString)
        default:
            return invalid(argument, token.originalString)
        }
    }

    /// Peels typed values off the front of a word; what is left is free text.
    private mutating func readByShape(_ whole: Token) -> ParseError? {
        var token = whole
        peeling: while !token.norm.isEmpty {
            if kind == .lessons {
                token = dropRangeConnector(token)
                if token.norm.isEmpty { break }
            }
            if kind != .lessons, typedArguments.contains(.date), typed[.date] == nil,
                let weekday = confirmingWeekday(token.norm), weekday.length < token.norm.count
            {
                // 周二（9月14日）: the date is the one in brackets, checked against the weekday before it.
                switch datedWeekday(token) {
                case .none: break
                case .failure(let error)?: return error
                case .success(let (date, length))?:
                    if let error = store(.date, .date(date), token: token) { return error }
                    token = token.suffix(fromNorm: length)
                    continue peeling
                }
            }
            for argument in typedArguments {
                // 通知 数学支部 …: a branch only as the first word of a notice.
                if kind == .broadcast, argument == .branch, !free.isEmpty || typed[.branch] != nil { continue }
                guard let result = recognize(argument, token.norm, keyed: false) else { continue }
                switch result {
                case .invalid(let length, let reason):
                    let text = token.prefix(uptoNorm: length).originalString
                    if reason == "classes" { return twoClasses(text) }
                    return reason == "ambiguous" ? ambiguousOrder(argument, text) : invalid(argument, text)
                case .value(let value, let length):
                    let isWhole = length == token.norm.count
                    if kind != .lessons, let existing = typed[argument] {
                        if case .date(let date) = existing, let weekday = confirmingWeekday(token.norm),
                            weekday.length == token.norm.count
                        {
                            // 10月21日 周四: the weekday beside the date confirms it.
                            if weekday.value != date.weekday { return contradictingWeekday(date, token.originalString) }
                            token = token.suffix(fromNorm: weekday.length)
                            continue peeling
                        }
                        // A word read twice after free text began (`/submit summary My summary`) is part of the text;
                        // so is a second date-like number in a topic (`3.1 数列`).
                        if !free.isEmpty && (argument.isWord || argument == .date)
                            || argument == .date && isDottedNumber(token.norm)
                        {
                            continue
                        }
                        if existing == value {
                            token = token.suffix(fromNorm: length)
                            continue peeling
                        }
                        if isWhole { return ambiguous(argument, token.originalString) }
                        continue
                    }
                    if let error = store(argument, value, token: token) { return error }
                    token = token.suffix(fromNorm: length)
                    // 申报德育之星：写一篇…, 提交 精品课：函数复习 — a colon after the word it labels.
                    if argument.isWord, token.norm.first == ":" { token = token.suffix(fromNorm: 1) }
                    if case .date(let date) = value, let weekday = confirmingWeekday(token.norm) {
                        // 10月21日(周四), 2010年10月21日（星期四）
                        if weekday.value != date.weekday {
                            return contradictingWeekday(date, token.prefix(uptoNorm: weekday.length).originalString)
                        }
                        token = token.suffix(fromNorm: weekday.length)
                    }
                    continue peeling
                }
            }
            free.append(token)
            break
        }
        return nil
    }

    private mutating func store(_ argument: CommandArgument, _ value: TypedValue, token: Token) -> ParseError? {
        if kind == .lessons, argument != .to {
            // The first date (or a named range) starts the range, a second date ends it.
            switch (value, typed[.from], typed[.to]) {
            case (.date(let d), nil, _): typed[.from] = .range(d, d)
            case (.date, _?, nil): typed[.to] = value
            case (.range, nil, _), (.allDates, nil, nil): typed[.from] = value
            default: return ambiguous(.date, token.originalString)
            }
            return nil
        }
        if let existing = typed[argument], existing != value {
            return ambiguous(argument, token.originalString)
        }
        typed[argument] = value
        return nil
    }
}
