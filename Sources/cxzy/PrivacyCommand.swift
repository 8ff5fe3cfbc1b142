import ArgumentParser
import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Logging

/// `cxzy privacy purge` and `cxzy privacy erase`: visits' students and notes removed everywhere on disk (the
/// state, every backup, the visits' attached files, the console's exports), by the retention date or on request.
struct PrivacyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy",
        abstract: "Remove students' personal data (home visits' student names and notes) everywhere on disk.",
        subcommands: [Purge.self, Erase.self])

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Apply the retention date as of --now (default: the campaign's end + 180 days).",
            discussion: """
                After the retention date every visit's student becomes 某同学 and its note and attached files go, in \
                the store and in every backup. The running bot does the same every day and at start; this does it now. \
                Refuses while the bot runs on --store. With --dry-run, lists what would change and changes nothing.
                """)
        @OptionGroup var global: GlobalOptions
        @Flag(name: .long, help: "List what would change; change nothing.") var dryRun = false

        func run() async throws {
            let campaign = try global.loadCampaignOrFail()
            let today = CampaignTime.local(global.clock().now()).date
            let until = campaign.studentDataRetainedUntil
            guard today > until else {
                print("学生信息保留到\(until.chinese)，今天（\(today.chinese)）还未到期：没有清除任何内容。")
                print("Student data is kept until \(until); today (\(today)) it is not due: nothing was removed.")
                return
            }
            try await PrivacyCommand.erase(.retention, global: global, dryRun: dryRun)
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract: "Erase at once: one student's data (a family's request), or the visits of a teacher who left.",
            discussion: """
                --student NAME: every visit to a student of that name; --staff ID: every visit that teacher reported. \
                The student becomes 某同学, the note and attached files go, in the store and every backup. Refuses \
                while the bot runs on --store. With --dry-run, lists what would change and changes nothing.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "The student's name, as the visits recorded it.") var student: String?
        @Option(name: .long, help: "A staff id: all of that teacher's visits.") var staff: String?
        @Flag(name: .long, help: "List what would change; change nothing.") var dryRun = false

        func validate() throws {
            guard (student == nil) != (staff == nil) else {
                throw ValidationError("请给出 --student 姓名 或 --staff 工号（二选一）。Give --student NAME or --staff ID (one).")
            }
            if let student, student.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--student 不能为空。--student must not be empty.")
            }
        }

        func run() async throws {
            let scope: ErasureScope = student.map { .student($0) } ?? .staff(staff ?? "")
            try await PrivacyCommand.erase(scope, global: global, dryRun: dryRun)
        }
    }

    static func erase(_ scope: ErasureScope, global: GlobalOptions, dryRun: Bool) async throws {
        let bot: Bot
        do {
            bot = try await global.openBot(logLevel: .warning, createIfMissing: false, applyRetention: false)
        } catch let error as OperatorError { fail(error) }
        let report: ErasureReport
        do {
            report = try await bot.dispatcher.eraseStudentData(scope, storeDirectory: global.storeURL, dryRun: dryRun)
        } catch {
            try? await bot.close()
            fail(OperatorError("store \(global.store): \(error)"))
        }
        try await bot.close()
        print(chinese(report, dryRun: dryRun))
        print(english(report, dryRun: dryRun))
    }

    /// How the report is worded in one language: the same lines, Chinese first, then English.
    struct Wording: Sendable {
        var nothing: String
        var visits: @Sendable (_ dryRun: Bool, _ count: Int) -> String
        var files: @Sendable (_ dryRun: Bool, _ count: Int) -> String
        var exports: @Sendable (_ dryRun: Bool) -> String
        var rewritten: String
        var separator: String

        static let chinese = Wording(
            nothing: "没有需要清除的学生信息。",
            visits: { ($0 ? "将清除" : "已清除") + " \($1) 条家访中的学生姓名和备注（改为“\(StudentData.erasedName)”）：" },
            files: { ($0 ? "将删除" : "已删除") + "这些家访的附件 \($1) 个。" },
            exports: { ($0 ? "将改写" : "已改写") + "导出文件：" }, rewritten: "存储和全部备份都已改写。", separator: "、")
        static let english = Wording(
            nothing: "No student data to remove.",
            visits: { ($0 ? "Would erase" : "Erased") + " the student and note of \($1) visits: " },
            files: { ($0 ? "Would delete " : "Deleted ") + "\($1) attached files." },
            exports: { ($0 ? "Would rewrite" : "Rewrote") + " exports: " },
            rewritten: "The store and every backup were rewritten.", separator: ", ")
    }

    static func chinese(_ report: ErasureReport, dryRun: Bool) -> String { describe(report, dryRun, .chinese) }
    static func english(_ report: ErasureReport, dryRun: Bool) -> String { describe(report, dryRun, .english) }

    static func describe(_ report: ErasureReport, _ dryRun: Bool, _ words: Wording) -> String {
        guard !report.visits.isEmpty else { return words.nothing }
        var lines = [words.visits(dryRun, report.visits.count) + report.visits.joined(separator: words.separator)]
        if !report.files.isEmpty { lines.append(words.files(dryRun, report.files.count)) }
        if !report.exports.isEmpty {
            lines.append(words.exports(dryRun) + report.exports.joined(separator: words.separator))
        }
        if !dryRun { lines.append(words.rewritten) }
        return lines.joined(separator: "\n")
    }
}
