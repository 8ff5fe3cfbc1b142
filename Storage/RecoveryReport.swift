import Foundation

/// What `StoreRecovery.recover` did: where the new store starts, what it kept, and exactly what it could not keep.
public struct RecoveryReport: Sendable {
    /// A line in a journal file.
    public struct Place: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        /// 1-based.
        public var line: Int
        public var offset: Int

        /// The file relative to the store (`journal.jsonl`, `backups/journal-…`).
        public var name: String {
            let parent = ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent
            let name = (file as NSString).lastPathComponent
            return parent == "backups" ? "backups/" + name : name
        }

        public var description: String { "\(name) line \(line) (byte offset \(offset))" }
        public var chinese: String { "\(name) 第 \(line) 行（字节偏移 \(offset)）" }
    }

    /// A journal entry (or an unreadable line) the new store does not have.
    public struct Lost: Sendable, Equatable {
        public enum Cause: Sendable, Equatable {
            /// Its line is damaged (or missing) in every journal that has it.
            case damaged
            /// Its line is intact, but its changes do not decode.
            case undecodable
            /// Its line is intact, but the schema refused its changes on the recovered state.
            case refused
        }

        /// Which entry it was; nil when nothing tells (the line is unreadable and its neighbours do not place it).
        public var sequence: UInt64?
        /// The damaged line that held it; nil when no journal has a line for it.
        public var place: Place?
        public var cause: Cause
        public var reason: String
        /// The line as found (it may itself be damaged), so that a person can see what it was and enter it again.
        public var text: String
        /// The journal's last line: most likely a commit whose append never finished, so it was never confirmed.
        public var lastLine: Bool
        /// What the entry did and why it could not be kept, in Chinese, when the schema can say (`refused`).
        public var chineseReason: String? = nil
    }

    /// A damaged or misplaced line whose entry the new store has anyway.
    public struct Repaired: Sendable, Equatable {
        public enum How: Sendable, Equatable {
            /// An intact copy of the entry was read at this place (in a backup journal).
            case copy(Place)
            /// The entry is older than the snapshot the new store starts from.
            case inSnapshot
            /// The line is intact but its sequence number (not covered by the checksum) read `read`; its neighbours
            /// place it.
            case renumbered(read: UInt64)
        }

        public var sequence: UInt64
        public var place: Place
        public var how: How
    }

    /// An entry kept only because the application let the state bridge an earlier loss (see `StoreRecovery.Bridge`).
    public struct Bridged: Sendable, Equatable {
        public var sequence: UInt64
        public var notes: [String]
    }

    public var source: String
    public var destination: String
    /// The snapshot the new store starts from; nil for the empty state (no snapshot could be read, and the journal
    /// begins at the first change).
    public var baseFile: String?
    public var baseSequence: UInt64
    /// Snapshots that could not be used, newest first, with why.
    public var passedOver: [StoreError]
    /// `journal.jsonl` was missing next to the snapshot: changes after it, if there were any, are gone.
    public var journalMissing: Bool
    public var keptEntries: Int
    /// The new store's snapshot holds this sequence; its next commit is one more.
    public var lastSequence: UInt64
    public var lost: [Lost]
    public var repaired: [Repaired]
    public var bridged: [Bridged]
    /// Damaged lines in backup journals whose entries were not needed (older than the base, or read elsewhere).
    public var unneededDamage: [Place]

    /// Lost entries that are known by number.
    public var lostSequences: [UInt64] { lost.compactMap(\.sequence) }

    private var baseName: String {
        baseFile.map { RecoveryReport.relative($0) } ?? "the empty state"
    }

    static func relative(_ file: String) -> String {
        Place(file: file, line: 0, offset: 0).name
    }

    /// At most `limit` characters of a damaged line, on one line.
    static func excerpt(_ text: String, limit: Int = 160) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: "⏎")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}

extension RecoveryReport: CustomStringConvertible {
    public var description: String {
        var lines = ["Recovered \(source) into \(destination); nothing in \(source) was changed."]
        for problem in passedOver { lines.append("  Could not use: \(problem.summary)") }
        lines.append(
            "  Started from \(baseName) (seq \(baseSequence)); kept \(keptEntries) journal entries after it; the new store continues after seq \(lastSequence)."
        )
        if journalMissing {
            lines.append("  journal.jsonl was missing: changes after seq \(baseSequence), if there were any, are lost.")
        }
        if lost.isEmpty {
            lines.append("  Nothing was lost.")
        } else {
            lines.append("  Could not keep \(lost.count) \(lost.count == 1 ? "entry" : "entries"):")
            for item in lost {
                let which = item.sequence.map { "seq \($0)" } ?? "an entry whose number cannot be told"
                let place = item.place.map { ", \($0)" } ?? ""
                let last =
                    item.lastLine
                    ? " (the journal's last line: probably an append that never finished, so never confirmed)" : ""
                lines.append("  - \(which)\(place): \(item.reason)\(last)")
                if !item.text.isEmpty { lines.append("      as found: \(Self.excerpt(item.text))") }
            }
            lines.append("  The lines as found are in RECOVERY.txt in the new store.")
        }
        for item in repaired {
            switch item.how {
            case let .copy(place):
                lines.append("  Repaired seq \(item.sequence) at \(item.place) from an intact copy at \(place).")
            case .inSnapshot:
                lines.append("  Damaged \(item.place) held seq \(item.sequence), which the snapshot already has.")
            case let .renumbered(read):
                lines.append(
                    "  Kept seq \(item.sequence) at \(item.place): its content is intact but its number read \(read).")
            }
        }
        for item in bridged {
            lines.append(
                "  Kept seq \(item.sequence) after a lost entry by letting numbers skip: \(item.notes.joined(separator: "; "))."
            )
        }
        for place in unneededDamage { lines.append("  Also damaged, not needed: \(place).") }
        if !lost.isEmpty {
            lines.append(
                "Check what could not be kept (ask the people concerned to send it again), then start with --store \(destination)."
            )
        } else {
            lines.append("Start with --store \(destination).")
        }
        return lines.joined(separator: "\n")
    }

    /// The same, for the school's admin.
    public var chinese: String {
        var lines = ["已从 \(source) 恢复出新的数据目录 \(destination)；原目录没有任何改动。"]
        for problem in passedOver {
            if case let .damaged(file, line, offset, reason) = problem {
                lines.append("  无法使用：\(Self.relative(file)) 第 \(line) 行（字节偏移 \(offset)）已损坏：\(reason)")
            } else {
                lines.append("  无法使用：\(problem.chinese)")
            }
        }
        let base = baseFile.map { Self.relative($0) } ?? "空白数据"
        lines.append("  起点：\(base)（到第 \(baseSequence) 号记录为止）；其后保留日志 \(keptEntries) 条；新数据从第 \(lastSequence) 号之后继续。")
        if journalMissing { lines.append("  日志 journal.jsonl 缺失：第 \(baseSequence) 号之后如有更改，均已丢失。") }
        if lost.isEmpty {
            lines.append("  没有丢失任何记录。")
        } else {
            lines.append("  无法恢复 \(lost.count) 条：")
            for item in lost {
                let which = item.sequence.map { "第 \($0) 号" } ?? "编号无法辨认的一条"
                let place = item.place.map { "，\($0.chinese)" } ?? "，没有任何日志保存这一条"
                let why =
                    switch item.cause {
                    case .damaged: item.lastLine ? "：日志最后一行没写完，多半是从未确认的更改" : "：该行已损坏"
                    case .undecodable: "：内容无法解读"
                    case .refused:
                        "：紧随丢失的记录之后，规则不接受它" + (item.chineseReason.map { "——" + $0 } ?? "")
                    }
                lines.append("  - \(which)\(place)\(why)")
            }
            lines.append("  无法恢复的日志原文保存在新目录的 RECOVERY.txt 中。")
        }
        let repairedCount = repaired.filter { if case .inSnapshot = $0.how { false } else { true } }.count
        if repairedCount > 0 { lines.append("  另有 \(repairedCount) 条损坏的日志已从备份或前后记录中完整恢复。") }
        if !bridged.isEmpty { lines.append("  有 \(bridged.count) 条紧随丢失记录之后的更改，在编号跳过丢失部分后保留。") }
        if !lost.isEmpty {
            lines.append("请核对以上无法恢复的记录（必要时请当事人重新发送），确认后用新目录启动：--store \(destination)")
        } else {
            lines.append("请用新目录启动：--store \(destination)")
        }
        return lines.joined(separator: "\n")
    }
}

/// Why `StoreRecovery.recover` wrote nothing.
public enum RecoveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The new store must go into a new or empty directory.
    case destinationNotEmpty(String)
    /// The new store may not be written into the damaged one (or be the same directory).
    case destinationInsideSource(destination: String, source: String)
    /// Nothing readable is left to build a store from.
    case nothingToRecover(directory: String, reason: String)

    public var description: String {
        switch self {
        case let .destinationNotEmpty(path):
            return
                "\(path) already exists and is not empty; give a new or empty directory. Nothing was written.\n\(path) 已存在且不是空目录，请换一个新的（或空的）目录；没有写入任何内容。"
        case let .destinationInsideSource(destination, source):
            return
                "\(destination) is inside the damaged store \(source), which recovery never writes into; give a directory outside it.\n\(destination) 在受损的数据目录 \(source) 之内，恢复从不写入原目录；请换一个目录。"
        case let .nothingToRecover(directory, reason):
            return
                "Nothing could be recovered from \(directory): \(reason). Nothing was written.\n\(directory) 里找不到能作为起点的快照、备份或日志，无法恢复；没有写入任何内容。"
        }
    }
}
