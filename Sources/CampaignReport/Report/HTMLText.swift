/// Small helpers for writing the report's HTML by hand.
enum HTMLText {
    /// Escapes text for an element's content or a quoted attribute (the same rules as the charts' XML).
    static func escape(_ text: String) -> String { SVGCanvas.escape(text) }

    /// `一` … `十`, then `十一` …: section numbers in the Chinese style (一、二、…).
    static func chineseNumber(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }

    /// `37%`, or `—` when there is nothing to divide by.
    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "—" : "\(Int((Double(part) * 100 / Double(whole)).rounded()))%"
    }

    /// A table from a header and rows of already-escaped cells; `numeric` columns are right-aligned. `widths`: each
    /// column's share of the page in percent, fixed, so a long cell wraps inside its own column instead of squeezing
    /// the others (a 2,000-character pledge must not leave its name one character wide).
    static func table(
        _ header: [String], _ rows: [[String]], numeric: Set<Int> = [], className: String? = nil, widths: [Int]? = nil
    ) -> String {
        func cells(_ tag: String, _ values: [String]) -> String {
            values.enumerated().map { i, v in
                numeric.contains(i) ? "<\(tag) class=\"n\">\(v)</\(tag)>" : "<\(tag)>\(v)</\(tag)>"
            }.joined()
        }
        let columns = widths.map { list in
            "<colgroup>" + list.map { "<col style=\"width: \($0)%\">" }.joined() + "</colgroup>"
        }
        let head = "<thead><tr>" + cells("th", header.map(escape)) + "</tr></thead>"
        let body = "<tbody>" + rows.map { "<tr>" + cells("td", $0) + "</tr>" }.joined(separator: "\n") + "</tbody>"
        let classes = [className, widths == nil ? nil : "fixed"].compactMap { $0 }.joined(separator: " ")
        return "<table\(classes.isEmpty ? "" : " class=\"\(classes)\"")>\(columns ?? "")\(head)\n\(body)</table>"
    }
}
