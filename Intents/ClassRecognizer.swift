extension Recognizers {
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
}
