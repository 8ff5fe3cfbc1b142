package import ServiceLifecycle

extension HTTPServer {
    /// The listener with the back office and no platform routes, for a bot opened directly (the tests).
    package static func application(
        host: String, port: Int, bot: Bot, web: WebOffice,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> any Service {
        application(
            host: host, port: port, context: TransportContext(bot: bot, health: Health()), transports: [],
            onRunning: onRunning, web: web)
    }
}
