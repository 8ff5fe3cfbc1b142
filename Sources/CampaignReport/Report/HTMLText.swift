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

    /// A table from a header and rows of already-escaped cells; `numeric` columns are right-aligned.
    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = [], className: String? = nil)
        -> String
    {
        func cells(_ tag: String, _ values: [String]) -> String {
            values.enumerated().map { i, v in
                numeric.contains(i) ? "<\(tag) class=\"n\">\(v)</\(tag)>" : "<\(tag)>\(v)</\(tag)>"
            }.joined()
        }
        let head = "<thead><tr>" + cells("th", header.map(escape)) + "</tr></thead>"
        let body = "<tbody>" + rows.map { "<tr>" + cells("td", $0) + "</tr>" }.joined(separator: "\n") + "</tbody>"
        return "<table\(className.map { " class=\"\($0)\"" } ?? "")>\(head)\n\(body)</table>"
    }
}
