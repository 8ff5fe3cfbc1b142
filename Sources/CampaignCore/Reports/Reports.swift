package import CampaignIntents
import Foundation

/// Statistics and lists for secretaries and admins, as short text that reads well on a phone.
package struct Reports {
    package var campaign: Campaign
    package var state: BotState
    package var today: CalendarDate
    /// Answer in English (the question was asked in English).
    package var english: Bool

    package init(campaign: Campaign, state: BotState, today: CalendarDate, english: Bool = false) {
        self.campaign = campaign
        self.state = state
        self.today = today
        self.english = english
    }

    func t(_ zh: String, _ en: String) -> String { english ? en : zh }

    func percent(_ a: Int, _ b: Int) -> String { b == 0 ? "—" : "\(Int((Double(a) * 100 / Double(b)).rounded()))%" }

    /// `branch` nil: the whole school (admins); otherwise only that branch (secretaries).
    package func stats(by dimension: StatsDimension, branch: String?) -> String {
        let people = state.activePeople.filter { branch == nil || $0.branch == branch }
        let scope = branch ?? t("全校", "whole school")
        var lines = [
            t(
                "统计·\(dimension == .branch ? "按支部" : dimension == .star ? "按三星" : "按阶段")（\(scope)，截至\(today.chinese)）",
                "Statistics by \(dimension.rawValue) (\(scope), as of \(today))")
        ]
        switch dimension {
        case .branch:
            let groups = Dictionary(grouping: people, by: \.branch).sorted { $0.key < $1.key }
            for (name, members) in groups {
                lines.append(
                    t(
                        "\(name.isEmpty ? "未分支部" : name)（\(members.count)人）",
                        "\(name.isEmpty ? "no branch" : name) (\(members.count))"))
                lines.append("  " + summary(members))
            }
            if branch == nil && groups.count > 1 {
                lines.append(t("合计（\(people.count)人）", "Total (\(people.count))"))
                lines.append("  " + summary(people))
            }
        case .star:
            for rule in campaign.stars {
                let eligible = people.filter { $0.mayStrive(for: rule) }
                let pledged = people.filter { p in state.pledges(of: p.staffID).contains { $0.star == rule.star } }
                let done = pledged.filter { p in
                    state.starProgress(of: p, campaign: campaign).contains { $0.star == rule.star && $0.complete }
                }
                lines.append(
                    t(
                        "\(rule.star.chineseName)：可申报 \(eligible.count)，已申报 \(pledged.count)（\(percent(pledged.count, eligible.count))），已完成 \(done.count)（\(percent(done.count, pledged.count))）",
                        "\(rule.star.englishName): eligible \(eligible.count), pledged \(pledged.count) (\(percent(pledged.count, eligible.count))), complete \(done.count) (\(percent(done.count, pledged.count)))"
                    ))
            }
        case .phase:
            let ids = Set(people.map(\.staffID))
            for phase in campaign.phases {
                let status =
                    phase.span.contains(today)
                    ? t("进行中", "now") : phase.span.to < today ? t("已结束", "ended") : t("未开始", "not started")
                func inPhase(_ date: CalendarDate) -> Bool { phase.span.contains(date) }
                let pledges = state.pledges.filter {
                    ids.contains($0.staffID) && inPhase(CampaignTime.local($0.at).date)
                }.count
                let lessons = state.lessons.filter { ids.contains($0.staffID) && $0.isActive && inPhase($0.date) }.count
                let visits = state.visits.filter { ids.contains($0.staffID) && inPhase($0.date) }.count
                let works = state.works.filter { ids.contains($0.staffID) && inPhase(CampaignTime.local($0.at).date) }
                    .count
                lines.append(
                    t("第\(phase.number)阶段 \(phase.name)（\(status)）", "Phase \(phase.number) \(phase.name) (\(status))"))
                lines.append(
                    t(
                        "  \(phase.span.from.chinese)—\(phase.span.to.chinese)：承诺 \(pledges) 示范课 \(lessons) 家访 \(visits) 成果 \(works)",
                        "  \(phase.span.from)–\(phase.span.to): pledges \(pledges) lessons \(lessons) visits \(visits) works \(works)"
                    ))
            }
        }
        return lines.joined(separator: "\n")
    }

    func summary(_ members: [Person]) -> String {
        let pledged = members.filter { !state.pledges(of: $0.staffID).isEmpty }.count
        let teachers = members.filter(\.teachesDemoLesson)
        let booked = teachers.filter { p in state.activeLessons(of: p.staffID).contains { $0.level == .group } }.count
        let visits = members.flatMap { state.visits(of: $0.staffID) }
        let stars = members.flatMap { state.starProgress(of: $0, campaign: campaign) }.filter(\.complete).count
        return t(
            "承诺 \(pledged)/\(members.count)（\(percent(pledged, members.count))） 示范课 \(booked)/\(teachers.count) 家访 \(visits.count)（节假日 \(visits.filter(\.holiday).count)） 达星 \(stars)",
            "pledged \(pledged)/\(members.count) (\(percent(pledged, members.count))) lessons \(booked)/\(teachers.count) visits \(visits.count) (holidays \(visits.filter(\.holiday).count)) stars \(stars)"
        )
    }

    package func missingList(_ target: MissingTarget, branch: String?) -> String {
        if target == .all { return digestText(branch: branch) }
        let list = missing(target, branch: branch)
        let title: String
        switch target {
        case .all: title = t("待办汇总", "To do")
        case .pledge: title = t("未申报承诺", "No pledge yet")
        case .lesson: title = t("示范课未完成", "Demo lesson not done")
        case .visit: title = t("节假日家访未完成", "Holiday home visits missing")
        case .benchmark: title = t("对标定位未填写", "No benchmark yet")
        case .moral, .teaching, .research:
            title = t("\(target.chineseName)未完成", "\(target.star?.englishName ?? target.rawValue) not complete")
        }
        let scope = branch ?? t("全校", "whole school")
        let rule = t("规则：\(list.rule)；适用 \(list.applies) 人。", "Rule: \(list.rule); applies to \(list.applies).")
        guard list.applies > 0 else {
            return t(
                "\(title)（\(scope)）：名单中没有适用这条要求的人。\n", "\(title) (\(scope)): nobody on the roster this applies to.\n")
                + rule
        }
        guard !list.rows.isEmpty else {
            return t(
                "\(title)（\(scope)）：适用的 \(list.applies) 人都已完成 ✓\n", "\(title) (\(scope)): all \(list.applies) done ✓\n")
                + rule
        }
        var lines = [
            t(
                "\(title)（\(scope)，\(list.rows.count)/\(list.applies) 人）：",
                "\(title) (\(scope), \(list.rows.count) of \(list.applies)):")
        ]
        let groups = Dictionary(grouping: list.rows, by: { $0.person.branch }).sorted { $0.key < $1.key }
        for (name, members) in groups {
            let names = members.sorted { $0.person.staffID < $1.person.staffID }
                .map {
                    target == .pledge || target == .benchmark
                        ? $0.person.name : t("\($0.person.name)（\($0.lacks)）", "\($0.person.name) (\($0.lacks))")
                }
            lines.append(
                t(
                    "\(name.isEmpty ? "未分支部" : name)：\(names.joined(separator: "、"))",
                    "\(name.isEmpty ? "no branch" : name): \(names.joined(separator: ", "))"))
        }
        lines.append(rule)
        return lines.joined(separator: "\n")
    }
}

/// Records for Excel (CSV, UTF-8 with BOM) and for programs (JSON lines), with ids, owners and every field.
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
        "附件 attachments",
    ]

    /// One record as ordered (key, value) pairs; empty values are left out of JSON lines.
    static func rows(state: BotState, what: What, reader: borrowing PrivateReader) -> [[(String, String)]] {
        var out: [[(String, String)]] = []
        /// The record's files: name and the start of the SHA-256 that names it under `files/sha256/`.
        func files(_ id: String) -> [(String, String)] {
            let list = (state.attachments[id] ?? []).map { "\($0.file.fileName) (sha256:\($0.file.sha256.prefix(12)))" }
            return [("attachments", list.joined(separator: "; "))]
        }
        func owner(_ id: String) -> [(String, String)] {
            let p = state.roster[id]
            return [("staff_id", id), ("name", p?.name ?? ""), ("branch", p?.branch ?? "")]
        }
        if what == .pledges || what == .all {
            for p in state.pledges {
                out.append(
                    [("type", "pledge"), ("id", p.id)] + owner(p.staffID) + [
                        ("date", CampaignTime.local(p.at).date.description), ("star", p.star.rawValue),
                        ("text", p.text),
                        ("late", p.late ? "true" : "false"), ("recorded_at", CampaignTime.format(p.at)),
                    ])
            }
        }
        if what == .lessons || what == .all {
            for l in state.lessons {
                out.append(
                    [("type", "lesson"), ("id", l.id)] + owner(l.staffID) + [
                        ("date", l.date.description), ("text", l.topic ?? ""), ("period", String(l.period)),
                        ("class", l.className),
                        ("level", l.level.rawValue), ("status", l.status.rawValue),
                        ("nominated", l.nominated ? "true" : "false"),
                        ("recorded_at", CampaignTime.format(l.bookedAt)),
                    ] + files(l.id))
            }
        }
        if what == .visits || what == .all {
            for v in state.visits {
                out.append(
                    [("type", "visit"), ("id", v.id)] + owner(v.staffID) + [
                        ("date", v.date.description), ("student", v.student.text(for: reader)),
                        ("mode", v.mode?.rawValue ?? ""), ("note", v.note?.text(for: reader) ?? ""),
                        ("holiday", v.holiday ? "true" : "false"), ("recorded_at", CampaignTime.format(v.at)),
                    ] + files(v.id))
            }
        }
        if what == .works || what == .all {
            for w in state.works {
                out.append(
                    [("type", "work"), ("id", w.id)] + owner(w.staffID) + [
                        ("date", CampaignTime.local(w.at).date.description), ("kind", w.kind.rawValue),
                        ("text", w.title),
                        ("recorded_at", CampaignTime.format(w.at)),
                    ] + files(w.id))
            }
        }
        return out
    }

    /// For people (Excel): Chinese column names and Chinese values (来校 and 全校 are no longer both `school`).
    /// `codes`: the bilingual header and the ids of the JSON contract, for machines.
    /// Visits carry their student and note: only a private reply or the server's operator may make an export.
    package static func csv(state: BotState, what: What, codes: Bool = false, reader: borrowing PrivateReader)
        -> String
    {
        if let table = AwardAndBenchmarkTable(what) { return table.csv(state: state, codes: codes) }
        let keys = columns.map { String($0.split(separator: " ").last ?? "") }
        let header = codes ? columns : columns.map { String($0.split(separator: " ").first ?? "") }
        var text = "\u{FEFF}" + header.map(quote).joined(separator: ",") + "\r\n"
        for row in rows(state: state, what: what, reader: reader) {
            let values = Dictionary(row, uniquingKeysWith: { a, _ in a })
            text +=
                keys.map { key in quote(codes ? values[key] ?? "" : chinese(key, values[key] ?? "")) }.joined(
                    separator: ",") + "\r\n"
        }
        return text
    }

    /// A field's value as a person reads it.
    static func chinese(_ key: String, _ value: String) -> String {
        switch key {
        case "type": ["pledge": "承诺", "lesson": "示范课", "visit": "家访", "work": "成果"][value] ?? value
        case "star": Star(rawValue: value)?.chineseName ?? value
        case "kind": WorkKind(rawValue: value)?.chineseName ?? value
        case "level": LessonLevel(rawValue: value)?.chineseName ?? value
        case "mode": VisitMode(rawValue: value)?.chineseName ?? value
        case "status": ["booked": "已预约", "held": "已上", "not_held": "未上", "cancelled": "已取消"][value] ?? value
        case "nominated", "holiday", "late": value == "true" ? "是" : value == "false" ? "" : value
        default: value
        }
    }

    package static func jsonLines(state: BotState, what: What, reader: borrowing PrivateReader) -> String {
        if let table = AwardAndBenchmarkTable(what) { return table.jsonLines(state: state) }
        return rows(state: state, what: what, reader: reader).map { row in
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
