import ArgumentParser
import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Logging
import CampaignStorage

/// `cxzy calendar`: the campaign's phases and milestones.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Print the campaign's phases and milestones.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the whole campaign as a campaign file (JSON) to start your own from.") var json = false

    func run() async throws {
        let campaign: Campaign
        do { campaign = try global.loadCampaign() } catch let error as OperatorError { fail(error) }
        if json {
            print(String(decoding: try CampaignFile.encode(campaign), as: UTF8.self))
            return
        }
        let today = CampaignTime.local(global.clock().now()).date
        print(campaign.name)
        for phase in campaign.phases {
            let mark = phase.span.contains(today) ? "  ← 当前" : ""
            print("第\(phase.number)阶段  \(phase.span.from) — \(phase.span.to)  \(phase.name)\(mark)")
            print("        \(phase.summary)")
        }
        print("")
        print("节点：")
        for m in campaign.milestones.sorted(by: { $0.date < $1.date }) {
            let offsets = m.offsets.sorted(by: >).map { "\($0)" }.joined(separator: "/")
            print("  \(m.date) \(m.date.chineseWeekday)  \(m.name)（提前 \(offsets) 天提醒）")
        }
        print("")
        print("承诺申报截止：\(campaign.pledgeDeadline)")
        print("三星：")
        for rule in campaign.stars {
            print(
                "  \(rule.star.chineseName)（\(rule.eligibility)）："
                    + rule.requirements.map(\.name).joined(separator: " + "))
        }
        print("党员示范课：一线党员教师，第\(campaign.lessonPhase)阶段内，组内一节；各支部推荐一节参加全校展示。")
    }
}

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
                "Columns (Chinese or English headers): 工号/staff_id, 姓名/name, 角色/roles, 支部/branch, 党员/party_member, 权限/permission, telegram, matrix. A bad line stops the whole import."
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
            if auto > 0 { print("\(auto) 人名单中已有 telegram/matrix 账号，会自动绑定。") }
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

/// `cxzy export`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print records with ids, owners and every field (CSV for Excel, or JSON lines).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    @OptionGroup var global: GlobalOptions
    @Option(help: "csv (UTF-8 with BOM) or jsonl (one record a line).") var format: Format = .csv
    @Option(help: "pledges, lessons, visits, works or all (the records); awards or benchmarks (tables of their own).")
    var what: Export.What = .all
    @Flag(
        help: "CSV with the ids of the JSON contract (school, home, teaching…) instead of Chinese values, for programs."
    )
    var codes = false

    func run() async throws {
        let bot: Bot
        do { bot = try await global.openBot(logLevel: .warning) } catch let error as OperatorError { fail(error) }
        let state = await bot.store.state
        try await bot.close()
        let text =
            format == .csv
            ? Export.csv(state: state, what: what, codes: codes) : Export.jsonLines(state: state, what: what)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

extension Export.What: ExpressibleByArgument {}
