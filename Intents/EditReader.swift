/// `修改 W-0001 标题:新标题`: the record's id, then its fields written as for the command that made the record
/// (typed values by shape, `key:value`, or a label word before the value).
extension ArgumentReader {
    /// The command whose arguments a record of this id prefix has.
    static func recordKind(of id: String) -> IntentKind? {
        switch id.first {
        case "P": .pledge
        case "L": .bookLesson
        case "V": .reportVisit
        case "W": .submitWork
        default: nil
        }
    }

    mutating func readEdit(_ tokens: [Token]) -> Result<Intent, ParseError> {
        var rest = tokens
        guard let first = rest.first else { return .failure(missing(.id)) }
        var c = Cursor(first.norm)
        let prefix = c.eatOne(of: "lpvw")
        _ = c.eat("-")
        guard prefix != nil, c.digits(max: 9) != nil,
            case .value(.id(let id), _)? = recognize(.id, Array(first.norm[..<c.i]), keyed: true),
            let recordKind = Self.recordKind(of: id)
        else {
            return .failure(invalid(.id, first.originalString))
        }
        let idLength = c.i
        rest.removeFirst()
        if idLength < first.norm.count { rest.insert(first.suffix(fromNorm: idLength), at: 0) }
        var fields = ArgumentReader(kind: recordKind, keyword: keyword, context: context, english: english)
        fields.labelWords = true
        if let error = fields.scan(rest) { return .failure(error) }
        let edit = fields.recordEdit()
        guard !edit.isEmpty else { return .failure(missing(.text)) }
        return .success(.edit(id: id, edit))
    }

    /// What was read, as a correction: every field given, none required.
    func recordEdit() -> RecordEdit {
        var edit = RecordEdit()
        let texts = freeTexts()
        if case .date(let v)? = typed[.date] { edit.date = v }
        if case .period(let v)? = typed[.period] { edit.period = v }
        if case .className(let v)? = typed[.class] { edit.className = v }
        if case .level(let v)? = typed[.level] { edit.level = v }
        if case .mode(let v)? = typed[.mode] { edit.mode = v }
        if case .star(let v)? = typed[.star] { edit.star = v }
        if case .kind(let v)? = typed[.kind] { edit.kind = v }
        edit.topic = texts[.topic]
        edit.student = texts[.student]
        edit.note = texts[.note]
        edit.text = texts[.text]
        edit.title = texts[.title]
        return edit
    }
}
