import CampaignIntents
package import Foundation

/// Loads a campaign from a JSON file (the same shape `cxzy calendar --json` prints) and checks it.
/// Every error names the field and the line, so a school can fix its own file.
package enum CampaignFile {
    package struct Problem: Error, Sendable, CustomStringConvertible, Equatable {
        package var field: String
        package var line: Int?
        package var message: String
        package var description: String {
            "campaign file: \(field.isEmpty ? "(top level)" : field)\(line.map { " (line \($0))" } ?? ""): \(message)"
        }
    }

    package static func load(_ data: Data) throws -> Campaign {
        let text = String(decoding: data, as: UTF8.self)
        let lines = JSONLines(text)
        let campaign: Campaign
        do {
            campaign = try JSONDecoder().decode(Campaign.self, from: data)
        } catch let error as DecodingError {
            throw problem(error, lines: lines)
        }
        let problems = validate(campaign)
        if let first = problems.first {
            throw Problem(field: first.0, line: lines.line(of: first.0), message: first.1)
        }
        return campaign
    }

    package static func encode(_ campaign: Campaign) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(campaign)
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out
    }

    static func problem(_ error: DecodingError, lines: JSONLines) -> Problem {
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return Problem(
                field: parent.isEmpty ? key.stringValue : parent + "." + key.stringValue,
                line: lines.line(of: parent), message: "required field is missing")
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return Problem(field: field, line: lines.line(of: field), message: "expected \(type)")
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            return Problem(field: field, line: lines.line(of: field), message: "expected \(type), found null")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return Problem(
                field: field, line: field.isEmpty ? nil : lines.line(of: field),
                message: detail ?? context.debugDescription)
        @unknown default:
            return Problem(field: "", line: nil, message: "\(error)")
        }
    }

    /// Checks the plan makes sense; returns (field, message) for each problem.
    package static func validate(_ c: Campaign) -> [(String, String)] {
        var problems: [(String, String)] = []
        if c.phases.isEmpty { problems.append(("phases", "a campaign needs at least one phase")) }
        for (i, phase) in c.phases.enumerated() {
            if phase.span.from > phase.span.to { problems.append(("phases[\(i)].span", "starts after it ends")) }
            if i > 0, phase.span.from <= c.phases[i - 1].span.to {
                problems.append(("phases[\(i)].span.from", "overlaps the previous phase"))
            }
            if phase.number != i + 1 {
                problems.append(("phases[\(i)].number", "phases must be numbered 1, 2, 3 … in order"))
            }
        }
        if c.phase(number: c.lessonPhase) == nil {
            problems.append(("lessonPhase", "there is no phase \(c.lessonPhase)"))
        }
        var ids = Set<String>()
        for (i, m) in c.milestones.enumerated() {
            if !ids.insert(m.id).inserted { problems.append(("milestones[\(i)].id", "“\(m.id)” is used twice")) }
            if m.offsets.contains(where: { $0 < 0 || $0 > 365 }) {
                problems.append(("milestones[\(i)].offsets", "offsets are days before the date, 0…365"))
            }
        }
        var seen = Set<Star>()
        for (i, rule) in c.stars.enumerated() {
            if !seen.insert(rule.star).inserted {
                problems.append(("stars[\(i)].star", "\(rule.star.rawValue) is defined twice"))
            }
            if rule.requirements.isEmpty {
                problems.append(("stars[\(i)].requirements", "a star needs at least one requirement"))
            }
            for (j, r) in rule.requirements.enumerated() where r.anyOf.isEmpty && r.holidayVisits <= 0 {
                problems.append(("stars[\(i)].requirements[\(j)]", "needs anyOf work kinds or holidayVisits > 0"))
            }
        }
        for (i, holiday) in c.holidays.enumerated() where holiday.from > holiday.to {
            problems.append(("holidays[\(i)].to", "“\(holiday.name)” ends before it starts"))
        }
        for (i, day) in c.makeUpWorkdays.enumerated() where !day.date.isWeekend {
            problems.append(
                (
                    "makeUpWorkdays[\(i)].date",
                    "\(day.date) is not a Saturday or Sunday; a make-up workday (调休上班日) is a weekend day worked"
                ))
        }
        for (field, minute) in [
            ("reminderMinute", c.reminderMinute), ("lessonReminderMinute", c.lessonReminderMinute),
            ("quietStartMinute", c.quietStartMinute), ("quietEndMinute", c.quietEndMinute),
        ]
        where !(0..<1440).contains(minute) {
            problems.append((field, "minutes after midnight must be 0…1439"))
        }
        if !(1...8).contains(c.morningPeriods) { problems.append(("morningPeriods", "must be 1…8")) }
        if !(0...7).contains(c.digestWeekday) {
            problems.append(("digestWeekday", "must be 1 (Monday) … 7 (Sunday), or 0 for no weekly digest"))
        }
        return problems
    }
}

/// Maps a field path (`phases[2].span.to`) to the line where its value starts in a JSON text.
struct JSONLines {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        scanner.value(path: "", into: &lines)
    }

    func line(of path: String) -> Int? {
        var p = path
        while !p.isEmpty {
            if let line = lines[p] { return line }
            if let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) { p = String(p[..<cut]) } else { break }
        }
        return lines[""]
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) {
                if bytes[i] == 0x0A { line += 1 }
                i += 1
            }
        }

        mutating func string() -> String {
            var out: [UInt8] = []
            i += 1
            while i < bytes.count, bytes[i] != 0x22 {
                if bytes[i] == 0x5C { i += 1 }
                if i < bytes.count { out.append(bytes[i]); if bytes[i] == 0x0A { line += 1 } }
                i += 1
            }
            i += 1
            return String(decoding: out, as: UTF8.self)
        }

        mutating func value(path: String, into map: inout [String: Int]) {
            skipSpace()
            guard i < bytes.count else { return }
            map[path] = line
            switch bytes[i] {
            case 0x7B:  // {
                i += 1
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] != 0x7D else { i += 1; return }
                    if bytes[i] == 0x2C { i += 1; continue }
                    guard bytes[i] == 0x22 else { i += 1; continue }
                    let keyLine = line
                    let key = string()
                    skipSpace()
                    if i < bytes.count, bytes[i] == 0x3A { i += 1 }
                    let child = path.isEmpty ? key : path + "." + key
                    value(path: child, into: &map)
                    map[child] = min(map[child] ?? keyLine, keyLine)
                }
            case 0x5B:  // [
                i += 1
                var index = 0
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] != 0x5D else { i += 1; return }
                    if bytes[i] == 0x2C { i += 1; continue }
                    value(path: path + "[\(index)]", into: &map)
                    index += 1
                }
            case 0x22:
                _ = string()
            default:
                while i < bytes.count, ![0x2C, 0x7D, 0x5D, 0x0A].contains(bytes[i]) { i += 1 }
            }
        }
    }
}
