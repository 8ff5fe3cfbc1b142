/// The arguments of `报告` (a phase number) and `附件` (a record id and an attachment number).
extension ArgumentReader {
    /// `报告`, `报告 第2阶段`, `报告 2`, `报告 第二阶段`, `/report 2`, `/report phase 2`.
    func buildReport(_ positional: [Token]) -> Result<Intent, ParseError> {
        var words = positional.map(\.normString)
        if words.first == "phase" { words.removeFirst() }
        guard !words.isEmpty else { return .success(.report(phase: nil)) }
        guard words.count == 1, let phase = Self.phaseNumber(words[0]) else {
            return .failure(invalid(.phase, positional.map(\.originalString).joined(separator: " ")))
        }
        return .success(.report(phase: phase))
    }

    /// 2, 第2阶段, 第二阶段, 阶段2, 第2期.
    static func phaseNumber(_ word: String) -> Int? {
        var c = Cursor(Array(word.unicodeScalars))
        let lead = c.eat("第")
        if !lead { _ = c.eat("阶段") }
        guard let n = c.number(maxDigits: 2), (1...20).contains(n) else { return nil }
        if lead { _ = c.eatAny(["阶段", "期"]) }
        return c.atEnd ? n : nil
    }

    /// A file path written after the id: `/home/t/a.pdf`, `~/照片.jpg`, `C:\照片.jpg`.
    static func startsFilePath(_ word: Token) -> Bool {
        let s = word.norm
        return s.first == "/" || s.first == "~" || s.count > 2 && s[1] == ":" && (s[2] == "\\" || s[2] == "/")
    }

    /// `附件` (all of mine), `附件 W-0003` (what W-0003 has), `附件 W-0003 2` (send the second one).
    func buildAttach(_ positional: [Token]) -> Result<Intent, ParseError> {
        var id: String?
        if case .id(let given)? = typed[.id] { id = given }
        var number: Int?
        // 附件 W-0003 /home/t/a.pdf: the console sends the file named by its path; the path is not an argument.
        // The path runs to the end of the message (it may contain spaces).
        for word in positional.prefix(while: { !Self.startsFilePath($0) }) {
            var c = Cursor(word.norm)
            _ = c.eat("第")
            guard number == nil, let n = c.number(maxDigits: 2), n > 0, (c.atEnd || c.eat("个") && c.atEnd) else {
                return .failure(invalid(id == nil ? .id : .number, word.originalString))
            }
            number = n
        }
        if number != nil && id == nil { return .failure(missing(.id)) }
        return .success(.attach(id: id, number: number))
    }
}
