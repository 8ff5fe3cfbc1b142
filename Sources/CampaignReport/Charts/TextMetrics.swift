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

    /// Splits `text` into at most `maxLines` lines no wider than `width`; the last line ends in “…” when it had to be cut.
    static func wrap(_ text: String, size: Double, width: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for character in text {
            let candidate = current + String(character)
            if !current.isEmpty, self.width(candidate, size: size) > width {
                lines.append(current)
                current = String(character)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines, maxLines > 0 else { return lines }
        var kept = Array(lines.prefix(maxLines))
        var last = kept[maxLines - 1]
        while !last.isEmpty, self.width(last + "…", size: size) > width { last.removeLast() }
        kept[maxLines - 1] = last + "…"
        return kept
    }
}
