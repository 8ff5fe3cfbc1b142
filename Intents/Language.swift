/// Which language to answer in. Chinese unless the person chose English: a slash command is how groups talk to the
/// bot (`/stats@bot`, `/me`), so the command name alone is not a choice; English words after it are (`/book
/// tomorrow`, `/stats branch`), and so is a sentence of English words without a slash. A lone `ok`, `hi` or a record
/// id (`V-0001`) is answered in Chinese.
enum Language {
    static func isEnglish(_ text: String, tokens: [Token]) -> Bool {
        guard !Tokenizer.containsChinese(text), let first = tokens.first else { return false }
        if first.norm.first == "/" { return tokens.dropFirst().contains(where: isEnglishWord) }
        return tokens.filter(isEnglishWord).count >= 2
    }

    /// A word of at least two Latin letters (`tomorrow`, `period:3`'s `period`); ids, dates, numbers and bind codes
    /// (all capitals) are not words.
    static func isEnglishWord(_ token: Token) -> Bool {
        var word = token.norm
        if let colon = word.firstIndex(of: ":"), colon > 0 { word = Array(word[..<colon]) }
        while let last = word.last, "。.!?".unicodeScalars.contains(last) { word.removeLast() }
        guard word.count >= 2, word.allSatisfy({ ("a"..."z").contains($0) }) else { return false }
        let letters = token.original.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        return letters.count < 4 || !letters.allSatisfy { ("A"..."Z").contains($0) }
    }
}
