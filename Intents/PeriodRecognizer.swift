extension Recognizers {
    /// 第3节, 3节, 第三节课, 上午第2节, 下午第2节 (= morning periods + 2); `3` alone only as `节次:3`.
    static func period(_ s: [Unicode.Scalar], morningPeriods: Int, maxPeriod: Int, bareNumber: Bool = false)
        -> Recognized<Int>?
    {
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
        // 第2课时 is the second lesson of a unit (part of a topic), not a period of the day.
        guard hasUnit || (bareNumber && !hasOrdinal && c.atEnd) else { return nil }
        let value = afternoon ? morningPeriods + n : n
        guard n >= 1, (1...maxPeriod).contains(value) else { return .invalid(length: c.i, reason: "period") }
        return .value(value, length: c.i)
    }
}
