/// A date as written, before it is resolved against today.
enum DateSpec: Equatable {
    case absolute(year: Int, month: Int, day: Int)
    case monthDay(month: Int, day: Int)
    case dayOnly(Int)
    case relative(days: Int)
    /// `weekOffset` nil for a bare weekday (周三), 0 for this week, 1 next, -1 previous.
    case weekday(Int, weekOffset: Int?)
    /// The n-th given weekday of a month (母亲节).
    case nthWeekday(month: Int, weekday: Int, n: Int)
    /// A month-day or n-th weekday in the year `years` from today's (今年, 去年, 明年).
    indirect case relativeYear(Int, DateSpec)
    /// A day of the month `months` from today's (本月10日, 下个月9号).
    case relativeMonth(Int, day: Int)
}

/// Dates as written: numeric (2010-07-01, 7月1日, 7/1), relative (明天), weekdays (下周三, next friday),
/// holidays (国庆, 母亲节) and year- or month-relative ones (去年元旦, 下个月9号). DateResolver.swift turns them
/// into calendar dates.
extension Recognizers {
    static let relativeWords: [(String, Int)] = [
        ("大前天", -3), ("前天", -2), ("昨天", -1), ("昨日", -1), ("今天", 0), ("今日", 0),
        ("明天", 1), ("明日", 1), ("后天", 2), ("大后天", 3), ("本日", 0),
    ]
    static let englishRelative: [String: Int] = ["today": 0, "tomorrow": 1, "yesterday": -1]
    static let holidays: [(String, Int, Int)] = [
        ("七一", 7, 1), ("建党节", 7, 1), ("八一", 8, 1), ("建军节", 8, 1), ("五一", 5, 1), ("劳动节", 5, 1),
        ("六一", 6, 1), ("儿童节", 6, 1), ("教师节", 9, 10), ("国庆节", 10, 1), ("国庆", 10, 1), ("十一", 10, 1),
        ("元旦节", 1, 1), ("元旦", 1, 1), ("新年", 1, 1), ("情人节", 2, 14), ("妇女节", 3, 8), ("三八", 3, 8),
        ("植树节", 3, 12), ("青年节", 5, 4), ("五四", 5, 4), ("平安夜", 12, 24), ("圣诞节", 12, 25), ("圣诞", 12, 25),
    ]
    /// Holidays on the n-th weekday of a month: 母亲节 (2nd Sunday of May), 父亲节 (3rd Sunday of June).
    static let weekdayHolidays: [(String, month: Int, weekday: Int, n: Int)] = [("母亲节", 5, 7, 2), ("父亲节", 6, 7, 3)]
    static let yearWords: [(String, Int)] = [("前年", -2), ("去年", -1), ("今年", 0), ("明年", 1), ("后年", 2)]
    static let monthWords: [(String, Int)] = [
        ("本月", 0), ("这个月", 0), ("这月", 0), ("上个月", -1), ("上月", -1), ("下个月", 1), ("下月", 1),
    ]
    static let englishWeekdays: [String: Int] = [
        "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
        "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
        "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
    ]

    static func date(_ s: [Unicode.Scalar]) -> Recognized<DateSpec>? {
        if let r = numericDate(s) { return r }
        if let r = prefixedDate(s) { return r }
        var c = Cursor(s)
        if let word = c.eatAny(relativeWords.map(\.0)), let days = relativeWords.first(where: { $0.0 == word })?.1 {
            return .value(.relative(days: days), length: c.i)
        }
        if let w = chineseWeekday(s) { return w }
        c = Cursor(s)
        if let name = c.eatAny(weekdayHolidays.map(\.0)), let h = weekdayHolidays.first(where: { $0.0 == name }) {
            return .value(.nthWeekday(month: h.month, weekday: h.weekday, n: h.n), length: c.i)
        }
        if let name = c.eatAny(holidays.map(\.0)), let h = holidays.first(where: { $0.0 == name }) {
            // 十一月 is a month, 七一班 is not a date: a holiday must not run into a number or unit.
            if let next = c.peek, Numerals.value(of: next) != nil || "月日号班节0123456789".unicodeScalars.contains(next) {
                return nil
            }
            return .value(.monthDay(month: h.1, day: h.2), length: c.i)
        }
        return englishDate(s)
    }

    /// 今年圣诞节, 去年元旦, 明年7月1日 (year relative to today) and 本月10日, 下个月9号 (month relative).
    private static func prefixedDate(_ s: [Unicode.Scalar]) -> Recognized<DateSpec>? {
        var c = Cursor(s)
        if let word = c.eatAny(yearWords.map(\.0)), let years = yearWords.first(where: { $0.0 == word })?.1 {
            let rest = Array(s[c.i...])
            var inner: Recognized<DateSpec>?
            if let r = numericDate(rest) {
                inner = r
            } else {
                var h = Cursor(rest)
                if let name = h.eatAny(holidays.map(\.0)), let hd = holidays.first(where: { $0.0 == name }) {
                    inner = .value(.monthDay(month: hd.1, day: hd.2), length: h.i)
                } else if let name = h.eatAny(weekdayHolidays.map(\.0)),
                    let hd = weekdayHolidays.first(where: { $0.0 == name })
                {
                    inner = .value(.nthWeekday(month: hd.month, weekday: hd.weekday, n: hd.n), length: h.i)
                }
            }
            switch inner {
            case .value(.monthDay(let m, let d), let length)?:
                return .value(.relativeYear(years, .monthDay(month: m, day: d)), length: c.i + length)
            case .value(.nthWeekday(let m, let w, let n), let length)?:
                return .value(.relativeYear(years, .nthWeekday(month: m, weekday: w, n: n)), length: c.i + length)
            case .invalid(let length, let reason)?:
                return .invalid(length: c.i + length, reason: reason)
            default:
                return nil
            }
        }
        c = Cursor(s)
        if let word = c.eatAny(monthWords.map(\.0)), let months = monthWords.first(where: { $0.0 == word })?.1 {
            guard let d = c.number(maxDigits: 2), c.eatOne(of: "日号") != nil else { return nil }
            guard (1...31).contains(d) else { return .invalid(length: c.i, reason: "date") }
            return .value(.relativeMonth(months, day: d), length: c.i)
        }
        return nil
    }

    private static func numericDate(_ s: [Unicode.Scalar]) -> Recognized<DateSpec>? {
        var c = Cursor(s)
        guard let first = c.number() else { return nil }
        let firstEnd = c.i
        let firstIsYear = firstEnd == 4 && first >= 1000
        // 2010-07-01, 2010/7/1, 2010.7.1
        if firstIsYear, let sep = c.eatOne(of: "-/.") {
            guard let m = c.digits(max: 2), c.eat(String(sep)), let d = c.digits(max: 2) else { return nil }
            if let next = c.peek, next.properties.numericType != nil { return nil }
            return check(.absolute(year: first, month: m.value, day: d.value), length: c.i)
        }
        // 2010年7月1日
        if c.eat("年") {
            guard firstIsYear || first >= 1000, let m = c.number(maxDigits: 2), c.eat("月"),
                let d = c.number(maxDigits: 2)
            else { return nil }
            _ = c.eatOne(of: "日号")
            return check(.absolute(year: first, month: m, day: d), length: c.i)
        }
        // 7月1日, 七月一号, 7月1
        if c.eat("月") {
            guard let d = c.number(maxDigits: 2) else { return nil }
            _ = c.eatOne(of: "日号")
            return check(.monthDay(month: first, day: d), length: c.i)
        }
        // 12日, 12号
        if c.eatOne(of: "日号") != nil {
            guard (1...31).contains(first) else { return .invalid(length: c.i, reason: "day") }
            return .value(.dayOnly(first), length: c.i)
        }
        // 7/1, 7-1, 7.1 (digits only)
        guard firstEnd <= 2, s[0].value < 0x80, let sep = c.eatOne(of: "/-.·") else { return nil }
        guard let d = c.digits(max: 2) else { return nil }
        if c.peek == sep, sep != "·" {
            // 10/31/1974 (month first) or 31/10/1974 (day first): only when the order is clear.
            c.i += 1
            guard let y = c.digits(max: 4), y.count == 4,
                c.atEnd || c.peek.map({ !($0.value >= 0x30 && $0.value <= 0x39) }) == true
            else { return nil }
            if first <= 12 && d.value <= 12 && first != d.value { return .invalid(length: c.i, reason: "ambiguous") }
            let (m, day) = first > 12 ? (d.value, first) : (first, d.value)
            return check(.absolute(year: y.value, month: m, day: day), length: c.i)
        }
        if let next = c.peek, next.value >= 0x30 && next.value <= 0x39 { return nil }
        return check(.monthDay(month: first, day: d.value), length: c.i)
    }

    private static func check(_ spec: DateSpec, length: Int) -> Recognized<DateSpec> {
        switch spec {
        case let .absolute(y, m, d):
            return CalendarDate(year: y, month: m, day: d) == nil
                ? .invalid(length: length, reason: "date") : .value(spec, length: length)
        case let .monthDay(m, d):
            // Valid in some year (2 月 29 日 included); 2 月 30 日 never.
            return CalendarDate(year: 2000, month: m, day: d) == nil
                ? .invalid(length: length, reason: "date") : .value(spec, length: length)
        default:
            return .value(spec, length: length)
        }
    }

    private static func chineseWeekday(_ s: [Unicode.Scalar]) -> Recognized<DateSpec>? {
        var c = Cursor(s)
        var offset: Int?
        if c.eat("下下") {
            offset = 2
        } else if c.eat("上上") {
            offset = -2
        } else if c.eat("下") {
            offset = 1
        } else if c.eat("上") {
            offset = -1
        } else if c.eat("本") || c.eat("这") {
            offset = 0
        }
        if offset != nil { _ = c.eat("个") }
        guard c.eatAny(["周", "星期", "礼拜"]) != nil else { return nil }
        if offset != nil { _ = c.eatAny(["周", "星期", "礼拜"]) }  // 下周周六
        guard let d = c.peek else { return nil }
        let day: Int
        switch d {
        case "日", "天", "七", "7": day = 7
        default:
            guard let v = Numerals.value(of: d) ?? (d.value >= 0x31 && d.value <= 0x36 ? Int(d.value - 0x30) : nil),
                (1...6).contains(v)
            else { return nil }
            day = v
        }
        c.i += 1
        return .value(.weekday(day, weekOffset: offset), length: c.i)
    }

    private static func englishDate(_ s: [Unicode.Scalar]) -> Recognized<DateSpec>? {
        let word = String(String.UnicodeScalarView(s))
        if let days = englishRelative[word] { return .value(.relative(days: days), length: s.count) }
        let parts = word.split(separator: " ")
        if parts.count == 1, let d = englishWeekdays[word] {
            return .value(.weekday(d, weekOffset: nil), length: s.count)
        }
        if parts.count == 2, let d = englishWeekdays[String(parts[1])] {
            switch parts[0] {
            case "next": return .value(.weekday(d, weekOffset: 1), length: s.count)
            case "last": return .value(.weekday(d, weekOffset: -1), length: s.count)
            case "this": return .value(.weekday(d, weekOffset: 0), length: s.count)
            default: return nil
            }
        }
        return nil
    }
}
