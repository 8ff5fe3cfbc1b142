import CampaignIntents
import Foundation

/// The export tables of 评选表彰 and 对标定位 (`cxzy export --what awards|benchmarks`, and the extra CSV files of
/// `导出`): their own columns, in the same CSV (UTF-8 with BOM, Chinese or `--codes` values) and JSON-lines forms.
enum AwardAndBenchmarkTable {
    case awards, benchmarks

    init?(_ what: Export.What) {
        switch what {
        case .awards: self = .awards
        case .benchmarks: self = .benchmarks
        default: return nil
        }
    }

    var columns: [String] {
        switch self {
        case .awards:
            [
                "编号 id", "阶段 phase", "星 star", "称号 title", "工号 staff_id", "姓名 name", "支部 branch", "状态 status",
                "推荐理由 reason", "证据 evidence", "推荐人 proposed_by", "推荐时间 proposed_at", "处理人 decided_by",
                "处理时间 decided_at", "驳回理由 note", "已通知 announced", "撤销人 revoked_by", "撤销时间 revoked_at",
                "撤销理由 revocation_note",
            ]
        case .benchmarks:
            [
                "编号 id", "阶段 phase", "工号 staff_id", "姓名 name", "支部 branch", "榜样 model", "差距 gaps", "措施 steps",
                "登记时间 recorded_at", "修改时间 revised_at",
            ]
        }
    }

    func rows(state: BotState) -> [[(String, String)]] {
        func owner(_ id: String) -> [(String, String)] {
            let p = state.roster[id]
            return [("staff_id", id), ("name", p?.name ?? ""), ("branch", p?.branch ?? "")]
        }
        switch self {
        case .awards:
            return state.awards.map { a in
                [("id", a.id), ("phase", String(a.phase)), ("star", a.star.rawValue), ("title", a.title)]
                    + owner(a.staffID) + [
                        ("status", a.status.rawValue), ("reason", a.reason ?? ""),
                        ("evidence", a.evidence.joined(separator: " ")),
                        ("proposed_by", a.proposedBy), ("proposed_at", CampaignTime.format(a.proposedAt)),
                        ("decided_by", a.decidedBy ?? ""),
                        ("decided_at", a.decidedAt.map { CampaignTime.format($0) } ?? ""),
                        ("note", a.decisionNote ?? ""), ("announced", a.announced ? "true" : "false"),
                        ("revoked_by", a.revokedBy ?? ""),
                        ("revoked_at", a.revokedAt.map { CampaignTime.format($0) } ?? ""),
                        ("revocation_note", a.revocationNote ?? ""),
                    ]
            }
        case .benchmarks:
            return state.benchmarks.map { b in
                [("id", b.id), ("phase", String(b.phase))] + owner(b.staffID) + [
                    ("model", b.model), ("gaps", b.gaps), ("steps", b.steps),
                    ("recorded_at", CampaignTime.format(b.at)),
                    ("revised_at", b.revisedAt.map { CampaignTime.format($0) } ?? ""),
                ]
            }
        }
    }

    func csv(state: BotState, codes: Bool) -> String {
        let keys = columns.map { String($0.split(separator: " ").last ?? "") }
        let header = codes ? columns : columns.map { String($0.split(separator: " ").first ?? "") }
        var text = "\u{FEFF}" + header.map(Export.quote).joined(separator: ",") + "\r\n"
        for row in rows(state: state) {
            let values = Dictionary(row, uniquingKeysWith: { a, _ in a })
            text +=
                keys.map { key in
                    let value = values[key] ?? ""
                    return Export.quote(codes ? value : Self.chinese(key, value))
                }.joined(separator: ",") + "\r\n"
        }
        return text
    }

    static func chinese(_ key: String, _ value: String) -> String {
        switch key {
        case "star": Star(rawValue: value)?.chineseName ?? value
        case "status": CommendationStatus(rawValue: value)?.chineseName ?? value
        case "announced": value == "true" ? "是" : ""
        default: value
        }
    }

    func jsonLines(state: BotState) -> String {
        rows(state: state).map { row in
            var writer = JSONObjectWriter()
            for (key, value) in row where !value.isEmpty {
                if key == "phase", let n = Int(value) {
                    writer.add(key, n)
                } else if key == "announced" {
                    writer.add(key, value == "true")
                } else {
                    writer.add(key, value)
                }
            }
            return writer.finish() + "\n"
        }.joined()
    }
}

extension Export {
    /// The 表彰 or 对标定位 table as CSV for people (nil for the other tables). These hold no student data, so they
    /// need no `PrivateReader` (the web back office offers them).
    package static func tableCSV(_ what: What, state: BotState) -> String? {
        AwardAndBenchmarkTable(what)?.csv(state: state, codes: false)
    }
}
