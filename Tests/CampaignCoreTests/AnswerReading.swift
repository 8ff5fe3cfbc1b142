import Foundation

/// Reads the figures back out of the bot's rendered answers (统计, 未完成, the digest, the report's HTML, the CSV
/// files), so tests can compare what a teacher reads, not only what the code computed.
enum AnswerReading {
    /// The integer right after `label` in `text` (after optional spaces), or nil.
    static func int(after label: String, in text: Substring) -> Int? {
        guard let range = text.range(of: label) else { return nil }
        let digits = text[range.upperBound...].drop { $0 == " " }.prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }

    static func int(after label: String, in text: String) -> Int? { int(after: label, in: Substring(text)) }

    /// `a/b` right after `label`.
    static func pair(after label: String, in text: Substring) -> (Int, Int)? {
        guard let range = text.range(of: label) else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " }
        let parts = rest.prefix { ($0.isASCII && $0.isNumber) || $0 == "/" }.split(separator: "/")
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) else { return nil }
        return (a, b)
    }

    // MARK: 统计

    struct BranchLine: Equatable {
        var people = 0, pledged = 0, held = 0, teachers = 0, awaiting = 0, booked = 0
        var visits = 0, holidayVisits = 0, stars = 0
    }

    /// `统计 支部`: each branch's line (and `合计`), by name (`未分支部` for none).
    static func branchStats(_ text: String) -> [String: BranchLine] {
        var out: [String: BranchLine] = [:]
        let lines = text.split(separator: "\n")
        for (i, line) in lines.enumerated() where i + 1 < lines.count && line.hasSuffix("人）") {
            guard let open = line.lastIndex(of: "（") else { continue }
            let name = String(line[..<open])
            let summary = lines[i + 1]
            guard let pledge = pair(after: "承诺 ", in: summary), let lessons = pair(after: "示范课已上 ", in: summary)
            else { continue }
            let tail = summary[(summary.range(of: "示范课已上 ")?.upperBound ?? summary.startIndex)...]
            let brackets = tail.hasPrefix("\(lessons.0)/\(lessons.1)（") ? tail.prefix { $0 != "）" } : ""
            out[name] = BranchLine(
                people: int(after: "（", in: line[open...]) ?? 0, pledged: pledge.0, held: lessons.0,
                teachers: lessons.1, awaiting: int(after: "待确认 ", in: brackets) ?? 0,
                booked: int(after: "待上 ", in: brackets) ?? 0, visits: int(after: "家访 ", in: summary) ?? -1,
                holidayVisits: int(after: "节假日 ", in: summary) ?? -1, stars: int(after: "达星 ", in: summary) ?? -1)
        }
        return out
    }

    /// `统计 三星`: star name → (eligible, pledged, completed).
    static func starStats(_ text: String) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for line in text.split(separator: "\n") where line.contains("可申报") {
            guard let colon = line.firstIndex(of: "：") else { continue }
            out[String(line[..<colon])] = ["可申报 ", "已申报 ", "已完成 "].map { int(after: $0, in: line) ?? -1 }
        }
        return out
    }

    struct PhaseLine: Equatable {
        var pledges = 0, held = 0, awaiting = 0, booked = 0, visits = 0, works = 0, benchmarks = 0
    }

    /// `统计 阶段`: phase number → its counts.
    static func phaseStats(_ text: String) -> [Int: PhaseLine] {
        var out: [Int: PhaseLine] = [:]
        let lines = text.split(separator: "\n")
        for (i, line) in lines.enumerated() where line.hasPrefix("第") && i + 1 < lines.count {
            guard let number = int(after: "第", in: line), let colon = lines[i + 1].firstIndex(of: "：") else {
                continue
            }
            let counts = lines[i + 1][colon...]
            let lessons = counts[(counts.range(of: "示范课已上 ")?.upperBound ?? counts.startIndex)...]
            let brackets = lessons.drop { $0 != "（" && $0 != " " }.prefix { $0 != "）" }
            out[number] = PhaseLine(
                pledges: int(after: "承诺 ", in: counts) ?? -1, held: int(after: "示范课已上 ", in: counts) ?? -1,
                awaiting: brackets.hasPrefix("（") ? int(after: "待确认 ", in: brackets) ?? 0 : 0,
                booked: brackets.hasPrefix("（") ? int(after: "待上 ", in: brackets) ?? 0 : 0,
                visits: int(after: "家访 ", in: counts) ?? -1, works: int(after: "成果 ", in: counts) ?? -1,
                benchmarks: int(after: "对标 ", in: counts) ?? 0)
        }
        return out
    }

    // MARK: 未完成

    struct MissingHeading: Equatable {
        var rows: Int
        var applies: Int
        var started = true
    }

    /// The heading of a one-kind list: `示范课未完成（英语支部，1/5 人）：`, `…都已完成 ✓`, `…尚未开始…`.
    static func missingHeading(_ text: String) -> MissingHeading? {
        guard let first = text.split(separator: "\n").first else { return nil }
        if first.contains("名单中没有适用") { return MissingHeading(rows: 0, applies: 0) }
        if let applies = int(after: "适用的 ", in: first), first.contains("都已完成") {
            return MissingHeading(rows: 0, applies: applies)
        }
        if first.contains("尚未开始"), let applies = int(after: "适用 ", in: first) {
            return MissingHeading(rows: 0, applies: applies, started: false)
        }
        guard let comma = first.lastIndex(of: "，"), let (rows, applies) = pair(after: "，", in: first[comma...])
        else { return nil }
        return MissingHeading(rows: rows, applies: applies)
    }

    /// The names a one-kind list gives, with what each lacks (`孙悦` → `L-0009 11月3日 待确认`; empty for a list of
    /// names only).
    static func missingNames(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() where !line.hasPrefix("规则：") {
            guard let colon = line.firstIndex(of: "：") else { continue }
            var rest = line[line.index(after: colon)...]
            while !rest.isEmpty {
                let name = rest.prefix { $0 != "（" && $0 != "、" }
                rest = rest.dropFirst(name.count)
                var lacks = ""
                if rest.first == "（" {
                    var depth = 0
                    var taken = 0
                    for c in rest {
                        taken += 1
                        if c == "（" { depth += 1 }
                        if c == "）" { depth -= 1 }
                        if depth == 0 { break }
                    }
                    lacks = String(rest.prefix(taken).dropFirst().dropLast())
                    rest = rest.dropFirst(taken)
                }
                if rest.first == "、" { rest = rest.dropFirst() }
                out[String(name).replacingOccurrences(of: "（已截止）", with: "")] = lacks
            }
        }
        return out
    }

    /// The digest (`未完成` alone): how many owe, of how many, and each person's line by name.
    static func digest(_ text: String) -> (rows: Int, people: Int, lines: [String: String]) {
        var lines: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("· ") {
            guard let colon = line.firstIndex(of: "：") else { continue }
            lines[String(line.dropFirst(2)[..<colon])] = String(line[line.index(after: colon)...])
        }
        if let (rows, people) = pair(after: "还有待办 ", in: Substring(text)) { return (rows, people, lines) }
        if let people = text.split(separator: "\n").first(where: { $0.contains("目前都没有待办") }).flatMap({
            Int($0.prefix { $0.isNumber })
        }) {
            return (0, people, lines)
        }
        return (0, 0, lines)
    }

    // MARK: the report's HTML

    /// The body rows of the first table whose class starts with `className`, each as its cells' text.
    static func tableRows(_ html: String, className: String) -> [[String]] {
        guard let start = html.range(of: "<table class=\"\(className)") else { return [] }
        let rest = html[start.upperBound...]
        guard let end = rest.range(of: "</table>"), let body = rest[..<end.lowerBound].range(of: "<tbody>") else {
            return []
        }
        let tbody = rest[body.upperBound..<end.lowerBound]
        return tbody.components(separatedBy: "</tr>").compactMap { row -> [String]? in
            let cells = row.components(separatedBy: "<td").dropFirst().map { cell -> String in
                let content = cell.drop { $0 != ">" }.dropFirst()
                return String(content.prefix { $0 != "<" })
            }
            return cells.isEmpty ? nil : cells
        }
    }

    /// The report's phase articles: phase number → its list lines.
    static func reportPhases(_ html: String) -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        for article in html.components(separatedBy: "<article class=\"phase\">").dropFirst() {
            guard let h3 = article.range(of: "<h3>第"), let number = int(after: "<h3>第", in: article[h3.lowerBound...])
            else { continue }
            let body = article.components(separatedBy: "</article>")[0]
            out[number] = body.components(separatedBy: "<li>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        }
        return out
    }

    // MARK: CSV

    /// RFC 4180 CSV as rows of fields (quoted fields may hold commas, quotes and line breaks); the BOM is dropped.
    static func csv(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars.drop { $0 == "\u{FEFF}" }).makeIterator()
        var pending = chars.next()
        while let c = pending {
            pending = chars.next()
            if quoted {
                if c == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = chars.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\r": break
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    /// A CSV as dictionaries by header.
    static func csvRecords(_ text: String) -> [[String: String]] {
        let rows = csv(text)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(zip(header, $0).map { ($0, $1) }) { a, _ in a } }
    }
}
