/// Reads one chat message into a typed `Command`, a `ParseError` with a helpful reply, or `.ignored`.
///
/// Pure: no I/O, no clock (today comes in the context). Safe for any input, including hostile text.
public enum IntentParser {
    /// Messages longer than this (in characters) are refused as a whole.
    public static let maxLength = 4000

    public static func parse(_ text: String, context: ParseContext) -> ParseOutcome {
        // English only when the person wrote English words: `?` and a client's automatic `/start` get Chinese.
        var english = Tokenizer.isEnglish(text)
        if text.utf8.count > maxLength, text.count > maxLength {
            return .failure(
                ParseError(
                    kind: .invalidValue, intent: nil, argument: .text,
                    message: english
                        ? "The message is too long (over \(maxLength) characters). Please send one short command."
                        : "消息太长（超过\(maxLength)字）。请一次只发一条简短的命令。",
                    usage: english ? "/help" : "帮助", english: english))
        }
        var tokens = Tokenizer.tokenize(text)
        var mentioned = false
        if let first = tokens.first, first.norm.first == "@" {
            // `@bot：承诺 …`: a colon typed after the name, the command glued to it.
            var rest: Token?
            var name = Array(first.norm.dropFirst())
            if let colon = name.firstIndex(of: ":"), colon + 1 < name.count, startsCommand(Array(name[(colon + 1)...]))
            {
                rest = first.suffix(fromNorm: colon + 2)
                name = Array(name[..<colon])
            }
            if isOurName(String(String.UnicodeScalarView(name)), context: context) {
                mentioned = true
            } else if context.isGroup {
                return .ignored
            }
            tokens.removeFirst()
            if let rest { tokens.insert(rest, at: 0) }
        }
        english = Language.isEnglish(text, tokens: tokens)
        guard let head = tokens.first else {
            if context.isGroup && !mentioned { return .ignored }
            if mentioned { return .command(Command(intent: .help(topic: nil), english: english)) }
            return .failure(unknown(nil, suggestion: nil, english: english))
        }

        let kind: IntentKind
        var keyword = ""
        var args = Array(tokens.dropFirst())
        if head.norm.first == "/" {
            var name = Array(head.norm.dropFirst())
            if let at = name.firstIndex(of: "@") {
                let target = String(String.UnicodeScalarView(name[(at + 1)...]))
                if !target.isEmpty, !isOurName(target, context: context) { return .ignored }
                name = Array(name[..<at])
            }
            let nameString = String(String.UnicodeScalarView(name))
            guard let found = IntentKind(name: nameString) else {
                return .failure(unknown(head.originalString, suggestion: suggest(name, slash: true), english: english))
            }
            kind = found
            keyword = nameString
        } else {
            if context.isGroup && !mentioned { return .ignored }
            var head = head
            if let rest = withoutGreeting(head), !args.isEmpty || !rest.norm.isEmpty {
                // 您好，我想申报…, 老师好！承诺…: a greeting before the command.
                if rest.norm.isEmpty { head = args.removeFirst() } else { head = rest }
            }
            if let rest = withoutLeadIn(head, next: args.first) {
                // 我要预约示范课…, 请 统计: a polite lead-in before the command word.
                if rest.norm.isEmpty { head = args.removeFirst() } else { head = rest }
            }
            guard let (found, length) = matchKeyword(head.norm) else {
                return .failure(
                    unknown(head.originalString, suggestion: suggest(head.norm, slash: false), english: english))
            }
            kind = found
            keyword = String(String.UnicodeScalarView(head.norm[..<length]))
            if length < head.norm.count { args.insert(head.suffix(fromNorm: length), at: 0) }
        }
        // 家访：昨天…, 预约示范课: … — a colon right after the command word.
        if let first = args.first, first.norm.first == ":" {
            let rest = first.suffix(fromNorm: 1)
            if rest.norm.isEmpty { args.removeFirst() } else { args[0] = rest }
        }
        if !english, head.norm.first == "/", Tokenizer.containsChinese(text) {
            english = onlyClassNamesAreChinese(args) && args.contains(where: Language.isEnglishWord)
        }
        var reader = ArgumentReader(kind: kind, keyword: keyword, context: context, english: english)
        switch reader.read(mergeEnglishModifiers(args)) {
        case .success(let intent): return .command(Command(intent: intent, english: english))
        case .failure(let error): return .failure(error)
        }
    }

    /// Polite lead-ins a person may put before the command word (SPEC §3).
    static let leadIns = ["我要", "我想", "帮我", "请帮我", "请问", "请", "麻烦你", "麻烦"]

    /// Greetings a person may open with: 您好, 老师好, 李老师好, 大家好, 各位老师好, 早上好.
    static let greetingAddressees = ["各位老师", "老师们", "老师", "大家", "各位", "您", "你", "早上", "上午", "下午", "晚上"]

    /// The head without a greeting and the punctuation after it, when it starts with one; nil otherwise.
    private static func withoutGreeting(_ head: Token) -> Token? {
        guard matchKeyword(head.norm) == nil else { return nil }
        let norm = head.norm
        // A name of up to three characters may come first (李老师好); the greeting ends at the first 好.
        guard let good = norm.prefix(8).firstIndex(of: "好") else { return nil }
        let before = String(String.UnicodeScalarView(norm[..<good]))
        guard
            let addressee = greetingAddressees.first(where: { before.hasSuffix($0) }),
            before.unicodeScalars.count - addressee.unicodeScalars.count <= 3
        else { return nil }
        var end = good + 1
        while end < norm.count, "啊呀!.~:。".unicodeScalars.contains(norm[end]) { end += 1 }
        return head.suffix(fromNorm: end)
    }

    /// The head without a lead-in, when a command word follows it (glued or as the next word); nil otherwise.
    private static func withoutLeadIn(_ head: Token, next: Token?) -> Token? {
        guard matchKeyword(head.norm) == nil else { return nil }
        var c = Cursor(head.norm)
        guard c.eatAny(leadIns) != nil else { return nil }
        let rest = head.suffix(fromNorm: c.i)
        if rest.norm.isEmpty {
            guard let next, matchKeyword(next.norm) != nil else { return nil }
            return rest
        }
        return matchKeyword(rest.norm) != nil ? rest : nil
    }

    /// What follows `@bot:` is a command rather than the server part of a user id (`@bot:example.org`): a command word, a slash or Chinese.
    private static func startsCommand(_ norm: [Unicode.Scalar]) -> Bool {
        if norm.first == "/" || matchKeyword(norm) != nil { return true }
        var c = Cursor(norm)
        if c.eatAny(leadIns) != nil { return true }
        return norm.contains { (0x4E00...0x9FFF).contains($0.value) }
    }

    /// `/book 2010-10-12 period:3 class:高二(3)班` is English: class names are Chinese whatever the language.
    private static func onlyClassNamesAreChinese(_ tokens: [Token]) -> Bool {
        tokens.allSatisfy { token in
            guard Tokenizer.containsChinese(token.originalString) else { return true }
            var norm = token.norm
            if let colon = norm.firstIndex(of: ":"),
                CommandArgument.keys[String(String.UnicodeScalarView(norm[..<colon]))] == .class
            {
                norm = Array(norm[(colon + 1)...])
            }
            if case .value(_, let length)? = Recognizers.className(norm, requireSuffix: false), length == norm.count {
                return true
            }
            return false
        }
    }

    private static func isOurName(_ raw: String, context: ParseContext) -> Bool {
        guard !context.botNames.isEmpty else { return true }
        var name = raw.lowercased()
        if name.hasSuffix(":") { name.removeLast() }
        if context.botNames.contains(name) { return true }
        // Names with a server part (@cxzy:school.example): also compare the part before the colon.
        if let colon = name.firstIndex(of: ":") { return context.botNames.contains(String(name[..<colon])) }
        return false
    }

    /// Keywords, longest first, so 示范课安排 wins over 示范课 and 未申报 over 申报.
    private static let keywordTable: [([Unicode.Scalar], IntentKind)] = IntentKind.allCases
        .flatMap { kind in kind.keywords.map { (Array($0.unicodeScalars), kind) } }
        .sorted { $0.0.count > $1.0.count }

    static func matchKeyword(_ norm: [Unicode.Scalar]) -> (IntentKind, Int)? {
        for (word, kind) in keywordTable where norm.starts(with: word) {
            return (kind, word.count)
        }
        return nil
    }

    /// The command the person most likely meant, when the first word is a near miss.
    static func suggest(_ word: [Unicode.Scalar], slash: Bool) -> IntentKind? {
        guard !word.isEmpty else { return nil }
        var best: (IntentKind, Int)?
        for kind in IntentKind.allCases {
            let names = slash ? kind.slashCommands + kind.keywords : kind.keywords.filter { $0 != "?" }
            for name in names {
                let n = Array(name.unicodeScalars)
                let limit = n.count <= 3 ? 1 : 2
                var distance = Int.max
                if slash || n.first?.isASCII == true {
                    distance = editDistance(word, n)
                } else {
                    for length in max(1, n.count - 1)...(n.count + 1) where length <= word.count {
                        distance = min(distance, editDistance(Array(word[..<length]), n))
                    }
                }
                // Ties go to a name the word begins (/stat → /stats rather than /start).
                guard distance <= limit else { continue }
                let score = distance * 2 - (n.starts(with: word) ? 1 : 0)
                if score < (best?.1 ?? Int.max) { best = (kind, score) }
            }
        }
        return best?.0
    }

    /// `next monday` arrives as two tokens; English modifiers are joined to the word they modify, and an English
    /// argument name followed by its value (`period 3`, `class 高二(3)班`) reads as `period:3`.
    private static func mergeEnglishModifiers(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if englishKeys.contains(t.normString), i + 1 < tokens.count, !tokens[i + 1].norm.contains(":") {
                out.append(Token.joined(t, ":", tokens[i + 1]))
                i += 2
                continue
            }
            if ["next", "last", "this"].contains(t.normString), i + 1 < tokens.count {
                let next = tokens[i + 1]
                let word = next.normString
                if Recognizers.englishWeekdays[word] != nil || word == "week" || word == "month" {
                    out.append(Token.joined(t, " ", next))
                    i += 2
                    continue
                }
            }
            out.append(t)
            i += 1
        }
        return out
    }

    /// Argument names written as a word before their value in English commands.
    static let englishKeys: Set<String> = [
        "period", "class", "topic", "date", "student", "mode", "note", "title", "level",
    ]

    static func unknown(_ word: String?, suggestion: IntentKind?, english: Bool) -> ParseError {
        let message: String
        if english {
            if let word, let suggestion {
                message = "I don't know the command “\(word)”. Did you mean /\(suggestion.slashCommands[0])?"
            } else if let word {
                message = "I don't know the command “\(word)”. Send /help to see all commands."
            } else {
                message = "Please send a command. Send /help to see all commands."
            }
        } else {
            if let word, let suggestion {
                message = "我不认识“\(word)”这个命令。您是不是想用“\(suggestion.keywords[0])”？"
            } else if let word {
                message = "我没看懂“\(word.count > 20 ? String(word.prefix(20)) + "…" : word)”。请以命令开头，发送“帮助”可查看全部命令。"
            } else {
                message = "请发送一条命令。发送“帮助”可查看全部命令。"
            }
        }
        return ParseError(
            kind: .unknownCommand, intent: nil, argument: nil, message: message,
            usage: (suggestion ?? .help).example(english: english), suggestion: suggestion, english: english)
    }
}
