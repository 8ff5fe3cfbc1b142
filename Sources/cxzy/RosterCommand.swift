import ArgumentParser
import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Logging
import CampaignStorage

/// `cxzy roster import FILE`.
struct RosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster", abstract: "Manage the roster.",
        subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract:
                "Import the roster CSV or tab-separated text pasted from Excel (UTF-8 with or without BOM, GBK, or UTF-16) and print one-time bind codes.",
            discussion:
                "Columns (Chinese or English headers): 工号/staff_id, 姓名/name, 角色/roles, 支部/branch, 党员/party_member, 权限/permission, and one optional column per chat platform ("
                + Transports.rosterColumns.map(\.name).joined(separator: ", ") + "). A bad line stops the whole import."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The roster CSV file.") var file: String
        @Flag(help: "Issue new codes for everyone not yet bound (old codes stop working).") var renewCodes = false

        func run() async throws {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                fail(OperatorError("cannot read \(file): \(error.localizedDescription)"))
            }
            let people: [Person]
            do {
                people = try RosterCSV.parse(data)
            } catch let error as RosterCSV.ImportError {
                FileHandle.standardError.write(Data("\(file)：\(error.description)\n".utf8))
                throw ExitCode(1)
            }
            let bot: Bot
            do { bot = try await global.openBot(logLevel: .warning) } catch let error as OperatorError { fail(error) }
            let before = await bot.store.state.roster
            let codes = try await bot.importRoster(people, renewCodes: renewCodes)
            let after = await bot.store.state
            try await bot.close()
            let added = people.filter { before[$0.staffID] == nil }.count
            let inactive = after.roster.values.filter { !$0.active }.count
            print(
                "已导入 \(people.count) 人（新增 \(added)，更新 \(people.count - added)）"
                    + (inactive > 0 ? "；名单外停用 \(inactive) 人" : "") + "。")
            let auto = people.filter { !$0.listedIdentities.isEmpty }.count
            if auto > 0 {
                let columns = Transports.rosterColumns.map(\.name).joined(separator: "/")
                print("\(auto) 人名单中已有聊天账号（\(columns) 列），会自动绑定。")
            }
            if codes.isEmpty {
                print("没有需要发放的新绑定码。")
            } else {
                print("一次性绑定码（只显示这一次，请分别私下发给本人；本人发送“绑定 工号 绑定码”）：")
                for (person, code) in codes.sorted(by: { $0.0.staffID < $1.0.staffID }) {
                    print("  \(person.staffID)\t\(person.name)\t\(person.branch)\t\(code)")
                }
            }
        }
    }
}
