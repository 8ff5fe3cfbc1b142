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

    static func lessonIDString(_ n: Int) -> String {
        let digits = String(n)
        return "L-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
