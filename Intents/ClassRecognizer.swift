extension Recognizers {
    /// 高二3班, 高二(3)班, 高二三班, 高2.3班, 初一10班 → canonical 高二(3)班; named classes such as 高二理科实验班 as
    /// written. 高二(3)(4)班 (two classes as one) is invalid with the reason `classes`.
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
        let gradeName = "\(Character(stage))" + ["一", "二", "三"][grade - 1]
        if let named = namedClass(&c) { return .value(gradeName + named, length: c.i) }
        var paren = false
        if c.eat("(") { paren = true } else { _ = c.eatOne(of: ".-") }
        guard let n = c.number(maxDigits: 2) else { return nil }
        if paren && !c.eat(")") { return nil }
        // 高二(3)(4)班: read whole, to be refused below.
        var numbers = [n]
        while paren, c.peek == "(" {
            var probe = c
            _ = probe.eat("(")
            guard let more = probe.number(maxDigits: 2), probe.eat(")") else { break }
            numbers.append(more)
            c = probe
        }
        let hasSuffix = c.eat("班")
        guard hasSuffix || paren || !requireSuffix else { return nil }
        guard numbers.allSatisfy({ (1...99).contains($0) }) else { return .invalid(length: c.i, reason: "class") }
        // 高二(3)(4)班: two classes written as one; a lesson is taught in one class.
        if numbers.count > 1 { return .invalid(length: c.i, reason: "classes") }
        return .value(gradeName + numbers.map { "(\($0))" }.joined() + "班", length: c.i)
    }

    /// 理科实验班, 创新班, 国际部1班 after the grade: Chinese words (digits allowed after the first) ending in 班.
    private static func namedClass(_ c: inout Cursor) -> String? {
        var probe = c
        guard let first = probe.peek, isIdeograph(first), Numerals.value(of: first) == nil else { return nil }
        var name = String.UnicodeScalarView()
        while let next = probe.peek, name.count < 10 {
            if next == "班" {
                guard !name.isEmpty else { return nil }
                probe.i += 1
                c = probe
                return String(name) + "班"
            }
            guard isIdeograph(next) || next.properties.numericType != nil else { return nil }
            name.append(next)
            probe.i += 1
        }
        return nil
    }

    private static func isIdeograph(_ s: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(s.value) }
}
