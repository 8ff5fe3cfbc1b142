import CampaignIntents
import Foundation

/// Records for Excel (CSV, UTF-8 with BOM) and for programs (JSON lines), with ids, owners and every field.
/// With a `CampaignQuery` (导出 in chat): the records standing on its day, each lesson's status as every other
/// answer names it (待确认 once its day has passed unconfirmed), and a progress table of one row per person.
package enum Export {
    package enum What: String, CaseIterable, Sendable {
        case pledges, lessons, visits, works, all
        /// Tables of their own (other columns): commendations, and 对标定位 entries.
        case awards, benchmarks
    }

    static let columns = [
        "类型 type", "编号 id", "工号 staff_id", "姓名 name", "支部 branch", "日期 date", "星 star", "类别 kind",
        "内容 text", "节次 period", "班级 class", "级别 level", "状态 status", "推荐 nominated", "学生 student",
        "方式 mode", "备注 note", "节假日 holiday", "逾期 late", "登记时间 recorded_at",
        "附件 attachments", "修改记录 history",
    ]

    /// One record as ordered (key, value) pairs; empty values are left out of JSON lines. `query`: only the records
    /// standing on its day, lessons with their status then.
    static func rows(state: BotState, what: What, query: CampaignQuery? = nil, reader: borrowing PrivateReader)
        -> [[(String, String)]]
    {
        rows(state: state, what: what, query: query, students: .shown) { $0.text(for: reader) }
    }

    /// Whether a visit's row holds its student, note and files (a private reply, the operator's export) or leaves
    /// them out (the back office, which never shows them).
    enum Students { case shown, omitted }

    /// The rows; `student` reads a visit's student data, only asked when `students` is `.shown`.
    static func rows(
        state: BotState, what: What, query: CampaignQuery?, students: Students, student: (StudentData) -> String
    ) -> [[(String, String)]] {
        var out: [[(String, String)]] = []
        let shown = students == .shown
        /// The record's files: name and the start of the SHA-256 that names it under `files/sha256/`.
        func files(_ id: String) -> [(String, String)] {
            let list = (state.attachments[id] ?? []).map { "\($0.file.fileName) (sha256:\($0.file.sha256.prefix(12)))" }
            return [("attachments", list.joined(separator: "; "))]
        }
        func owner(_ id: String) -> [(String, String)] {
            let p = state.roster[id]
            return [("staff_id", id), ("name", p?.name ?? ""), ("branch", p?.branch ?? "")]
        }
        // With a query: the ids of the records standing on its day, and each lesson as it stood.
        let standing = query.map { Array($0.index.values) }
        let standingIDs = standing.map { records in
            Set(
                records.flatMap {
                    $0.pledges.map(\.id) + $0.works.map(\.id) + $0.visits.map(\.id) + $0.lessons.map(\.id)
                })
        }
        let standingLessons = Dictionary((standing ?? []).flatMap(\.lessons).map { ($0.id, $0) }) { a, _ in a }
        func kept<T>(_ records: [T], _ id: KeyPath<T, String>) -> [T] {
            guard let standingIDs else { return records }
            return records.filter { standingIDs.contains($0[keyPath: id]) }
        }
        if what == .pledges || what == .all {
            for p in kept(state.pledges, \.id) {
                out.append(
                    [("type", "pledge"), ("id", p.id)] + owner(p.staffID) + [
                        ("date", CampaignTime.local(p.at).date.description), ("star", p.star.rawValue),
                        ("text", p.text),
                        ("late", p.late ? "true" : "false"), ("recorded_at", CampaignTime.format(p.at)),
                    ] + history(state, p.id))
            }
        }
        if what == .lessons || what == .all {
            for stored in kept(state.lessons, \.id) {
                let l = standingLessons[stored.id] ?? stored
                let status = query.map { $0.state(of: l).rawValue } ?? l.status.rawValue
                out.append(
                    [("type", "lesson"), ("id", l.id)] + owner(l.staffID) + [
                        ("date", l.date.description), ("text", l.topic ?? ""), ("period", String(l.period)),
                        ("class", l.className),
                        ("level", l.level.rawValue), ("status", status),
                        ("nominated", l.nominated ? "true" : "false"),
                        ("recorded_at", CampaignTime.format(l.bookedAt)),
                    ] + files(l.id) + history(state, l.id))
            }
        }
        if what == .visits || what == .all {
            for v in kept(state.visits, \.id) {
                var row = [("type", "visit"), ("id", v.id)] + owner(v.staffID) + [("date", v.date.description)]
                if shown { row.append(("student", student(v.student))) }
                row.append(("mode", v.mode?.rawValue ?? ""))
                if shown { row.append(("note", v.note.map(student) ?? "")) }
                row += [("holiday", v.holiday ? "true" : "false"), ("recorded_at", CampaignTime.format(v.at))]
                out.append(row + (shown ? files(v.id) : []) + history(state, v.id, students: students))
            }
        }
        if what == .works || what == .all {
            for w in kept(state.works, \.id) {
                out.append(
                    [("type", "work"), ("id", w.id)] + owner(w.staffID) + [
                        ("date", CampaignTime.local(w.at).date.description), ("kind", w.kind.rawValue),
                        ("text", w.title),
                        ("recorded_at", CampaignTime.format(w.at)),
                    ] + files(w.id) + history(state, w.id))
            }
        }
        return out + withdrawn(state: state, what: what, until: query?.asOf, students: students, student: student)
    }

    /// For people (Excel): Chinese column names and Chinese values (来校 and 全校 are no longer both `school`).
    /// `codes`: the bilingual header and the ids of the JSON contract, for machines.
    /// Visits carry their student and note: only a private reply or the server's operator may make an export.
    package static func csv(state: BotState, what: What, codes: Bool = false, reader: borrowing PrivateReader)
        -> String
    {
        csv(state: state, what: what, query: nil, codes: codes, reader: reader)
    }

    /// The records as they stand on `query`'s day, lessons with the status the other answers give them.
    package static func csv(
        state: BotState, what: What, query: CampaignQuery?, codes: Bool = false, reader: borrowing PrivateReader
    ) -> String {
        if let table = AwardAndBenchmarkTable(what) { return table.csv(state: state, codes: codes) }
        let keys = columns.map { String($0.split(separator: " ").last ?? "") }
        let header = codes ? columns : columns.map { String($0.split(separator: " ").first ?? "") }
        var text = "\u{FEFF}" + header.map(quote).joined(separator: ",") + "\r\n"
        for row in rows(state: state, what: what, query: query, reader: reader) {
            let values = Dictionary(row, uniquingKeysWith: { a, _ in a })
            text +=
                keys.map { key in quote(codes ? values[key] ?? "" : chinese(key, values[key] ?? "")) }.joined(
                    separator: ",") + "\r\n"
        }
        return text
    }

    /// The records as the back office offers them for download: the chat's 导出 (records standing on `query`'s day,
    /// withdrawn ones and corrections included) without a visit's student, note and files — the web never shows
    /// them, so this needs no `PrivateReader` and has no columns for them. `branch`: its people's records only.
    package static func officeCSV(state: BotState, query: CampaignQuery, branch: String? = nil) -> String {
        let studentKeys = ["student", "note"]
        let kept = columns.filter { column in !studentKeys.contains { column.hasSuffix(" " + $0) } }
        let keys = kept.map { String($0.split(separator: " ").last ?? "") }
        let header = kept.map { String($0.split(separator: " ").first ?? "") }
        var text = "\u{FEFF}" + header.map(quote).joined(separator: ",") + "\r\n"
        let rows = rows(state: state, what: .all, query: query, students: .omitted) { _ in "" }
        for row in rows {
            let values = Dictionary(row, uniquingKeysWith: { a, _ in a })
            if let branch, values["branch"] != branch { continue }
            text += keys.map { quote(chinese($0, values[$0] ?? "")) }.joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// A field's value as a person reads it.
    static func chinese(_ key: String, _ value: String) -> String {
        switch key {
        case "type": ["pledge": "承诺", "lesson": "示范课", "visit": "家访", "work": "成果"][value] ?? value
        case "star": Star(rawValue: value)?.chineseName ?? value
        case "kind": WorkKind(rawValue: value)?.displayName ?? value
        case "level": LessonLevel(rawValue: value)?.chineseName ?? value
        case "mode": VisitMode(rawValue: value)?.chineseName ?? value
        case "status": value == withdrawnStatus ? "已撤销" : LessonState(rawValue: value)?.chineseName ?? value
        case "nominated", "holiday", "late": value == "true" ? "是" : value == "false" ? "" : value
        default: value
        }
    }

    package static func jsonLines(
        state: BotState, what: What, query: CampaignQuery? = nil, reader: borrowing PrivateReader
    ) -> String {
        if let table = AwardAndBenchmarkTable(what) { return table.jsonLines(state: state) }
        return rows(state: state, what: what, query: query, reader: reader).map { row in
            var writer = JSONObjectWriter()
            for (key, value) in row where !value.isEmpty {
                if key == "period", let n = Int(value) {
                    writer.add(key, n)
                } else if ["late", "holiday", "nominated"].contains(key) {
                    writer.add(key, value == "true")
                } else {
                    writer.add(key, value)
                }
            }
            return writer.finish() + "\n"
        }.joined()
    }

    /// Quotes a CSV field; a leading = + - @ is neutralised so Excel never runs it as a formula.
    static func quote(_ field: String) -> String {
        var value = field
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
