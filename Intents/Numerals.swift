/// The value of one Chinese numeral character (十 is 10); nil for anything else.
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

extension Cursor {
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
        case 3 where digitsOnly[1] == 10 && digitsOnly[0] < 10 && digitsOnly[2] < 10:
            return digitsOnly[0] * 10 + digitsOnly[2]
        default:
            i = start
            return nil
        }
    }
}
