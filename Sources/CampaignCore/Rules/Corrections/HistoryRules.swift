import CampaignIntents
import Foundation

/// 历史 W-0001: a record's history — who changed it, when, and what it said before. Each person sees their own
/// records' history, admins any record's; a visit's earlier student data only in a private reply.
extension Turn {
    mutating func history(_ person: Person, _ id: String) throws {
        let entries = state.history[id] ?? []
        let owner = owner(of: id)
        // A withdrawn pledge, visit or work is gone from the records; its history still names who withdrew it.
        let own = owner == person.staffID || owner == nil && entries.contains { $0.by == person.staffID }
        guard person.permission == .admin || own else {
            try reply(
                owner == nil && entries.isEmpty
                    ? t(
                        "没有找到记录 \(id)。请核对编号（发送“我的进度”或“我的家访”可查看您的记录编号）。",
                        "There is no record \(id). Check the id (/me or /visits lists yours).")
                    : t(
                        "\(id) 不是您的记录，只能查看自己记录的历史（管理员可查看全部）。",
                        "\(id) is not your record; you can see the history of your own records only."))
            return
        }
        let now = summary(of: id)?.shared
        guard !entries.isEmpty else {
            try reply(
                t(
                    "\(id) 没有修改过。" + (now.map { "现在：\($0)" } ?? ""),
                    "\(id) has not been changed." + (now.map { " Now: \($0)" } ?? "")))
            return
        }
        let english = english
        let roster = state.roster
        let lines = entries.map { entry in
            let time = CampaignTime.format(entry.at).prefix(16).replacingOccurrences(of: "T", with: " ")
            let who = roster[entry.by].map { "\($0.name)（\(entry.by)）" } ?? entry.by
            return (
                english
                    ? "\(time) \(who): \(entry.action); before: \(entry.before)"
                    : "\(time) \(who)\(entry.action)；之前：\(entry.before)",
                entry.beforeStudent
            )
        }
        let heading = t("\(id) 的修改历史（共 \(entries.count) 次）：", "History of \(id) (\(entries.count) changes):")
        let footer = now.map { t("现在：\($0)", "Now: \($0)") } ?? t("这条记录已撤销。", "This record was withdrawn.")
        guard lines.contains(where: { $0.1 != nil }) else {
            return try reply(([heading] + lines.map(\.0) + [footer]).joined(separator: "\n"))
        }
        // A visit's earlier student, mode and note are about a minor: in a group only the times and who.
        try replyPrivately(
            inGroup: t(
                "\(id) 的修改历史（共 \(entries.count) 次）含学生信息。",
                "The history of \(id) (\(entries.count) changes) concerns a student.")
        ) { reader in
            var text = [heading]
            for (line, student) in lines {
                text.append(line + (student.map { (english ? ", " : "，") + $0.text(for: reader) } ?? ""))
            }
            text.append(footer)
            return text.joined(separator: "\n")
        }
    }
}
