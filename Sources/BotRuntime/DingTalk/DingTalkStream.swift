import CampaignCore
import Foundation
import HummingbirdWSClient
import Logging
import ServiceLifecycle
import Synchronization

/// DingTalk Stream mode (no public URL needed): a ticket from `gateway/connections/open`, a WebSocket to the endpoint
/// it names, SYSTEM `ping` answered, `disconnect` followed by a new connection with a new ticket, and each robot
/// message (a CALLBACK frame) handed to the dispatcher and acknowledged only after its effects and its `msgId` are
/// durable. A message whose ACK never came (the socket dropped, the bot was killed) is delivered again by DingTalk and
/// then recognised by its `msgId`. Failures to connect back off (capped, jittered); refused credentials stop the bot.
struct DingTalkStream: Service {
    let api: DingTalkAPI
    let mention: String
    let context: TransportContext

    /// Largest frame accepted; robot messages are a few kilobytes.
    static let maxFrame = 1 << 20

    /// What one connection ended with.
    private final class Session: Sendable {
        private let state = Mutex<(frames: Int, disconnect: Bool)>((0, false))
        var frames: Int { state.withLock { $0.frames } }
        var askedToReconnect: Bool { state.withLock { $0.disconnect } }
        func received() { state.withLock { $0.frames += 1 } }
        func disconnect() { state.withLock { $0.disconnect = true } }
    }

    func run() async throws {
        let logger = context.logger
        var backoff = Backoff(base: 1, cap: 60)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let session = Session()
            do {
                let api = self.api
                let (endpoint, ticket) = try await cancelWhenGracefulShutdown { try await api.openConnection() }
                try await cancelWhenGracefulShutdown {
                    try await connect(endpoint: endpoint, ticket: ticket, session: session)
                }
                if session.askedToReconnect || session.frames > 0 { backoff.reset() }
                if session.askedToReconnect {
                    logger.info("DingTalk asked the Stream connection to move; reconnecting")
                    continue
                }
                logger.warning("the DingTalk Stream connection closed; reconnecting")
            } catch let error as OpenAPIError where error.refusesCredentials {
                logger.critical("\(error.description)")
                throw error
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                if session.frames > 0 { backoff.reset() }
                logger.warning("the DingTalk Stream connection failed", metadata: ["error": "\(error)"])
            }
            let wait = backoff.next()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
        }
        logger.info("stopped the DingTalk Stream connection")
    }

    /// One WebSocket connection, until it closes.
    private func connect(endpoint: String, ticket: String, session: Session) async throws {
        // The ticket as a query value, every reserved character escaped (as `quote_plus` does in DingTalk's SDK).
        let unreserved = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        guard let escaped = ticket.addingPercentEncoding(withAllowedCharacters: unreserved),
            URL(string: endpoint) != nil
        else {
            throw OpenAPIError(.transient, "DingTalk", "unusable Stream endpoint")
        }
        let url = endpoint + (endpoint.contains("?") ? "&" : "?") + "ticket=" + escaped
        var wsLogger = context.logger
        wsLogger.logLevel = max(wsLogger.logLevel, .notice)
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: Self.maxFrame, closeTimeout: .seconds(3),
            autoPing: .enabled(timePeriod: .seconds(30)))
        context.logger.info("DingTalk Stream connected")
        try await WebSocketClient.connect(url: url, configuration: configuration, logger: wsLogger) {
            inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: Self.maxFrame) {
                guard case .text(let text) = message else { continue }
                session.received()
                await context.health.polled(DingTalkTransport.name, at: context.clock.now())
                guard let frame = try? JSONDecoder().decode(DingTalkStreamFrame.self, from: Data(text.utf8)) else {
                    context.logger.warning(
                        "unreadable DingTalk Stream frame ignored", metadata: ["bytes": "\(text.utf8.count)"])
                    continue
                }
                switch (frame.type, frame.headers.topic) {
                case ("SYSTEM", "ping"):
                    try await outbound.write(.text(frame.ack(data: frame.data ?? "{}")))
                case ("SYSTEM", "disconnect"):
                    session.disconnect()
                    return
                case ("SYSTEM", _):
                    continue
                case ("CALLBACK", DingTalkAPI.robotTopic?):
                    // The ACK only after the durable commit: a message not acknowledged comes again.
                    try await receive(frame)
                    try await outbound.write(.text(frame.ack(data: #"{"response":null}"#)))
                default:
                    // Topics the bot did not subscribe to: acknowledged so they are not delivered again.
                    try await outbound.write(.text(frame.ack(data: "{}")))
                }
            }
        }
    }

    /// Hands a robot message to the dispatcher, exactly once by its `msgId`.
    private func receive(_ frame: DingTalkStreamFrame) async throws {
        guard let data = frame.data,
            let message = try? JSONDecoder().decode(DingTalkRobotMessage.self, from: Data(data.utf8))
        else {
            context.logger.warning("unreadable DingTalk robot message acknowledged and ignored")
            return
        }
        guard let (incoming, deliveryID) = message.incoming(mention: mention) else { return }
        try await context.dispatcher.handleOnce(incoming, transport: DingTalkTransport.name, deliveryID: deliveryID)
    }
}
