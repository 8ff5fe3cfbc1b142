extension Recognizers {
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

    /// Whether a lesson was taught (确认示范课 L-0003 已上 / 未上).
    static let heldWords: [(String, Bool)] = [
        ("已上", true), ("上过", true), ("上了", true), ("已上过", true), ("是", true), ("yes", true), ("held", true),
        ("未上", false), ("没上", false), ("没有上", false), ("未上成", false), ("否", false), ("no", false),
    ]

    static let onOffWords: [(String, Bool)] = [
        ("开", true), ("开启", true), ("打开", true), ("on", true), ("关", false), ("关闭", false), ("off", false),
        ("停", false), ("停止", false),
    ]
}
