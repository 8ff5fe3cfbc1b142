extension Recognizers {
    /// L-0003, l3, L0003, 3 → `L-0003`. Other prefixes are a different kind of record.
    static func lessonID(_ s: [Unicode.Scalar]) -> Recognized<String>? {
        var c = Cursor(s)
        let prefix = c.eatOne(of: "lpvw")
        if prefix != nil { _ = c.eat("-") }
        guard let n = c.digits(max: 9), c.atEnd else { return nil }
        guard prefix == nil || prefix == "l", n.value > 0 else { return .invalid(length: c.i, reason: "id") }
        return .value(lessonIDString(n.value), length: c.i)
    }

    /// Any record's id: P-0001 (pledge), L-0003 (lesson), V-0002 (visit), W-0004 (work), in any case, dash optional.
    static func recordID(_ s: [Unicode.Scalar]) -> Recognized<String>? {
        var c = Cursor(s)
        guard let prefix = c.eatOne(of: "lpvw") else { return nil }
        _ = c.eat("-")
        guard let n = c.digits(max: 9), c.atEnd else { return nil }
        guard n.value > 0 else { return .invalid(length: c.i, reason: "id") }
        let digits = String(n.value)
        return .value(
            prefix.properties.uppercaseMapping + "-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits,
            length: c.i)
    }

    /// A branch's name as the roster writes it: Chinese words ending in 支部 (语文支部), or 党总支.
    static func branch(_ s: [Unicode.Scalar]) -> String? {
        let text = String(String.UnicodeScalarView(s))
        guard text == "党总支" || (text.hasSuffix("支部") && s.count > 2 && s.count <= 12) else { return nil }
        guard s.allSatisfy({ (0x4E00...0x9FFF).contains($0.value) }) else { return nil }
        return text
    }

    static func lessonIDString(_ n: Int) -> String {
        let digits = String(n)
        return "L-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
