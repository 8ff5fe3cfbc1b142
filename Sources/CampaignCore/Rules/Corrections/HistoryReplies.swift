import CampaignIntents
import Foundation

/// What 历史 decided, and all of its words.
enum HistoryReply: Reply {
    case noSuchRecord(String)
    case notYours(String)
    /// Never changed; `now`: the record as it is.
    case unchanged(String, now: RecordSummary?)
    /// The history holds a visit's earlier student data: what a group hears.
    case concernsStudent(String, changes: Int)

    func text(english: Bool) -> String {
        switch self {
        case .noSuchRecord(let id):
            return english
                ? "There is no record \(id). Check the id (/me or /visits lists yours)."
                : "没有找到记录 \(id)。请核对编号（发送“我的进度”或“我的家访”可查看您的记录编号）。"
        case .notYours(let id):
            return english
                ? "\(id) is not your record; you can see the history of your own records only."
                : "\(id) 不是您的记录，只能查看自己记录的历史（管理员可查看全部）。"
        case .unchanged(let id, let now):
            let now = now?.shared(english: english)
            return english
                ? "\(id) has not been changed." + (now.map { " Now: \($0)" } ?? "")
                : "\(id) 没有修改过。" + (now.map { "现在：\($0)" } ?? "")
        case .concernsStudent(let id, let changes):
            return english
                ? "The history of \(id) (\(changes) changes) concerns a student." : "\(id) 的修改历史（共 \(changes) 次）含学生信息。"
        }
    }
}

/// A record's history: who changed it, when, and what it said before (a visit's earlier student only in private).
struct HistoryList: Reply, PrivateReply {
    struct Line {
        var entry: RecordHistoryEntry
        /// The name of whoever made the change, when they are on the roster.
        var name: String?
    }

    var id: String
    var lines: [Line]
    /// The record as it is; nil: withdrawn.
    var now: RecordSummary?

    /// The history without any student data.
    func text(english: Bool) -> String {
        text(english: english) { _ in "" }
    }

    func text(english: Bool, for reader: borrowing PrivateReader) -> String {
        var students: [String] = []
        for line in lines {
            students.append(line.entry.beforeStudent.map { (english ? ", " : "，") + $0.text(for: reader) } ?? "")
        }
        return text(english: english) { students[$0] }
    }

    private func text(english: Bool, student: (Int) -> String) -> String {
        var text = [english ? "History of \(id) (\(lines.count) changes):" : "\(id) 的修改历史（共 \(lines.count) 次）："]
        for (i, line) in lines.enumerated() {
            let entry = line.entry
            let time = CampaignTime.format(entry.at).prefix(16).replacingOccurrences(of: "T", with: " ")
            let who = line.name.map { "\($0)（\(entry.by)）" } ?? entry.by
            text.append(
                (english
                    ? "\(time) \(who): \(entry.action); before: \(entry.before)"
                    : "\(time) \(who)\(entry.action)；之前：\(entry.before)") + student(i))
        }
        text.append(
            now.map { english ? "Now: \($0.shared(english: true))" : "现在：\($0.shared(english: false))" }
                ?? (english ? "This record was withdrawn." : "这条记录已撤销。"))
        return text.joined(separator: "\n")
    }
}
