import Foundation

/// One word of a message: the text as typed (for free text) and its normalised form (for matching).
struct Token {
    /// The scalars as typed, without control and invisible format characters.
    var original: [Unicode.Scalar]
    /// NFKC-normalised, ASCII lower-cased; `norm[i]` came from `original[origin[i]]`.
    var norm: [Unicode.Scalar]
    var origin: [Int]
    /// The separator characters typed before this token (kept so free text reads as written).
    var separatorBefore: String

    var normString: String { String(String.UnicodeScalarView(norm)) }
    var originalString: String { String(String.UnicodeScalarView(original)) }

    /// The part of the token from normalised offset `offset` on.
    func suffix(fromNorm offset: Int) -> Token {
        let start = offset < origin.count ? origin[offset] : original.count
        return Token(
            original: Array(original[start...]), norm: Array(norm[offset...]),
            origin: origin[offset...].map { $0 - start }, separatorBefore: "")
    }

    /// The part before normalised offset `offset`.
    func prefix(uptoNorm offset: Int) -> Token {
        let end = offset < origin.count ? origin[offset] : original.count
        return Token(
            original: Array(original[..<end]), norm: Array(norm[..<offset]),
            origin: Array(origin[..<offset]), separatorBefore: separatorBefore)
    }
}

enum Tokenizer {
    /// Splits on white space (incl. U+3000), control characters and the separators `,，;；、`.
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = Token(original: [], norm: [], origin: [], separatorBefore: "")
        var separator = String.UnicodeScalarView()

        func flush() {
            guard !current.original.isEmpty else { return }
            trimSentencePunctuation(&current)
            current.separatorBefore = String(separator)
            tokens.append(current)
            separator = String.UnicodeScalarView()
            current = Token(original: [], norm: [], origin: [], separatorBefore: "")
        }

        for scalar in text.unicodeScalars {
            if isSeparator(scalar) {
                flush()
                if !isInvisible(scalar), !(scalar.value < 0x20 && scalar != "\n"), scalar.value != 0x7F {
                    separator.append(scalar)
                }
                continue
            }
            if isInvisible(scalar) { continue }
            let index = current.original.count
            current.original.append(scalar)
            appendNormalized(scalar, to: &current.norm)
            while current.origin.count < current.norm.count { current.origin.append(index) }
        }
        flush()
        return tokens
    }

    static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x3000, 0x2C, 0xFF0C, 0x3B, 0xFF1B, 0x3001: return true
        case 0..<0x20, 0x7F...0x9F: return true
        case 0x21...0x7E, 0x4E00...0x9FFF: return false
        default: return s.properties.isWhitespace
        }
    }

    /// Zero-width and bidirectional marks (Cf) carry no meaning for a command; ZWJ stays for emoji.
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        guard s.value >= 0xAD, s.value != 0x200D else { return false }
        if s.value >= 0x4E00 && s.value <= 0x9FFF { return false }
        return s.properties.generalCategory == .format
    }

    static func appendNormalized(_ s: Unicode.Scalar, to out: inout [Unicode.Scalar]) {
        let v = s.value
        if v < 0x80 {
            out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(UInt8(v + 32)) : s)
            return
        }
        if (0x4E00...0x9FFF).contains(v) || v == 0x3007 || v == 0x300A || v == 0x300B || v == 0x3002 {
            out.append(traditional[s] ?? s)
            return
        }
        switch v {
        case 0x2014, 0x2013, 0x2212, 0x2015: out.append("-"); return  // dashes typed as range separators
        case 0x301C: out.append("~"); return
        default: break
        }
        let mapped = String(s).precomposedStringWithCompatibilityMapping
        for m in mapped.unicodeScalars {
            let mv = m.value
            out.append(mv >= 0x41 && mv <= 0x5A ? Unicode.Scalar(UInt8(mv + 32)) : m)
        }
    }

    /// Traditional forms of the characters commands are made of, read as their simplified forms.
    static let traditional: [Unicode.Scalar: Unicode.Scalar] = [
        "後": "后", "禮": "礼", "週": "周", "個": "个", "號": "号", "節": "节", "課": "课", "開": "开", "關": "关",
        "約": "约", "範": "范", "預": "预", "書": "书", "訪": "访", "親": "亲", "報": "报", "統": "统", "計": "计",
        "導": "导", "薦": "荐", "幫": "帮", "單": "单", "進": "进", "諾": "诺", "綁": "绑", "學": "学", "師": "师",
        "國": "国", "慶": "庆", "勞": "劳", "動": "动", "兒": "儿", "曆": "历", "級": "级", "話": "话", "視": "视",
        "頻": "频", "來": "来", "內": "内", "組": "组", "題": "题", "論": "论", "結": "结", "講": "讲", "會": "会",
        "數": "数", "聖": "圣", "誕": "诞", "婦": "妇", "樹": "树", "塊": "块", "與": "与", "兩": "两",
        "門": "门", "銷": "销", "刪": "删", "錄": "录", "評": "评", "議": "议", "標": "标", "對": "对", "還": "还",
    ]

    /// `第3节。`, `明天!` and `提醒开～` should still match; the punctuation stays in `original` for free text.
    private static func trimSentencePunctuation(_ token: inout Token) {
        while token.norm.count > 1, let last = token.norm.last, "。.!?~".unicodeScalars.contains(last) {
            token.norm.removeLast()
            token.origin.removeLast()
        }
    }

    /// True when the text is English: it has Latin letters and no Chinese, and is not the `/start` a chat client sends by itself.
    static func isEnglish(_ text: String) -> Bool {
        guard !containsChinese(text) else { return false }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if trimmed == "/start" || trimmed.hasPrefix("/start@") { return false }
        return text.unicodeScalars.contains { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
    }

    /// True when the text contains a CJK ideograph (then replies are in Chinese).
    static func containsChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }
}

extension Token {
    /// Two tokens as one word, `first` + `glue` + `second` (`period` `:` `3`).
    static func joined(_ first: Token, _ glue: Unicode.Scalar, _ second: Token) -> Token {
        var merged = first
        merged.original += [glue] + second.original
        merged.origin += [first.original.count] + second.origin.map { $0 + first.original.count + 1 }
        merged.norm += [glue] + second.norm
        return merged
    }

    /// Free text as typed, but with full-width letters and digits made half-width; punctuation is kept.
    static func joinFree(_ tokens: [Token]) -> String {
        var out = String.UnicodeScalarView()
        for (i, token) in tokens.enumerated() {
            if i > 0 {
                let sep = token.separatorBefore
                if sep.isEmpty || sep.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
                    out.append(" ")
                } else {
                    out.append(contentsOf: sep.unicodeScalars)
                }
            }
            for s in token.original {
                switch s.value {
                case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
                    out.append(Unicode.Scalar(s.value - 0xFEE0) ?? s)
                case 0x3000: out.append(" ")
                default: out.append(s)
                }
            }
        }
        return String(out).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
