import Foundation

/// Help text, generated from the command table so it always matches what the parser accepts.
public enum HelpText {
    /// The menu of commands the asker may use.
    public static func menu(for audience: Audience, english: Bool) -> String {
        let kinds = IntentKind.allCases.filter { $0.audience <= audience }
        if english {
            var lines = ["Commands (send /help COMMAND for details):"]
            for kind in kinds {
                lines.append(
                    "/\(kind.slashCommands[0]) \(kind.argumentHelp.en) — \(kind.summary.en)"
                        .replacingOccurrences(of: "  ", with: " "))
            }
            return lines.joined(separator: "\n")
        }
        var lines = ["可用命令（发送“帮助 命令”查看详细说明）："]
        for kind in kinds {
            lines.append("· \(kind.keywords[0]) — \(kind.summary.zh)")
            lines.append("  例：\(kind.example.zh)")
        }
        lines.append("群聊中请用 / 命令（如 /stats）或先 @ 我。")
        return lines.joined(separator: "\n")
    }

    /// Details of one command: every form, the arguments and an example.
    public static func topic(_ kind: IntentKind, english: Bool) -> String {
        if english {
            return """
                /\(kind.slashCommands.joined(separator: ", /")) \(kind.argumentHelp.en)
                \(kind.summary.en)
                Example: \(kind.example.en)
                """
        }
        var text = "\(kind.keywords.filter { $0 != "?" }.joined(separator: " / ")) （英文 /\(kind.slashCommands[0])）"
        text += "\n" + kind.summary.zh
        if !kind.argumentHelp.zh.isEmpty { text += "\n格式：\(kind.keywords[0]) \(kind.argumentHelp.zh)" }
        text += "\n例：\(kind.example.zh)"
        switch kind {
        case .bookLesson:
            text += "\n日期可写 10月12日、下周二、明天;节次可写 第3节、下午第2节;参数顺序随意，也可写成 日期：10月12日 节次：3。"
        case .reportVisit:
            text += "\n寒暑假、周末、节假日的家访计入德育之星。学生信息只有您本人和管理员能看到。"
        case .pledge:
            text += "\n德育之星：行政人员、班主任;教学之星：一线教师;科学之星：全体教师。"
        default:
            break
        }
        return text
    }
}
