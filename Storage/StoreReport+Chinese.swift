/// `store check` for the school's admin, who reads Chinese: the same findings as `description`.
extension StoreReport {
    public var chinese: String {
        let path = StoreLayout(directory).directory
        var lines = ["数据目录 \(path)：" + (isHealthy ? "正常" : "已损坏，机器人不会用它启动；检查没有改动任何文件")]
        if let snapshot {
            lines.append(
                "  快照 snapshot.json：到第 \(snapshot.sequence) 号记录为止，数据版本 \(snapshot.schemaVersion)，\(snapshot.bytes) 字节，校验正常"
            )
        }
        if let journal {
            let range = journal.firstSequence.map { first in "（\(first)…\(journal.lastSequence ?? first) 号）" } ?? ""
            lines.append("  日志 journal.jsonl：\(journal.entries) 条\(range)，\(journal.bytes) 字节，校验正常")
            if let torn = journal.tornTail {
                lines.append("  日志最后一行（第 \(torn.line) 行，字节偏移 \(torn.offset)）没有写完：这条更改从未得到确认，下次启动时丢弃")
            }
        }
        if backups.isEmpty {
            lines.append("  备份 backups/：还没有（程序第一次打开数据时建立）")
        } else {
            lines.append(
                "  备份 backups/：快照 \(backups.count) 份，日志 \(journalBackups.count) 份"
                    + (backups.last.map { "（最新 \($0)）" } ?? ""))
        }
        switch lock {
        case .free: lines.append("  锁：空闲（没有程序在使用）")
        case let .held(holder?): lines.append("  锁：正在被 \(holder.host) 上的进程 \(holder.pid) 使用（\(holder.since) 起）")
        case .held(nil): lines.append("  锁：有程序正在打开这份数据")
        }
        for problem in damage {
            if case let .damaged(file, line, offset, reason) = problem {
                lines.append("  - 文件 \(file) 第 \(line) 行（字节偏移 \(offset)）已损坏：\(reason)")
            } else {
                lines.append("  - \(problem.chinese)")
            }
        }
        if needsRecovery {
            lines.append(
                "  处理办法：保持该目录原样，运行 \(StoreError.recoverCommand(path))，"
                    + "从最后完好的快照（或备份）和每一条完好的日志生成新的数据目录，并逐条列出无法恢复的记录；核对后用新目录启动。")
        }
        return lines.joined(separator: "\n")
    }
}
