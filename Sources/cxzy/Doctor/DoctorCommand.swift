import ArgumentParser
import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import Logging

/// `cxzy doctor`: checks what the bot needs on this server and prints a checklist, in Chinese first, with what to fix.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the configuration, the store, each platform and the report's tools, and say what to fix.",
        discussion: """
            Reads the configuration as `cxzy run` does (--config, CXZY_… variables, flags), then checks the store \
            (there, only the bot's user may read it, healthy, backed up, room on the disk), each configured platform \
            (its credentials, with one call that changes nothing, also while the bot runs) and what `报告` and the \
            charts need (weasyprint, rsvg-convert, a Chinese font). Run it as the bot's user, e.g.
              sudo -u cxzy env $(cat /etc/cxzy/cxzy.env | xargs) cxzy doctor
            Exits 0 when all is well, 1 when something needs fixing, 2 when the configuration cannot be read.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Seconds to wait for each platform's answer.") var timeout: Double = 10

    func run() async throws {
        var list = Checklist()
        let environment = ProcessInfo.processInfo.environment
        let file = global.config ?? environment["CXZY_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }

        list.begin("配置", "Configuration")
        var configuration: Configuration?
        do {
            configuration = try Configuration.load(
                file: file.map { URL(fileURLWithPath: $0) }, environment: environment, store: global.storeOption,
                httpListen: nil)
        } catch let problem as Configuration.Problem {
            for line in problem.description.split(separator: "\n") {
                list.add(.fix, "配置有误，请按提示修改 \(file ?? "环境变量（/etc/cxzy/cxzy.env）")：\(line)", "configuration: \(line)")
            }
        }
        if let configuration {
            configurationItems(configuration, file: file, environment: environment, into: &list)
        }

        let store = configuration?.store ?? fallbackStore(file: file, environment: environment)
        list.begin("数据目录", "Store")
        StoreDoctor.check(URL(fileURLWithPath: store, isDirectory: true), into: &list)

        if let configuration {
            list.begin("聊天平台", "Platforms")
            await PlatformDoctor.check(
                configuration.transports, timeout: timeout, logger: global.logger("cxzy", default: .critical),
                into: &list)
        }

        list.begin("报告和图表", "Report and charts")
        await ReportToolsDoctor.check(into: &list)

        print("cxzy 体检（cxzy doctor），版本 \(cxzyVersion)")
        print(list.text)
        if configuration == nil { throw ExitCode(2) }
        if list.toFix > 0 { throw ExitCode(1) }
    }

    private func configurationItems(
        _ configuration: Configuration, file: String?, environment: [String: String], into list: inout Checklist
    ) {
        let source = file.map { "配置文件 \($0) 与 CXZY_ 环境变量" } ?? "CXZY_ 环境变量"
        list.add(
            .ok, "配置可以读取（\(source)），日志级别 \(configuration.logLevel.rawValue)",
            "configuration read (\(file.map { "config file \($0) and " } ?? "")CXZY_ variables), log level \(configuration.logLevel.rawValue)"
        )
        var options = global
        if options.campaign == nil { options.campaign = configuration.campaign }
        do {
            let campaign = try options.loadCampaign()
            let which = options.campaignFile.map { "活动方案文件 \($0)" } ?? "内置的 2010–2012 活动方案"
            list.add(
                .ok, "\(which)：\(campaign.phases.count) 个阶段，学生信息保留到 \(campaign.studentDataRetainedUntil)",
                "campaign \(options.campaignFile ?? "built in"): \(campaign.phases.count) phases, students' data kept until \(campaign.studentDataRetainedUntil)"
            )
        } catch let error as OperatorError {
            list.add(.fix, "活动方案文件无法使用：\(error.description)", "campaign file: \(error.description)")
        } catch {
            list.add(.fix, "活动方案文件无法使用：\(error)", "campaign file: \(error)")
        }
        if let listen = configuration.httpListen {
            list.add(
                .note, "HTTP 监听地址 \(listen)（回调、/healthz）", "HTTP listener on \(listen) (callbacks, /healthz)")
        }
        let stray = Configuration.unknownVariables(environment, config: configuration)
        if !stray.isEmpty {
            list.add(
                .fix, "没有任何设置读取这些变量（拼写错误？）：\(stray.joined(separator: "、"))",
                "CXZY_ variables that no setting reads (a typo?): \(stray.joined(separator: ", "))")
        }
    }

    /// The store when the configuration could not be read: the flag, CXZY_STORE, the file's `store` if it reads.
    private func fallbackStore(file: String?, environment: [String: String]) -> String {
        if let flag = global.storeOption { return flag }
        if let value = environment["CXZY_STORE"], !value.isEmpty { return value }
        if let file, let settings = try? Configuration.generalSettings(file: URL(fileURLWithPath: file)),
            let store = settings["store"]
        {
            return store
        }
        return "cxzy-data"
    }
}
