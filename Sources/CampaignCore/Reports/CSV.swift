import Foundation

/// RFC 4180 CSV with the line number where each record starts (quoted fields may span lines); or the same with
/// tabs, as Excel copies cells to the clipboard and saves "text (tab delimited)".
enum CSV {
    struct Row {
        var line: Int
        var fields: [String]
    }

    /// Reads `text` with the separator its header line uses.
    static func parse(_ text: String) -> [Row] {
        parse(text, separator: separator(of: text))
    }

    /// A tab when the header line (the first with anything but separators and spaces) has more tabs than commas
    /// outside quotes, else a comma.
    static func separator(of text: String) -> Unicode.Scalar {
        var tabs = 0, commas = 0, inQuotes = false, content = false
        for c in text.unicodeScalars {
            if c == "\"" { inQuotes.toggle() }
            if inQuotes { continue }
            switch c {
            case "\t": tabs += 1
            case ",": commas += 1
            case "\n", "\r":
                if content { return tabs > commas ? "\t" : "," }
                (tabs, commas) = (0, 0)
            case " ", "\u{FEFF}": break
            default: content = true
            }
        }
        return tabs > commas ? "\t" : ","
    }

    static func parse(_ text: String, separator: Unicode.Scalar) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        var sawAny = false
        while let c = pending {
            pending = iterator.next()
            sawAny = true
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuotes = true
            case separator: fields.append(field); field = ""
            case "\r": if pending != "\n" { fallthrough }
            case "\n":
                fields.append(field)
                rows.append(Row(line: rowLine, fields: fields))
                fields = []
                field = ""
                line += 1
                rowLine = line
                sawAny = false
            default: field.unicodeScalars.append(c)
            }
        }
        if sawAny || !fields.isEmpty || !field.isEmpty {
            fields.append(field)
            rows.append(Row(line: rowLine, fields: fields))
        }
        return rows
    }
}
