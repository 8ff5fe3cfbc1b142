/// A typed argument value, compared to detect a second, different value for the same argument.
enum TypedValue: Equatable {
    case date(CalendarDate)
    case period(Int)
    case className(String)
    case level(LessonLevel)
    case star(Star)
    case kind(WorkKind)
    case mode(VisitMode)
    case id(String)
    case on(Bool)
    case by(StatsDimension)
    case what(MissingTarget)
    case topic(IntentKind)
    case range(CalendarDate, CalendarDate)
}

/// Reads the arguments of one command: `key:value` pairs, typed values by shape (in any order, glued or
/// spaced), and the remaining words as free text.
struct ArgumentReader {
    let kind: IntentKind
    let keyword: String
    let context: ParseContext
    let english: Bool

    private var typed: [CommandArgument: TypedValue] = [:]
    private var keyed: [CommandArgument: [Token]] = [:]
    private var free: [Token] = []

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
        case .stats: [.by]
        case .missing: [.what]
        case .bind, .progress, .calendar, .export, .broadcast: []
        }
    }

    /// Free-text arguments: single-word ones first, then the one that takes the rest.
    private var freeArguments: (single: [CommandArgument], rest: CommandArgument?) {
        switch kind {
        case .bind: ([.who, .code], nil)
        case .pledge, .broadcast: ([], .text)
        case .bookLesson: ([], .topic)
        case .reportVisit: ([.student], .note)
        case .submitWork: ([], .title)
        default: ([], nil)
        }
    }

    private var direction: DateDirection {
        switch kind {
        case .reportVisit, .submitWork: .backward
        case .lessons: .nearest
        default: .forward
        }
    }

    mutating func read(_ tokens: [Token]) -> Result<Intent, ParseError> {
        var i = 0
        while i < tokens.count {
            var token = tokens[i]
            i += 1
            if kind == .lessons { token = dropRangeConnector(token) }
            if token.norm.isEmpty { continue }
            if let colon = token.norm.firstIndex(of: ":"), colon > 0,
               let argument = CommandArgument.keys[String(String.UnicodeScalarView(token.norm[..<colon]))],
               accepts(argument) {
                var value = token.suffix(fromNorm: colon + 1)
                value.separatorBefore = ""
                if value.norm.isEmpty {
                    guard i < tokens.count else { return .failure(missing(argument)) }
                    value = tokens[i]
                    i += 1
                }
                if typedArguments.contains(argument) || argument == .to {
                    if let error = readKeyedTyped(argument, value) { return .failure(error) }
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
                continue
            }
            if let error = readByShape(token) { return .failure(error) }
        }
        return build()
    }

    private func accepts(_ argument: CommandArgument) -> Bool {
        typedArguments.contains(argument) || freeArguments.single.contains(argument) || freeArguments.rest == argument
            || (kind == .lessons && argument == .to)
    }

    private func isKeyToken(_ token: Token) -> Bool {
        guard let colon = token.norm.firstIndex(of: ":"), colon > 0,
              let argument = CommandArgument.keys[String(String.UnicodeScalarView(token.norm[..<colon]))] else { return false }
        return accepts(argument)
    }

    /// `到`, `至`, `~`, `-` between the two dates of a range.
    private func dropRangeConnector(_ token: Token) -> Token {
        if token.normString == "to" { return token.suffix(fromNorm: 2) }
        var c = Cursor(token.norm)
        return c.eatAny(["到", "至", "~", "-"]) != nil ? token.suffix(fromNorm: c.i) : token
    }

    // MARK: typed values

    /// A value given as `key:value` must be entirely that value.
    private mutating func readKeyedTyped(_ argument: CommandArgument, _ token: Token) -> ParseError? {
        switch recognize(argument, token.norm, keyed: true) {
        case .value(let value, let length)? where length == token.norm.count:
            return store(argument, value, token: token)
        case .invalid(_, "ambiguous")?:
            return ambiguousOrder(argument, token.originalString)
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
            for argument in typedArguments {
                guard let result = recognize(argument, token.norm, keyed: false) else { continue }
                switch result {
                case .invalid(let length, let reason):
                    let text = token.prefix(uptoNorm: length).originalString
                    return reason == "ambiguous" ? ambiguousOrder(argument, text) : invalid(argument, text)
                case .value(let value, let length):
                    let isWhole = length == token.norm.count
                    if kind != .lessons, let existing = typed[argument] {
                        if existing == value {
                            token = token.suffix(fromNorm: length)
                            continue peeling
                        }
                        if isWhole { return ambiguous(argument, token.originalString) }
                        continue
                    }
                    if let error = store(argument, value, token: token) { return error }
                    token = token.suffix(fromNorm: length)
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
            case (.range, nil, _): typed[.from] = value
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

    private func recognize(_ argument: CommandArgument, _ s: [Unicode.Scalar], keyed: Bool) -> Recognized<TypedValue>? {
        switch argument {
        case .date, .to:
            return recognizeDate(s)
        case .from:
            if let range = namedRange(s) { return .value(range, length: s.count) }
            return recognizeDate(s)
        case .period:
            return map(Recognizers.period(s, morningPeriods: context.morningPeriods, maxPeriod: context.maxPeriod, bareNumber: keyed)) { .period($0) }
        case .class:
            return map(Recognizers.className(s, requireSuffix: !keyed)) { .className($0) }
        case .level:
            return whole(s, map(Recognizers.word(s, LessonLevel.words)) { .level($0) })
        case .star:
            let glued = Recognizers.word(s, Star.words.filter { $0.0.hasSuffix("之星") })
            if let glued, keyed == false { return map(glued) { .star($0) } }
            return whole(s, map(Recognizers.word(s, Star.words)) { .star($0) })
        case .kind:
            return map(Recognizers.word(s, WorkKind.words)) { .kind($0) }
        case .mode:
            return whole(s, map(Recognizers.word(s, VisitMode.words)) { .mode($0) })
        case .id:
            return map(Recognizers.lessonID(s)) { .id($0) }
        case .on:
            return whole(s, map(Recognizers.word(s, Recognizers.onOffWords)) { .on($0) })
        case .by:
            return whole(s, map(Recognizers.word(s, StatsDimension.words)) { .by($0) })
        case .what:
            return whole(s, map(Recognizers.word(s, MissingTarget.words)) { .what($0) })
        case .topic:
            let word = String(String.UnicodeScalarView(s))
            return IntentKind(name: word).map { .value(.topic($0), length: s.count) }
        default:
            return nil
        }
    }

    private func recognizeDate(_ s: [Unicode.Scalar]) -> Recognized<TypedValue>? {
        switch Recognizers.date(s) {
        case nil: return nil
        case .invalid(let length, let reason)?: return .invalid(length: length, reason: reason)
        case .value(let spec, let length)?:
            guard let date = Recognizers.resolve(spec, today: context.today, direction: direction) else {
                return .invalid(length: length, reason: "date")
            }
            return .value(.date(date), length: length)
        }
    }

    /// 本周 / 下周 / 上周 / 本月 / 下月 / 上月 (and English) for the lesson schedule.
    private func namedRange(_ s: [Unicode.Scalar]) -> TypedValue? {
        let today = context.today
        let monday = today.startOfWeek
        let word = String(String.UnicodeScalarView(s))
        func week(_ k: Int) -> TypedValue { .range(monday.adding(days: 7 * k), monday.adding(days: 7 * k + 6)) }
        func month(_ k: Int) -> TypedValue? {
            var y = today.year, m = today.month + k
            if m > 12 { m -= 12; y += 1 } else if m < 1 { m += 12; y -= 1 }
            guard let first = CalendarDate(year: y, month: m, day: 1),
                  let last = CalendarDate(year: y, month: m, day: CalendarDate.daysIn(month: m, year: y)) else { return nil }
            return .range(first, last)
        }
        switch word {
        case "本周", "这周", "本星期", "这星期", "这个星期", "this week": return week(0)
        case "下周", "下星期", "下个星期", "next week": return week(1)
        case "上周", "上星期", "上个星期", "last week": return week(-1)
        case "本月", "这个月", "this month": return month(0)
        case "下月", "下个月", "next month": return month(1)
        case "上月", "上个月", "last month": return month(-1)
        default: return nil
        }
    }

    private func map<V>(_ r: Recognized<V>?, _ f: (V) -> TypedValue) -> Recognized<TypedValue>? {
        switch r {
        case nil: nil
        case .value(let v, let length)?: .value(f(v), length: length)
        case .invalid(let length, let reason)?: .invalid(length: length, reason: reason)
        }
    }

    /// Short words (德育, 电话, 开) only count as a whole word, so they are never cut out of free text.
    private func whole(_ s: [Unicode.Scalar], _ r: Recognized<TypedValue>?) -> Recognized<TypedValue>? {
        if case .value(_, let length)? = r, length != s.count { return nil }
        return r
    }

    // MARK: building the intent

    private func text(_ argument: CommandArgument) -> String? {
        guard let words = keyed[argument], !words.isEmpty else { return nil }
        let joined = Token.joinFree(words)
        return joined.isEmpty ? nil : joined
    }

    private func build() -> Result<Intent, ParseError> {
        // Positional free words fill the single-word arguments first, then the rest argument.
        var positional = free
        var texts: [CommandArgument: String] = [:]
        for argument in freeArguments.single {
            if let given = text(argument) {
                texts[argument] = given
            } else if !positional.isEmpty {
                texts[argument] = Token.joinFree([positional.removeFirst()])
            }
        }
        if let rest = freeArguments.rest {
            let words = (keyed[rest] ?? []) + positional
            let joined = Token.joinFree(words)
            if !joined.isEmpty { texts[rest] = joined }
            positional = []
        }
        func value(_ a: CommandArgument) -> TypedValue? { typed[a] }

        switch kind {
        case .help:
            if let word = positional.first { return .failure(invalid(.topic, word.originalString)) }
            if case .topic(let k)? = value(.topic) { return .success(.help(topic: k)) }
            return .success(.help(topic: nil))
        case .bind:
            guard let who = texts[.who] else { return .failure(missing(.who)) }
            guard let code = texts[.code] else { return .failure(missing(.code)) }
            return .success(.bind(who: who, code: code.uppercased()))
        case .pledge:
            guard case .star(let star)? = value(.star) else { return .failure(missing(.star)) }
            guard let text = texts[.text] else { return .failure(missing(.text)) }
            return .success(.pledge(star: star, text: text))
        case .bookLesson:
            guard case .date(let date)? = value(.date) else { return .failure(missing(.date)) }
            guard case .period(let period)? = value(.period) else { return .failure(missing(.period)) }
            guard case .className(let className)? = value(.class) else { return .failure(missing(.class)) }
            var level = LessonLevel.group
            if case .level(let l)? = value(.level) { level = l }
            return .success(.bookLesson(LessonRequest(date: date, period: period, className: className, topic: texts[.topic], level: level)))
        case .cancelLesson, .nominate:
            guard case .id(let id)? = value(.id) else {
                if let word = positional.first { return .failure(invalid(.id, word.originalString)) }
                return .failure(missing(.id))
            }
            return .success(kind == .cancelLesson ? .cancelLesson(id: id) : .nominate(id: id))
        case .reportVisit:
            guard case .date(let date)? = value(.date) else { return .failure(missing(.date)) }
            guard let student = texts[.student] else { return .failure(missing(.student)) }
            var mode: VisitMode?
            if case .mode(let m)? = value(.mode) { mode = m }
            return .success(.reportVisit(VisitReport(date: date, student: student, mode: mode, note: texts[.note])))
        case .submitWork:
            guard case .kind(let kind)? = value(.kind) else { return .failure(missing(.kind)) }
            guard let title = texts[.title] else { return .failure(missing(.title)) }
            return .success(.submitWork(kind: kind, title: title))
        case .progress: return .success(.progress)
        case .calendar: return .success(.calendar)
        case .export: return .success(.export)
        case .lessons:
            if let word = positional.first { return .failure(invalid(.from, word.originalString)) }
            guard case .range(let from, let rangeEnd)? = value(.from) else { return .success(.lessons(from: nil, to: nil)) }
            var to = rangeEnd
            if case .date(let d)? = value(.to) { to = d }
            guard from <= to else { return .failure(invalid(.to, to.description)) }
            return .success(.lessons(from: from, to: to))
        case .remind:
            guard case .on(let on)? = value(.on) else {
                if let word = positional.first { return .failure(invalid(.on, word.originalString)) }
                return .failure(missing(.on))
            }
            return .success(.remind(on: on))
        case .stats:
            if let word = positional.first { return .failure(invalid(.by, word.originalString)) }
            guard case .by(let by)? = value(.by) else { return .success(.stats(by: .branch)) }
            return .success(.stats(by: by))
        case .missing:
            if let word = positional.first { return .failure(invalid(.what, word.originalString)) }
            guard case .what(let what)? = value(.what) else {
                return keyword == "未申报" ? .success(.missing(what: .pledge)) : .failure(missing(.what))
            }
            return .success(.missing(what: what))
        case .broadcast:
            guard let text = texts[.text] else { return .failure(missing(.text)) }
            return .success(.broadcast(text: text))
        }
    }

    // MARK: errors

    private var usage: String { kind.example(english: english) }

    private func missing(_ argument: CommandArgument) -> ParseError {
        ParseError(kind: .missingArgument, intent: kind, argument: argument,
                   message: Messages.missing(kind, argument, english: english), usage: usage, english: english)
    }

    private func invalid(_ argument: CommandArgument, _ text: String) -> ParseError {
        ParseError(kind: .invalidValue, intent: kind, argument: argument,
                   message: Messages.invalid(kind, argument, text, english: english), usage: usage, english: english)
    }

    /// 1/2/2020 reads as 1 月 2 日 or as 2 月 1 日.
    private func ambiguousOrder(_ argument: CommandArgument, _ text: String) -> ParseError {
        let message = english
            ? "“\(text)” could be month/day or day/month. Please write it as YYYY-MM-DD."
            : "“\(text)”既可读作月/日也可读作日/月，请写成 2010年10月12日 或 2010-10-12。"
        return ParseError(kind: .ambiguous, intent: kind, argument: argument, message: message, usage: usage, english: english)
    }

    private func ambiguous(_ argument: CommandArgument, _ text: String) -> ParseError {
        let message = english
            ? "I found more than one \(argument.englishName) (“\(text)” is the second). Please give just one."
            : "\(argument.chineseName)写了不止一个（“\(text)”是第二个），请只写一个。"
        return ParseError(kind: .ambiguous, intent: kind, argument: argument, message: message, usage: usage, english: english)
    }
}
