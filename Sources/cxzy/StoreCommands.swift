import ArgumentParser
import BotRuntime
import CampaignStorage
import Foundation
import Logging
import CampaignCore
import CampaignIntents

/// `cxzy store check` and `cxzy store recover`: in Chinese for the school's admin, then in English.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Inspect the store, copy it while the bot runs, or recover a damaged one.",
        subcommands: [Check.self, Backup.self, Recover.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract:
                "Verify the store without changing it: entries, size, last sequence, backups, and any damage with file and position.",
            discussion: "Exits 0 when healthy, 1 when anything is damaged."
        )
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let report = StoreInspector.check(directory: global.storeURL)
            print(report.chinese)
            print("")
            print(report.description)
            if !report.isHealthy { throw ExitCode(1) }
        }
    }

    struct Recover: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover",
            abstract: "Write a new store from a damaged one and list exactly what it could not keep.",
            discussion: """
                The new store holds the last good snapshot (else the newest intact one in backups/) plus every intact \
                journal entry after it, from journal.jsonl and the journals in backups/. An entry after a lost one is kept \
                when it still applies (numbers may skip the lost ones); one the rules refuse is lost too, and listed. \
                Nothing in --store is changed; the list is also saved as RECOVERY.txt in the new store. Attached files \
                (files/) are copied too, each checked against its SHA-256 name; a damaged one is listed.
                Refuses while the bot runs on --store, and when --out exists and is not empty.
                Exits 0 when a new store was written (even if some entries are listed as lost), 1 when nothing could be \
                recovered, 2 on a refusal.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("out"), help: "The new store directory (new, or empty).") var out: String

        func run() async throws {
            let report: RecoveryReport
            let destination = URL(fileURLWithPath: out, isDirectory: true)
            do {
                // The new store keeps the old one's ballot key: its sealed 评议 sums stay readable by the bot.
                let environment = ProcessInfo.processInfo.environment
                let seal = try BallotKey.load(storeDirectory: global.storeURL, environment: environment, create: false)
                report = try await StoreRecovery.recover(
                    CampaignSchema.self, from: global.storeURL, into: destination,
                    options: BallotKey.options(StoreOptions(), seal: seal),
                    logger: global.logger("cxzy", default: .warning),
                    bridge: CampaignRecovery.bridge)
                if environment[BallotKey.variable] == nil {
                    try? FileManager.default.copyItem(
                        at: BallotKey.file(for: global.storeURL), to: BallotKey.file(for: destination))
                }
            } catch let problem as BallotKey.Problem {
                fail(OperatorError(problem.description))
            } catch let error as RecoveryError {
                if case .nothingToRecover = error {
                    FileHandle.standardError.write(Data("cxzy: \(error.description)\n".utf8))
                    throw ExitCode(1)
                }
                fail(OperatorError(error.description))
            } catch let error as StoreError {
                fail(OperatorError("store \(global.store): \(error.description)"))
            }
            print(report.chinese)
            print("")
            print(report.description)
            let files = AttachmentRecovery.copy(from: global.storeURL, to: URL(fileURLWithPath: out, isDirectory: true))
            if files.copied > 0 || !files.lost.isEmpty {
                print("")
                print(AttachmentRecovery.text(files))
            }
        }
    }

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Write a consistent copy of the store into a new directory, also while the bot runs.",
            discussion: """
                For a copy off the server, or to move to a new server. The bot keeps running: the store's lock is not \
                taken and nothing in --store is written. The copy holds the snapshot, the journal after it and the \
                attached files (not backups/); it is checked as `cxzy store check` checks a store and opened once \
                before it is put in place, and read again if a compaction replaced the files meanwhile. Start a bot on \
                the copy with --store DIR. The copy holds teachers' and students' personal data: keep it as safely as \
                the server, and delete it by the retention date (the retention purge and `cxzy privacy erase` do not \
                reach copies off the server).
                Exits 0 when the copy was written, 1 when the store is damaged or kept changing (nothing written), \
                2 on an operator error (the target is not empty, no store at --store).
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("to"), help: "The directory for the copy (new, or empty).") var to: String

        func run() async throws {
            let campaign = try global.loadCampaignOrFail()
            let clock = global.clock()
            let destination = URL(fileURLWithPath: to, isDirectory: true)
            let source = global.storeURL
            let report: StoreCopyReport
            let files: AttachmentRecovery.Outcome
            let environment = ProcessInfo.processInfo.environment
            // The ballot key stays where it is: a copy off the server shows who submitted and a closed box, never a
            // sealed 评议 sum. Without the key the copy still opens (the boxes are kept as they are).
            let seal: BallotSeal?
            do {
                seal = try BallotKey.load(storeDirectory: source, environment: environment, create: false)
            } catch {
                fail(OperatorError(error.description))
            }
            do {
                (report, files) = try await StoreCopy.copy(
                    CampaignSchema.self, from: source, into: destination,
                    options: BallotKey.options(StoreOptions(), seal: seal),
                    logger: global.logger("cxzy", default: .warning)
                ) { copy in
                    let files = AttachmentRecovery.copy(from: source, to: copy)
                    let note = Self.note(
                        source: source.path, at: clock.now(), retainedUntil: campaign.studentDataRetainedUntil)
                    let file = copy.appendingPathComponent("BACKUP.txt")
                    try Data(note.utf8).write(to: file)
                    // The copy's files are its owner's alone, as the store's are.
                    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
                    return files
                }
            } catch let error as StoreCopyError {
                if case .keptChanging = error {
                    FileHandle.standardError.write(Data("cxzy: \(error.description)\n".utf8))
                    throw ExitCode(1)
                }
                fail(OperatorError(error.description))
            } catch let error as StoreError {
                switch error {
                case .damaged, .futureVersion, .migrationFailed:
                    FileHandle.standardError.write(Data("cxzy: store \(global.store): \(error.description)\n".utf8))
                    throw ExitCode(1)
                default:
                    fail(OperatorError("store \(global.store): \(error.description)"))
                }
            }
            let size = ByteCountFormatter.string(fromByteCount: Int64(report.bytes), countStyle: .file)
            print("已写入数据副本：\(report.destination)")
            print(
                "  快照到第 \(report.snapshotSequence) 条，之后的日志 \(report.journalEntries) 条，共到第 \(report.lastSequence) 条（\(size)）；附件 \(files.copied) 个。"
            )
            print("  已校验：副本通过与 cxzy store check 相同的检查，并能正常打开。")
            print("  副本含教师和学生的个人信息：请像服务器一样妥善保管，并在 \(campaign.studentDataRetainedUntil) 之前删除（见副本中的 BACKUP.txt）。")
            print("Wrote a copy of the store to \(report.destination)")
            print(
                "  snapshot at seq \(report.snapshotSequence), \(report.journalEntries) journal entries after it, up to seq \(report.lastSequence) (\(size)); \(files.copied) attached files."
            )
            print("  Checked: the copy passes the checks of cxzy store check and opens cleanly.")
            print(
                "  It holds teachers' and students' personal data: keep it as safely as the server and delete it by \(campaign.studentDataRetainedUntil) (see BACKUP.txt in the copy)."
            )
            let keyFile = BallotKey.file(for: source)
            if environment[BallotKey.variable] == nil, FileManager.default.fileExists(atPath: keyFile.path) {
                print("")
                print(
                    "评议密钥 \(keyFile.path) 没有复制到副本中（副本里尚未计入的评议因此无法读取）。迁移到新服务器时，请把它另行安全地复制到新数据目录旁（同名 .ballot-key 文件，权限 0600）。"
                )
                print(
                    "The ballot key \(keyFile.path) is not in the copy (ballots sealed but not yet counted stay closed in it). When moving to a new server, copy it separately and safely beside the new store (its .ballot-key file, mode 0600)."
                )
            }
            if !files.lost.isEmpty {
                print("")
                print(AttachmentRecovery.text(files))
                throw ExitCode(1)
            }
        }

        /// `BACKUP.txt` in the copy: where and when it was taken, and until when it may be kept.
        static func note(source: String, at time: Date, retainedUntil: CalendarDate) -> String {
            let stamp = CampaignTime.format(time)
            return """
                cxzy 数据副本 / a copy of a cxzy store
                来源 from: \(source)
                时间 taken at: \(stamp)
                版本 version: cxzy \(cxzyVersion)

                使用：cxzy run --store <此目录> 或 cxzy store check --store <此目录>。
                Use: cxzy run --store <this directory>, or cxzy store check --store <this directory>.

                本副本含教师和学生的个人信息（家访的学生姓名和备注）。请像服务器一样妥善保管，不要放在公共网盘；
                保留期限 \(retainedUntil) 之后，服务器上的数据会自动清除，但副本不会：到期前请删除本副本。
                This copy holds teachers' and students' personal data (the students and notes of home visits). Keep it as
                safely as the server. After \(retainedUntil) the bot erases the students' data on the server, but not in
                copies: delete this copy by then.

                """
        }
    }
}
