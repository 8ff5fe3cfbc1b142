/// Text widths estimated without a font: a Chinese character is one em, Latin letters and digits a bit over half.
/// Good enough to keep labels apart; the fonts the charts name (Noto Sans CJK) are close to these figures.
enum TextMetrics {
    static func width(_ text: String, size: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + advance($1) } * size
    }

    static func advance(_ scalar: Unicode.Scalar) -> Double {
        switch scalar.value {
        case 0x20: 0.3
        case 0x21...0x7E: (scalar.properties.isUppercase || scalar == "%" || scalar == "@") ? 0.68 : 0.56
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x3000...0x303F: 1.0
        default: 0.7
        }
    }

    /// Splits `text` into at most `maxLines` lines no wider than `width`; the last line ends in “…” when it had to be
    /// cut. Lines break between characters of Chinese, never inside a date (`2011年6月30日`), a number with its unit
    /// or a Latin word (`units(of:)`); only a unit wider than a whole line is split.
    static func wrap(_ text: String, size: Double, width: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for unit in units(of: text) {
            if !current.isEmpty, self.width(current + unit, size: size) > width {
                lines.append(current.trimmingTrailingSpaces())
                current = unit.first == " " ? String(unit.drop { $0 == " " }) : unit
            } else {
                current += unit
            }
            // A unit wider than a line on its own is cut where it must be.
            while self.width(current, size: size) > width, current.count > 1 {
                var head = ""
                for character in current {
                    if !head.isEmpty, self.width(head + String(character), size: size) > width { break }
                    head.append(character)
                }
                lines.append(head)
                current = String(current.dropFirst(head.count))
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines, maxLines > 0 else { return lines }
        var kept = Array(lines.prefix(maxLines))
        var last = units(of: kept[maxLines - 1])
        while !last.isEmpty, self.width(last.joined() + "…", size: size) > width { last.removeLast() }
        kept[maxLines - 1] = last.joined().trimmingTrailingSpaces() + "…"
        return kept
    }

    /// The pieces a line may break between: a run of digits with the 年/月/日/号/时/分 after each number (a whole
    /// date), Latin letters and digits with what joins them (`Unit-5`, `3.5`, `90%`), and any other character alone
    /// (a Chinese character, a bracket, a space). Closing punctuation stays with what it follows.
    static func units(of text: String) -> [String] {
        var units: [String] = []
        var current = ""
        var inWord = false
        func flush() {
            if !current.isEmpty { units.append(current) }
            current = ""
            inWord = false
        }
        let dateMarks: Set<Character> = ["年", "月", "日", "号", "时", "分"]
        let closing: Set<Character> = [
            "，", "。", "、", "；", "：", "）", "》", "」", "”", ",", ".", ";", ":", ")", "%", "!", "？", "！",
        ]
        for character in text {
            let latin = character.isASCII && (character.isLetter || character.isNumber)
            if latin {
                // Digits that follow a date mark continue the date (年 then 6 then 月 …).
                if !inWord, let last = current.last, dateMarks.contains(last) {
                    current.append(character)
                    inWord = true
                    continue
                }
                if !inWord { flush() }
                current.append(character)
                inWord = true
            } else if inWord, dateMarks.contains(character), current.last?.isNumber == true {
                current.append(character)
                inWord = false
            } else if inWord, "-./'%".contains(character) {
                current.append(character)
            } else if closing.contains(character), !current.isEmpty || !units.isEmpty {
                if current.isEmpty, let last = units.popLast() { current = last }
                current.append(character)
                flush()
            } else {
                flush()
                current = String(character)
                flush()
            }
        }
        flush()
        return units
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
