/// The `cxzy parse` JSON contract (SPEC §3): keys in a fixed order, ids as in the spec, inapplicable keys omitted.
extension ParseOutcome {
    public var jsonLine: String {
        var out = JSONObjectWriter()
        switch self {
        case .command(let command):
            command.intent.write(to: &out)
        case .failure(let error):
            out.add("error", error.kind.rawValue)
            if let intent = error.intent { out.add("intent", intent.rawValue) }
            if let argument = error.argument { out.add("argument", argument.rawValue) }
            out.add("message", error.message)
            out.add("usage", error.usage)
        case .ignored:
            out.add("error", ParseError.Kind.unknownCommand.rawValue)
            out.add("message", "群聊中只读取 / 开头的命令或 @ 机器人的消息。")
            out.add("usage", "/help")
        }
        return out.finish()
    }

    public var isUnderstood: Bool {
        if case .command = self { return true }
        return false
    }
}

extension Intent {
    func write(to out: inout JSONObjectWriter) {
        out.add("intent", kind.rawValue)
        switch self {
        case .help(let topic):
            if let topic { out.add("topic", topic.rawValue) }
        case .bind(let who, let code):
            out.add("who", who)
            out.add("code", code)
        case .pledge(let star, let text):
            out.add("star", star.rawValue)
            out.add("text", text)
        case .bookLesson(let r):
            out.add("date", r.date.description)
            out.add("period", r.period)
            out.add("class", r.className)
            if let topic = r.topic { out.add("topic", topic) }
            out.add("level", r.level.rawValue)
        case .cancelLesson(let id), .nominate(let id):
            out.add("id", id)
        case .reportVisit(let v):
            out.add("date", v.date.description)
            out.add("student", v.student)
            if let mode = v.mode { out.add("mode", mode.rawValue) }
            if let note = v.note { out.add("note", note) }
        case .submitWork(let kind, let title):
            out.add("kind", kind.rawValue)
            out.add("title", title)
        case .progress, .calendar, .export, .myVisits:
            break
        case .lessons(let from, let to, let all):
            if let from { out.add("from", from.description) }
            if let to { out.add("to", to.description) }
            if all { out.add("all", true) }
        case .remind(let on):
            out.add("on", on)
        case .stats(let by, let branch):
            out.add("by", by.rawValue)
            if let branch { out.add("branch", branch) }
        case .missing(let what, let branch):
            out.add("what", what.rawValue)
            if let branch { out.add("branch", branch) }
        case .broadcast(let text, let branch):
            if let branch { out.add("branch", branch) }
            out.add("text", text)
        case .withdraw(let id), .history(let id):
            out.add("id", id)
        case .edit(let id, let e):
            out.add("id", id)
            if let v = e.date { out.add("date", v.description) }
            if let v = e.period { out.add("period", v) }
            if let v = e.className { out.add("class", v) }
            if let v = e.topic { out.add("topic", v) }
            if let v = e.level { out.add("level", v.rawValue) }
            if let v = e.student { out.add("student", v) }
            if let v = e.mode { out.add("mode", v.rawValue) }
            if let v = e.note { out.add("note", v) }
            if let v = e.star { out.add("star", v.rawValue) }
            if let v = e.text { out.add("text", v) }
            if let v = e.kind { out.add("kind", v.rawValue) }
            if let v = e.title { out.add("title", v) }
        case .confirmLesson(let id, let held):
            out.add("id", id)
            out.add("held", held)
        case .evaluate(let request):
            switch request {
            case .rate: break
            case .open(let round, let kind, let deadline, let scope):
                out.add("action", "open")
                out.add("round", round)
                out.add("kind", kind.rawValue)
                out.add("deadline", deadline.description)
                if let scope { out.add("scope", scope.rawValue) }
            case .close:
                out.add("action", "close")
            case .results(let branch):
                out.add("action", "results")
                if let branch { out.add("branch", branch) }
            }
        case .benchmark(let entry):
            if let v = entry.model { out.add("model", v) }
            if let v = entry.gaps { out.add("gaps", v) }
            if let v = entry.steps { out.add("steps", v) }
        case .award(let request):
            request.write(to: &out)
        case .report(let phase):
            if let phase { out.add("phase", phase) }
        case .attach(let id, let number):
            if let id { out.add("id", id) }
            if let number { out.add("number", number) }
        case .web(let signOut):
            if signOut { out.add("action", "logout") }
        }
    }
}

extension AwardRequest {
    func write(to out: inout JSONObjectWriter) {
        out.add("action", action)
        switch self {
        case .propose(let who, let star, let phase, let reason, let confirmed, let announce):
            out.add("who", who)
            out.add("star", star.rawValue)
            if let phase { out.add("phase", phase) }
            if let reason { out.add("reason", reason) }
            if confirmed { out.add("confirmed", true) }
            if announce { out.add("announce", true) }
        case .confirm(let id, let announce):
            out.add("id", id)
            if announce { out.add("announce", true) }
        case .reject(let id, let reason):
            out.add("id", id)
            if let reason { out.add("reason", reason) }
        case .announce(let id):
            out.add("id", id)
        case .revoke(let id, let reason):
            out.add("id", id)
            if let reason { out.add("reason", reason) }
        case .list(let phase, let star):
            if let phase { out.add("phase", phase) }
            if let star { out.add("star", star.rawValue) }
        }
    }
}

/// A one-line JSON object writer that keeps key order and writes non-ASCII text as UTF-8.
public struct JSONObjectWriter {
    private var body = "{"
    private var first = true

    public init() {}

    public mutating func add(_ key: String, _ value: String) {
        separator()
        Self.quote(key, into: &body)
        body += ":"
        Self.quote(value, into: &body)
    }

    public mutating func add(_ key: String, _ value: Int) {
        separator()
        Self.quote(key, into: &body)
        body += ":" + String(value)
    }

    public mutating func add(_ key: String, _ value: Bool) {
        separator()
        Self.quote(key, into: &body)
        body += value ? ":true" : ":false"
    }

    public mutating func finish() -> String { body + "}" }

    private mutating func separator() {
        if !first { body += "," }
        first = false
    }

    public static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}", "\u{2029}":
                out += "\\u" + String(scalar.value, radix: 16)
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
