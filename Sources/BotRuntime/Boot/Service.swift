package import CampaignCore
package import CampaignStorage
package import Foundation
package import Logging
package import ServiceLifecycle
package import UnixSignals

/// Runs the bot as a service on the configured transports: every long-running loop is a `Service` in one
/// `ServiceGroup`; SIGTERM/SIGINT finish the update in hand, commit, give the outbox a few seconds, and return.
package enum BotService {
    /// Why the bot did not start. `kind` tells an operator (and `cxzy run`'s exit status, docs/operations.md)
    /// whether to fix something or to try again later.
    package struct StartupError: Error, CustomStringConvertible {
        package enum Kind: Sendable, Equatable {
            /// A setting is missing or wrong, or a platform refused the credentials: retrying cannot help.
            case configuration
            /// A platform could not be reached (network, 5xx, timeout): it may answer later. At start, the bot runs
            /// without it and keeps trying (`PlatformReconnector`).
            case unreachable
        }

        package var description: String
        package var kind: Kind
        package init(_ description: String, kind: Kind = .configuration) {
            self.description = description
            self.kind = kind
        }
    }

    /// The HTTP listener's address (`CXZY_HTTP_LISTEN`) is taken by another process.
    package struct ListenAddressInUse: Error, CustomStringConvertible {
        package var address: String
        package init(address: String) { self.address = address }
        package var description: String {
            "the HTTP listener cannot listen on \(address): another process uses that address (another cxzy?). "
                + "Stop it, or set CXZY_HTTP_LISTEN (or --http-listen) to a free host:port.\n"
                + "HTTP 监听地址 \(address) 已被其他进程占用（是否已有一个 cxzy 在运行？）。"
                + "请停止那个进程，或把 CXZY_HTTP_LISTEN（或 --http-listen）改为一个空闲的 主机:端口。"
        }
    }

    /// A booted bot: its services in one group, ready to run.
    package struct Running: Sendable {
        package let bot: Bot
        package let group: ServiceGroup
        package let health: Health
        /// The back office, when it is enabled.
        package let web: WebOffice?

        /// Runs until shut down; closes the store at the end. Throws on a fatal transport error (e.g. a revoked token).
        package func run() async throws {
            do {
                try await group.run()
                try await bot.close()
                bot.logger.info("stopped")
            } catch {
                try? await bot.close()
                throw error
            }
        }

        /// What SIGTERM does.
        package func shutdown() async { await group.triggerGracefulShutdown() }
    }

    /// Boots from `config` and runs until shut down.
    package static func run(
        config: Configuration, campaign: Campaign, clock: any CampaignClock, logger: Logger,
        renderer: (any MediaRenderer)? = nil
    ) async throws {
        try await prepare(config: config, campaign: campaign, clock: clock, logger: logger, renderer: renderer).run()
    }

    /// Boots from `config`: connects the configured platforms (credentials checked), opens the store, builds the
    /// services. A platform that cannot be reached is tried again in the background while the others serve, and
    /// `/healthz` names it until it is connected; one that refuses the credentials stops the boot. `edges` are
    /// transports already at hand that run beside the configured ones — the console, a test's recording transport —
    /// booted the same way, with only them swapped in. `onHTTP` is told the port the HTTP server listens on (tests use
    /// port 0). `web`: the back office, else the one `config.webBaseURL` sets up.
    package static func prepare(
        config: Configuration, campaign: Campaign, clock: any CampaignClock, logger: Logger,
        edges: [any ConnectedTransport] = [], signals: [UnixSignal] = [.sigterm, .sigint],
        renderer: (any MediaRenderer)? = nil, storeOptions: StoreOptions? = nil, web: WebOffice? = nil,
        onHTTP: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> Running {
        guard !config.transports.isEmpty || !edges.isEmpty else {
            throw StartupError(
                "no transport is configured: set "
                    + Transports.all.map { $0.setupHint }.joined(separator: "; ")
                    + "; or use a config file (see docs/configuration.md)")
        }
        let web = try web ?? webOffice(config, clock: clock)
        var connected = edges
        var unreachable: [any Transport] = []
        for transport in config.transports {
            do {
                connected.append(try await transport.connect(logger: logger))
            } catch let error as StartupError where error.kind == .unreachable {
                let name = type(of: transport).name
                BotMetrics.platformError(platform: name, kind: .unreachable)
                logger.warning(
                    "platform unreachable at start: serving the others and retrying it in the background — 平台暂时无法连接，其他平台照常服务，后台重试",
                    metadata: ["platform": "\(name)", "error": "\(error.description)"])
                unreachable.append(transport)
            }
        }
        let bot = try await Bot.open(
            directory: URL(fileURLWithPath: config.store, isDirectory: true), campaign: campaign,
            clock: clock, logger: logger, botNames: connected.flatMap(\.botNames),
            broadcastChannels: connected.flatMap(\.broadcastChannels), storeOptions: storeOptions, renderer: renderer,
            evaluationMinRaters: config.evaluationMinRaters, webAccess: web)
        let health = Health()
        for transport in config.transports { await health.configured(type(of: transport).name) }
        for transport in unreachable { await health.unreachable(type(of: transport).name) }
        let context = TransportContext(bot: bot, health: health)
        let late = LateRoutes()
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        func add(_ service: any Service) {
            services.append(
                .init(
                    service: NamedService(service), successTerminationBehavior: .gracefullyShutdownGroup,
                    failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        let filePlatforms = connected.map(\.delivery).filter(\.sendsMedia).map(\.displayName)
        let sender: @Sendable (any ConnectedTransport) -> OutboxSender = { transport in
            OutboxSender(
                dispatcher: bot.dispatcher, delivery: transport.delivery,
                limiter: SendLimiter(
                    enabled: transport.sendRules != nil, rules: transport.sendRules ?? .init(), clock: clock),
                clock: clock, logger: logger, quietUntil: quietUntil(campaign), media: bot.media,
                filePlatforms: filePlatforms)
        }
        for transport in connected {
            add(sender(transport))
            for service in transport.services(context) { add(service) }
        }
        for transport in unreachable {
            add(PlatformReconnector(transport: transport, context: context, routes: late, sender: sender))
        }
        add(
            SchedulerService(
                scheduler: ReminderScheduler(
                    dispatcher: bot.dispatcher, campaign: campaign, clock: clock, logger: logger)))
        add(
            RetentionService(
                dispatcher: bot.dispatcher, storeDirectory: URL(fileURLWithPath: config.store, isDirectory: true),
                clock: clock, logger: logger))
        add(BackupService(store: bot.store, clock: clock, logger: logger))
        if let listen = config.httpListen, let (host, port) = Configuration.parseListen(listen) {
            add(
                HTTPServer.application(
                    host: host, port: port, context: context, transports: connected, onRunning: onHTTP, web: web,
                    late: late))
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: signals, logger: logger)
        // A transport stuck in a request must not keep the process alive after SIGTERM.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(15)
        let group = ServiceGroup(configuration: groupConfiguration)
        return Running(bot: bot, group: group, health: health, web: web)
    }

    /// The back office `config.webBaseURL` sets up (checked when the configuration was loaded).
    static func webOffice(_ config: Configuration, clock: any CampaignClock) throws -> WebOffice? {
        guard let base = config.webBaseURL else { return nil }
        do {
            return try WebOffice(baseURL: base, clock: clock)
        } catch {
            throw StartupError(error.description)
        }
    }

    /// Reminders are never pushed in quiet hours, also when they were queued before (or the bot restarted in) them.
    package static func quietUntil(_ campaign: Campaign) -> @Sendable (Date) -> Date? {
        let planner = ReminderPlanner(campaign: campaign)
        return { now in planner.isQuiet(now) ? planner.adjusted(now) : nil }
    }

    /// A call that connects a platform: refused credentials stop the bot with a clear message (`configuration`); any
    /// other failure (network, 5xx, timeout, garbage) is `unreachable`, and the caller tries again later
    /// (`PlatformReconnector`), so the retrying lives in one place.
    static func startupCall<T: Sendable>(_ what: String, logger: Logger, _ body: @Sendable () async throws -> T)
        async throws -> T
    {
        do {
            return try await body()
        } catch {
            if let refusal = refusal(error) { throw StartupError(refusal) }
            throw StartupError("\(what) failed: \(error)", kind: .unreachable)
        }
    }

    /// From now on, SIGHUP (a closed terminal, or `kill -HUP` out of habit to reload) is logged and ignored instead
    /// of ending the process: the bot reads its settings only at start. Keep the task as long as the process runs.
    @discardableResult
    package static func ignoreHangups(logger: Logger) async -> Task<Void, Never> {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        return Task {
            for await _ in hangups {
                logger.notice(
                    "SIGHUP received and ignored: settings are read only at start; restart the bot to apply new ones (systemctl restart cxzy) — 收到 SIGHUP，已忽略：设置只在启动时读取，改了设置请重启"
                )
            }
        }
    }

    /// The operator's message when a platform refused the bot's credentials (retrying cannot help).
    static func refusal(_ error: any Error) -> String? {
        guard let error = error as? any PlatformError, error.refusesCredentials else { return nil }
        return error.description
    }
}

/// A service as the service group logs it: by its type's name. The group prints a service's description at debug and
/// trace, and a struct's default one lists every field — a platform client's token among them.
struct NamedService: Service, CustomStringConvertible {
    let service: any Service
    let description: String

    init(_ service: any Service) {
        self.service = service
        description = String(describing: type(of: service))
    }

    func run() async throws { try await service.run() }
}

/// The reminder scheduler as a service: stops on graceful shutdown.
struct SchedulerService: Service {
    let scheduler: ReminderScheduler
    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await scheduler.run() }
        } catch is CancellationError {
            return
        }
    }
}
