import ArgumentParser
import BotRuntime
import CampaignStorage
import Foundation
import Logging

/// `cxzy store check` and `cxzy store recover`: in Chinese for the school's admin, then in English.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Inspect the store, or recover a damaged one.",
        subcommands: [Check.self, Recover.self])

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
}
