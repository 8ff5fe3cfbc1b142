/// Whether a date without a year refers to the future (bookings), the past (reports), or whichever is nearer
/// (looking up a schedule: 10月1日到10月31日 in mid-October is this October).
enum DateDirection { case forward, backward, nearest }

extension Recognizers {
    /// Resolves a written date against today; nil when it can never exist (e.g. 2 月 29 日 for 8 years).
    static func resolve(_ spec: DateSpec, today: CalendarDate, direction: DateDirection) -> CalendarDate? {
        switch spec {
        case let .absolute(y, m, d):
            return CalendarDate(year: y, month: m, day: d)
        case let .monthDay(m, d):
            // The next (or latest) year in which the day exists: 2 月 29 日 is the next leap day, as the peers read it.
            if direction == .nearest {
                let candidates = [-1, 0, 1].compactMap { CalendarDate(year: today.year + $0, month: m, day: d) }
                return candidates.min { abs($0.dayNumber - today.dayNumber) < abs($1.dayNumber - today.dayNumber) }
            }
            let step = direction == .forward ? 1 : -1
            for k in 0..<9 {
                let year = today.year + k * step
                guard let date = CalendarDate(year: year, month: m, day: d) else { continue }
                if direction == .forward ? date >= today : date <= today { return date }
            }
            return nil
        case let .dayOnly(d):
            if direction == .nearest {
                let candidates = [-1, 0, 1].compactMap { k -> CalendarDate? in
                    var y = today.year, m = today.month + k
                    if m > 12 { m = 1; y += 1 } else if m < 1 { m = 12; y -= 1 }
                    return CalendarDate(year: y, month: m, day: d)
                }
                return candidates.min { abs($0.dayNumber - today.dayNumber) < abs($1.dayNumber - today.dayNumber) }
            }
            let step = direction == .forward ? 1 : -1
            var y = today.year, m = today.month
            for _ in 0..<13 {
                if let date = CalendarDate(year: y, month: m, day: d),
                    direction == .forward ? date >= today : date <= today
                {
                    return date
                }
                m += step
                if m > 12 { m = 1; y += 1 } else if m < 1 { m = 12; y -= 1 }
            }
            return nil
        case let .relative(days):
            return today.adding(days: days)
        case let .weekday(w, nil):
            let delta = direction == .backward ? -((today.weekday - w + 7) % 7) : (w - today.weekday + 7) % 7
            return today.adding(days: delta)
        case let .weekday(w, weekOffset?):
            return today.startOfWeek.adding(days: weekOffset * 7 + w - 1)
        case let .nthWeekday(month, weekday, n):
            let step = direction == .backward ? -1 : 1
            for k in 0..<2 {
                let date = nth(weekday, n, month: month, year: today.year + k * step)
                if direction == .forward ? date >= today : date <= today { return date }
            }
            return nil
        case let .relativeYear(years, .monthDay(m, d)):
            return CalendarDate(year: today.year + years, month: m, day: d)
        case let .relativeYear(years, .nthWeekday(month, weekday, n)):
            return nth(weekday, n, month: month, year: today.year + years)
        case .relativeYear:
            return nil
        case let .relativeMonth(months, day):
            var m = today.month + months, y = today.year
            if m > 12 { m -= 12; y += 1 } else if m < 1 { m += 12; y -= 1 }
            return CalendarDate(year: y, month: m, day: day)
        }
    }

    private static func nth(_ weekday: Int, _ n: Int, month: Int, year: Int) -> CalendarDate {
        let first = CalendarDate(year: year, month: month, day: 1) ?? CalendarDate(dayNumber: 0)
        return first.adding(days: (weekday - first.weekday + 7) % 7 + 7 * (n - 1))
    }
}

extension ArgumentReader {
    /// A bare weekday (周四, 星期四, 礼拜四, in brackets or not) at the start of `s`: its number 1…7 and length.
    func confirmingWeekday(_ s: [Unicode.Scalar]) -> (value: Int, length: Int)? {
        var c = Cursor(s)
        let open = c.eatOne(of: "([")
        guard case .value(.weekday(let weekday, nil), let length)? = Recognizers.date(Array(s[c.i...])) else {
            return nil
        }
        c.i += length
        if open != nil { guard c.eatOne(of: ")]") != nil else { return nil } }
        return (weekday, c.i)
    }

    /// `3.1` (a section number in a topic): digits, one dot, digits, nothing else.
    func isDottedNumber(_ s: [Unicode.Scalar]) -> Bool {
        var c = Cursor(s)
        guard c.digits(max: 2) != nil, c.eat("."), c.digits(max: 2) != nil else { return false }
        return c.atEnd
    }
}

extension ArgumentReader {
    /// A date written with its weekday, either way round: `9月14日（周二）` or `周二（9月14日）`. The date and the
    /// length read; an error when the weekday contradicts the date or the date cannot exist; nil when the word does not
    /// start so.
    func datedWeekday(_ token: Token) -> Result<(CalendarDate, Int), ParseError>? {
        let s = token.norm
        if let weekday = confirmingWeekday(s) {
            var c = Cursor(s, at: weekday.length)
            guard c.eatOne(of: "([") != nil else { return nil }
            let start = c.i
            guard let close = s[start...].firstIndex(where: { $0 == ")" || $0 == "]" }) else { return nil }
            switch recognize(.date, Array(s[start..<close]), keyed: true) {
            case .value(.date(let date), let length)? where length == close - start:
                guard date.weekday == weekday.value else {
                    return .failure(contradictingWeekday(date, token.prefix(uptoNorm: weekday.length).originalString))
                }
                return .success((date, close + 1))
            case .invalid?:
                return .failure(invalid(.date, String(String.UnicodeScalarView(s[start..<close]))))
            default:
                return nil
            }
        }
        guard case .value(.date(let date), let length)? = recognize(.date, s, keyed: true), length < s.count,
            let weekday = confirmingWeekday(Array(s[length...]))
        else { return nil }
        guard date.weekday == weekday.value else {
            let text = token.suffix(fromNorm: length).prefix(uptoNorm: weekday.length).originalString
            return .failure(contradictingWeekday(date, text))
        }
        return .success((date, length + weekday.length))
    }
}
