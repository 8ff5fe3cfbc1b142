import ArgumentParser
import BotRuntime
import CampaignCore
import CampaignReport
import CampaignStorage
import Foundation
import Logging
import Prometheus

/// `cxzy run`: the long-running bot on the configured transports.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the bot on the configured transports until SIGTERM/SIGINT.",
        discussion: """
            Settings come from the config file (--config), then CXZY_… environment variables, then flags. Without a config \
            file every transport whose settings are in the environment runs, e.g.
              CXZY_TELEGRAM_TOKEN=123:ABC cxzy run --store /var/lib/cxzy
            See docs/configuration.md for every setting.
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(
        name: .customLong("http-listen"), help: "host:port for GET /healthz and the platforms' webhooks and callbacks.")
    var httpListen: String?

    func run() async throws {
        // First of all, so that a SIGHUP while the platforms are reached does not end the process either.
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var hangupLogger = Logger(label: "cxzy")
        hangupLogger.logLevel =
            ProcessInfo.processInfo.environment["CXZY_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        await BotService.ignoreHangups(logger: hangupLogger)
        let configuration: Configuration
        do {
            let environment = ProcessInfo.processInfo.environment
            let file = global.config ?? environment["CXZY_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            configuration = try Configuration.load(
                file: file.map { URL(fileURLWithPath: $0) }, environment: environment,
                store: global.storeOption, httpListen: httpListen)
        } catch let problem as Configuration.Problem {
            fail(OperatorError("configuration: \(problem.description)"))
        }
        var options = global
        if options.campaign == nil { options.campaign = configuration.campaign }
        let campaign: Campaign
        do { campaign = try options.loadCampaign() } catch let error as OperatorError { fail(error) }
        var logger = Logger(label: "cxzy")
        logger.logLevel = configuration.logLevel
        let stray = Configuration.unknownVariables(ProcessInfo.processInfo.environment, config: configuration)
        if !stray.isEmpty {
            logger.warning(
                "CXZY_ variables that no setting reads (a typo?) — 这些 CXZY_ 变量没有任何设置会读取（拼写错误？）",
                metadata: ["variables": "\(stray.joined(separator: ", "))"])
        }
        let clock = global.clock()
        let metrics = metricsRegistry(configuration)
        logger.info("cxzy starting", metadata: ["version": "\(cxzyVersion)"])
        let running: BotService.Running
        do {
            // The back office (`configuration.webBaseURL`) is set up by the boot itself.
            running = try await BotMetrics.$exporting.withValue(metrics) {
                try await BotService.prepare(
                    config: configuration, campaign: campaign, clock: clock, logger: logger,
                    renderer: ReportMediaRenderer(evaluationMinRaters: configuration.evaluationMinRaters))
            }
        } catch let error as BotService.StartupError {
            stop(.configuration, error.description, logger: logger)
        } catch let error as StoreError {
            stop(.store, "store \(configuration.store): \(error.description)", logger: logger)
        } catch let problem as BallotKey.Problem {
            stop(.configuration, problem.description, logger: logger)
        } catch {
            stop(.fatal, "the bot could not start: \(error)", logger: logger)
        }
        do {
            try await running.run()
        } catch let error as BotService.ListenAddressInUse {
            stop(.listenAddressInUse, error.description, logger: logger)
        } catch let error as BotService.StartupError {
            // A platform that was unreachable at start refused the credentials when it answered at last.
            stop(.configuration, error.description, logger: logger)
        } catch {
            stop(.fatal, "the bot stopped: \(error)", logger: logger)
        }
    }

    /// The exit statuses of `cxzy run` (docs/operations.md; deploy/cxzy.service does not restart 2 and 4). 3 is
    /// no longer used: a platform that cannot be reached is retried while the bot runs.
    enum Exit: Int32 {
        /// Stopped by SIGTERM or SIGINT, after finishing the message in hand.
        case stopped = 0
        /// A fatal error while running (a platform revoked the token, the disk failed): restart.
        case fatal = 1
        /// A setting is missing or wrong, or a platform refused the credentials: fix the configuration.
        case configuration = 2
        /// The store is in use by another process, damaged, or from a newer version: see the message.
        case store = 4
        /// The HTTP listener's address (CXZY_HTTP_LISTEN) is taken by another process.
        case listenAddressInUse = 5
    }

    /// Logs `message` and prints it to stderr, then exits with `status`.
    func stop(_ status: Exit, _ message: String, logger: Logger) -> Never {
        logger.critical("\(message)", metadata: ["exit_status": "\(status.rawValue)"])
        FileHandle.standardError.write(Data("cxzy: \(message)\n".utf8))
        Foundation.exit(status.rawValue)
    }
}

extension RunCommand {
    /// `CXZY_METRICS=1`: the figures for Prometheus at `/metrics` on the HTTP listener (`CXZY_HTTP_LISTEN`).
    static let metricsVariable = "CXZY_METRICS"

    /// The registry `/metrics` shows when `CXZY_METRICS=1`; nil when it is unset or 0.
    func metricsRegistry(_ configuration: Configuration) -> PrometheusCollectorRegistry? {
        switch ProcessInfo.processInfo.environment[Self.metricsVariable] ?? "" {
        case "", "0": return nil
        case "1":
            guard configuration.httpListen != nil else {
                fail(
                    OperatorError(
                        "configuration: \(Self.metricsVariable)=1 needs the HTTP listener: set CXZY_HTTP_LISTEN (e.g. 127.0.0.1:8080). \(Self.metricsVariable)=1 需要 HTTP 监听：请设置 CXZY_HTTP_LISTEN（例如 127.0.0.1:8080）"
                    ))
            }
            return BotMetrics.bootstrap()
        case let value:
            fail(
                OperatorError(
                    "configuration: \(Self.metricsVariable) “\(value)” is neither 1 (on) nor 0 (off). \(Self.metricsVariable) “\(value)” 只能是 1（开）或 0（关）"
                ))
        }
    }
}

/// `cxzy telegram set-webhook / delete-webhook`.
struct TelegramCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telegram", abstract: "Telegram webhook set-up.",
        subcommands: [SetWebhook.self, DeleteWebhook.self])

    static func api(_ config: String?) throws -> (TelegramAPI, TelegramTransport) {
        let configuration: Configuration
        do {
            configuration = try Configuration.load(
                file: config.map { URL(fileURLWithPath: $0) },
                environment: ProcessInfo.processInfo.environment, store: nil, httpListen: nil)
        } catch let problem as Configuration.Problem {
            fail(OperatorError("configuration: \(problem.description)"))
        }
        guard let telegram = configuration.transport(TelegramTransport.self) else {
            fail(OperatorError("Telegram is not configured: set CXZY_TELEGRAM_TOKEN"))
        }
        return (telegram.makeAPI(), telegram)
    }

    struct SetWebhook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-webhook",
            abstract: "Ask Telegram to post updates to URL with the secret token (CXZY_TELEGRAM_WEBHOOK_SECRET).")
        @Option(help: "A JSON config file.") var config: String?
        @Argument(help: "The public HTTPS URL of the webhook (default: CXZY_TELEGRAM_WEBHOOK_URL).") var url: String?

        func run() async throws {
            let (api, telegram) = try TelegramCommand.api(config)
            guard let target = url ?? telegram.webhookURL else {
                fail(OperatorError("give the webhook URL or set CXZY_TELEGRAM_WEBHOOK_URL"))
            }
            guard let secret = telegram.webhookSecret else {
                fail(OperatorError("set CXZY_TELEGRAM_WEBHOOK_SECRET first (the bot checks it on every update)"))
            }
            do {
                try await api.setWebhook(url: target, secret: secret)
            } catch {
                fail(OperatorError("setWebhook failed: \(error)"))
            }
            print("webhook set: \(target) (run the bot with CXZY_TELEGRAM_MODE=webhook)")
        }
    }

    struct DeleteWebhook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete-webhook", abstract: "Remove the webhook so the bot can poll.")
        @Option(help: "A JSON config file.") var config: String?

        func run() async throws {
            let (api, _) = try TelegramCommand.api(config)
            do {
                try await api.deleteWebhook()
            } catch {
                fail(OperatorError("deleteWebhook failed: \(error)"))
            }
            print("webhook deleted: the bot can poll with getUpdates")
        }
    }
}
