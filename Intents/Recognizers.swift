/// Shape recognisers for typed values. Each looks at the start of a normalised token and returns how much
/// it consumed, so glued input like `10月12日第3节高二3班` can be peeled value by value.

/// A recogniser's answer: the value and the number of scalars consumed, or a shape that matched with an
/// impossible value (which is an error, never a guess).
enum Recognized<Value> {
    case value(Value, length: Int)
    case invalid(length: Int, reason: String)
}

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

/// Whether a date without a year refers to the future (bookings), the past (reports), or whichever is nearer
/// (looking up a schedule: 10月1日到10月31日 in mid-October is this October).
enum DateDirection { case forward, backward, nearest }

struct Cursor {
    let s: [Unicode.Scalar]
    var i: Int

    init(_ s: [Unicode.Scalar], at i: Int = 0) {
        self.s = s
        self.i = i
    }

    var atEnd: Bool { i >= s.count }
    var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }

    mutating func eat(_ literal: String) -> Bool {
        var j = i
        for c in literal.unicodeScalars {
            guard j < s.count, s[j] == c else { return false }
            j += 1
        }
        i = j
        return true
    }

    /// Eats the longest of `options` that matches here.
    mutating func eatAny(_ options: [String]) -> String? {
        var best: String?
        var bestLength = 0
        for option in options {
            var probe = self
            if probe.eat(option), probe.i - i > bestLength {
                best = option
                bestLength = probe.i - i
            }
        }
        i += bestLength
        return best
    }

    mutating func eatOne(of set: String) -> Unicode.Scalar? {
        guard let c = peek, set.unicodeScalars.contains(c) else { return nil }
        i += 1
        return c
    }

    /// ASCII digits, at most `maxDigits` of them.
    mutating func digits(max maxDigits: Int = 4) -> (value: Int, count: Int)? {
        var value = 0, count = 0
        while let c = peek, c.value >= 0x30, c.value <= 0x39 {
            guard count < maxDigits else { return nil }
            value = value * 10 + Int(c.value - 0x30)
            count += 1
            i += 1
        }
        return count > 0 ? (value, count) : nil
    }

    /// ASCII digits or a Chinese numeral (一…九十, 两, 〇/零, 十二, 二十三; 二〇一〇 digit by digit).
    mutating func number(maxDigits: Int = 4) -> Int? {
        if let d = digits(max: maxDigits) { return d.value }
        return chineseNumber()
    }

    mutating func chineseNumber() -> Int? {
        let start = i
        var digitsOnly: [Int] = []
        var sawTen = false
        while let c = peek, let v = Numerals.value(of: c) {
            if v == 10 { sawTen = true }
            digitsOnly.append(v)
            i += 1
        }
        guard !digitsOnly.isEmpty else { return nil }
        if !sawTen {
            // 二〇一〇 → 2010; a single digit → itself.
            return digitsOnly.reduce(0) { $0 * 10 + $1 }
        }
        // 十, 十二, 二十, 二十三
        switch digitsOnly.count {
        case 1: return 10
        case 2 where digitsOnly[0] == 10: return 10 + digitsOnly[1]
        case 2 where digitsOnly[1] == 10 && digitsOnly[0] < 10: return digitsOnly[0] * 10
        case 3 where digitsOnly[1] == 10 && digitsOnly[0] < 10 && digitsOnly[2] < 10: return digitsOnly[0] * 10 + digitsOnly[2]
        default:
            i = start
            return nil
        }
    }
}

enum Numerals {
    static func value(of c: Unicode.Scalar) -> Int? {
        switch c {
        case "〇", "零": 0
        case "一": 1
        case "二", "两": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        case "十": 10
        default: nil
        }
    }
}

enum Recognizers {
    // MARK: dates

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
            if let r = numericDate(rest) { inner = r } else {
                var h = Cursor(rest)
                if let name = h.eatAny(holidays.map(\.0)), let hd = holidays.first(where: { $0.0 == name }) {
                    inner = .value(.monthDay(month: hd.1, day: hd.2), length: h.i)
                } else if let name = h.eatAny(weekdayHolidays.map(\.0)), let hd = weekdayHolidays.first(where: { $0.0 == name }) {
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
            guard firstIsYear || first >= 1000, let m = c.number(maxDigits: 2), c.eat("月"), let d = c.number(maxDigits: 2) else { return nil }
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
            guard let y = c.digits(max: 4), y.count == 4, c.atEnd || c.peek.map({ !($0.value >= 0x30 && $0.value <= 0x39) }) == true else { return nil }
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
            return CalendarDate(year: y, month: m, day: d) == nil ? .invalid(length: length, reason: "date") : .value(spec, length: length)
        case let .monthDay(m, d):
            // Valid in some year (2 月 29 日 included); 2 月 30 日 never.
            return CalendarDate(year: 2000, month: m, day: d) == nil ? .invalid(length: length, reason: "date") : .value(spec, length: length)
        default:
            return .value(spec, length: length)
        }
    }

    private static func chineseWeekday(_ s: [Unicode.Scalar]) -> Recognized<DateSpec>? {
        var c = Cursor(s)
        var offset: Int?
        if c.eat("下下") { offset = 2 } else if c.eat("上上") { offset = -2 } else if c.eat("下") { offset = 1 } else if c.eat("上") { offset = -1 } else if c.eat("本") || c.eat("这") { offset = 0 }
        if offset != nil { _ = c.eat("个") }
        guard c.eatAny(["周", "星期", "礼拜"]) != nil else { return nil }
        if offset != nil { _ = c.eatAny(["周", "星期", "礼拜"]) }  // 下周周六
        guard let d = c.peek else { return nil }
        let day: Int
        switch d {
        case "日", "天", "七", "7": day = 7
        default:
            guard let v = Numerals.value(of: d) ?? (d.value >= 0x31 && d.value <= 0x36 ? Int(d.value - 0x30) : nil),
                  (1...6).contains(v) else { return nil }
            day = v
        }
        c.i += 1
        return .value(.weekday(day, weekOffset: offset), length: c.i)
    }

    private static func englishDate(_ s: [Unicode.Scalar]) -> Recognized<DateSpec>? {
        let word = String(String.UnicodeScalarView(s))
        if let days = englishRelative[word] { return .value(.relative(days: days), length: s.count) }
        let parts = word.split(separator: " ")
        if parts.count == 1, let d = englishWeekdays[word] { return .value(.weekday(d, weekOffset: nil), length: s.count) }
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
                if let date = CalendarDate(year: y, month: m, day: d), direction == .forward ? date >= today : date <= today {
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

    // MARK: periods and classes

    /// 第3节, 3节, 第三节课, 上午第2节, 下午第2节 (= morning periods + 2).
    static func period(_ s: [Unicode.Scalar], morningPeriods: Int, maxPeriod: Int, bareNumber: Bool = false) -> Recognized<Int>? {
        var c = Cursor(s)
        var afternoon = false
        if c.eat("上午") || c.eat("早上") {
            afternoon = false
        } else if c.eat("下午") {
            afternoon = true
        }
        let hasOrdinal = c.eat("第")
        guard let n = c.number(maxDigits: 2) else { return nil }
        let hasUnit = c.eat("节")
        if hasUnit { _ = c.eat("课") }
        guard hasUnit || (bareNumber && !hasOrdinal && c.atEnd) || (hasOrdinal && c.eat("课时")) else { return nil }
        let value = afternoon ? morningPeriods + n : n
        guard n >= 1, (1...maxPeriod).contains(value) else { return .invalid(length: c.i, reason: "period") }
        return .value(value, length: c.i)
    }

    /// 高二3班, 高二(3)班, 高二三班, 高2.3班, 初一10班 → canonical 高二(3)班.
    static func className(_ s: [Unicode.Scalar], requireSuffix: Bool = true) -> Recognized<String>? {
        var c = Cursor(s)
        guard let stage = c.eatOne(of: "高初") else { return nil }
        guard let g = c.peek else { return nil }
        let grade: Int
        if let v = Numerals.value(of: g), (1...3).contains(v) {
            grade = v
        } else if g.value >= 0x31 && g.value <= 0x33 {
            grade = Int(g.value - 0x30)
        } else {
            return nil
        }
        c.i += 1
        _ = c.eat("年级")
        var paren = false
        if c.eat("(") { paren = true } else { _ = c.eatOne(of: ".-") }
        guard let n = c.number(maxDigits: 2) else { return nil }
        if paren && !c.eat(")") { return nil }
        let hasSuffix = c.eat("班")
        guard hasSuffix || paren || !requireSuffix else { return nil }
        guard (1...99).contains(n) else { return .invalid(length: c.i, reason: "class") }
        let gradeName = ["一", "二", "三"][grade - 1]
        return .value("\(Character(stage))\(gradeName)(\(n))班", length: c.i)
    }

    // MARK: words

    /// Matches one of `words` at the start; Chinese words may be glued to what follows, English must be whole.
    static func word<V>(_ s: [Unicode.Scalar], _ words: [(String, V)]) -> Recognized<V>? {
        var best: (V, Int)?
        for (w, v) in words {
            let ws = Array(w.unicodeScalars)
            guard ws.count <= s.count, best.map({ ws.count > $0.1 }) ?? true else { continue }
            guard s.starts(with: ws) else { continue }
            let ascii = ws.allSatisfy { $0.isASCII }
            if ascii && ws.count != s.count { continue }
            best = (v, ws.count)
        }
        return best.map { .value($0.0, length: $0.1) }
    }

    /// L-0003, l3, L0003, 3 → `L-0003`. Other prefixes are a different kind of record.
    static func lessonID(_ s: [Unicode.Scalar]) -> Recognized<String>? {
        var c = Cursor(s)
        let prefix = c.eatOne(of: "lpvw")
        if prefix != nil { _ = c.eat("-") }
        guard let n = c.digits(max: 9), c.atEnd else { return nil }
        guard prefix == nil || prefix == "l", n.value > 0 else { return .invalid(length: c.i, reason: "id") }
        return .value(lessonIDString(n.value), length: c.i)
    }

    static func lessonIDString(_ n: Int) -> String {
        let digits = String(n)
        return "L-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static let onOffWords: [(String, Bool)] = [
        ("开", true), ("开启", true), ("打开", true), ("on", true), ("关", false), ("关闭", false), ("off", false),
        ("停", false), ("停止", false),
    ]
}

/// Levenshtein distance over scalars, for "did you mean" suggestions.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
