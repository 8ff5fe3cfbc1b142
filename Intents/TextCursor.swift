/// A read position in a normalised token, with the small steps the recognisers take: literals, one of a set,
/// the longest of several words, ASCII digits. Numbers (digits or Chinese numerals) are in Numerals.swift.
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
}
