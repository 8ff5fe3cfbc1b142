/// What `cxzy doctor` found, section by section: each item a mark and a line in Chinese, then the same in English.
struct Checklist {
    enum Mark: String {
        /// All is well.
        case ok = "✓"
        /// Needs fixing: the line says how.
        case fix = "✗"
        /// Worth knowing; nothing to fix.
        case note = "·"
    }

    struct Item {
        var mark: Mark
        var chinese: String
        var english: String
    }

    struct Section {
        var chinese: String
        var english: String
        var items: [Item] = []
    }

    private(set) var sections: [Section] = []

    mutating func begin(_ chinese: String, _ english: String) {
        sections.append(Section(chinese: chinese, english: english))
    }

    mutating func add(_ mark: Mark, _ chinese: String, _ english: String) {
        if sections.isEmpty { begin("", "") }
        sections[sections.count - 1].items.append(Item(mark: mark, chinese: chinese, english: english))
    }

    var toFix: Int { sections.reduce(0) { $0 + $1.items.filter { $0.mark == .fix }.count } }

    /// The checklist as printed: a heading per section, each item's Chinese line under its mark, the English below.
    var text: String {
        var lines: [String] = []
        for section in sections {
            lines.append("")
            lines.append("【\(section.chinese)】\(section.english)")
            for item in section.items {
                lines.append("  \(item.mark.rawValue) \(item.chinese)")
                lines.append("    \(item.english)")
            }
        }
        lines.append("")
        if toFix == 0 {
            lines.append("结论：一切正常。")
            lines.append("All is well.")
        } else {
            lines.append("结论：有 \(toFix) 项需要处理（标 ✗ 的各行）。")
            lines.append("\(toFix) thing\(toFix == 1 ? "" : "s") to fix (the lines marked ✗).")
        }
        return lines.joined(separator: "\n")
    }
}
