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
    /// 全部: the whole campaign.
    case allDates
    case branch(String)
}

/// How each typed argument's value is recognised, and resolved against the context (today, the timetable).
extension ArgumentReader {
    private var direction: DateDirection {
        switch kind {
        case .reportVisit, .submitWork: .backward
        case .lessons: .nearest
        default: .forward
        }
    }

    /// The value of `argument` at the start of `s`; `keyed` when it was given as `key:value`.
    func recognize(_ argument: CommandArgument, _ s: [Unicode.Scalar], keyed: Bool) -> Recognized<TypedValue>? {
        switch argument {
        case .date, .to:
            return recognizeDate(s)
        case .from:
            if let range = namedRange(s) { return .value(range, length: s.count) }
            return recognizeDate(s)
        case .period:
            return map(
                Recognizers.period(
                    s, morningPeriods: context.morningPeriods, maxPeriod: context.maxPeriod, bareNumber: keyed)
            ) { .period($0) }
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
            if kind == .withdraw || kind == .edit || kind == .attach || kind == .history {
                return map(Recognizers.recordID(s)) { .id($0) }
            }
            return map(Recognizers.lessonID(s)) { .id($0) }
        case .on:
            let words = kind == .confirmLesson ? Recognizers.heldWords : Recognizers.onOffWords
            return whole(s, map(Recognizers.word(s, words)) { .on($0) })
        case .branch:
            return Recognizers.branch(s).map { .value(.branch($0), length: s.count) }
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
                let last = CalendarDate(year: y, month: m, day: CalendarDate.daysIn(month: m, year: y))
            else { return nil }
            return .range(first, last)
        }
        if let range = monthRange(s) { return range }
        switch word {
        case "全部", "所有", "全部示范课", "所有示范课", "all": return .allDates
        case "本周", "这周", "本星期", "这星期", "这个星期", "this week": return week(0)
        case "下周", "下星期", "下个星期", "next week": return week(1)
        case "上周", "上星期", "上个星期", "last week": return week(-1)
        case "本月", "这个月", "this month": return month(0)
        case "下月", "下个月", "next month": return month(1)
        case "上月", "上个月", "last month": return month(-1)
        default: return nil
        }
    }

    /// 2011年5月, 5月, 五月份: the whole month (without a year, the next such month, this one included).
    private func monthRange(_ s: [Unicode.Scalar]) -> TypedValue? {
        var c = Cursor(s)
        var year: Int?
        if let y = c.digits(max: 4), y.count == 4, c.eat("年") { year = y.value } else { c = Cursor(s) }
        guard let month = c.number(maxDigits: 2), (1...12).contains(month), c.eat("月") else { return nil }
        _ = c.eat("份")
        guard c.atEnd else { return nil }
        let today = context.today
        let y = year ?? (month >= today.month ? today.year : today.year + 1)
        guard let first = CalendarDate(year: y, month: month, day: 1),
            let last = CalendarDate(year: y, month: month, day: CalendarDate.daysIn(month: month, year: y))
        else { return nil }
        return .range(first, last)
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
}
