import CampaignCore
import CampaignIntents
import Foundation
import Logging
import ServiceLifecycle

/// Telegram as a transport: long polling (or webhook updates) in, the outbox out.
public struct TelegramTransport: Sendable {
    public static let name = "telegram"
    public let api: TelegramAPI

    public init(api: TelegramAPI) { self.api = api }

    /// The message an update carries, as the dispatcher reads it; nil for what the bot ignores (other bots, channels).
    public static func incoming(_ update: TelegramObjects.Update) -> IncomingMessage? {
        guard let message = update.message, let from = message.from, from.is_bot != true else { return nil }
        let type = message.chat.type
        guard type == "private" || type == "group" || type == "supergroup" else { return nil }
        let isGroup = type != "private"
        // In a group only text can be a command; in a private chat a photo or sticker gets a hint.
        guard let text = message.text ?? (isGroup ? nil : message.caption ?? "") else { return nil }
        return IncomingMessage(identity: ChatIdentity(transport: name, user: String(from.id)),
                               chat: ChatAddress(transport: name, chat: String(message.chat.id)),
                               isGroup: isGroup, messageID: String(message.message_id), text: text)
    }

    /// The command menu with Chinese descriptions, generated from the command table.
    public static var commandMenu: [(String, String)] {
        IntentKind.allCases.map { ($0.slashCommands[0], "\($0.keywords[0])：\($0.summary.zh)") }
    }
}

/// Delivers outbox messages with sendMessage / sendDocument.
public struct TelegramDelivery: OutboxDelivery {
    public let api: TelegramAPI
    public var transport: String { TelegramTransport.name }
    /// Pieces of long messages already sent, so a retry resumes instead of repeating the first part.
    private let ledger = PieceLedger()

    public init(api: TelegramAPI) { self.api = api }

    actor PieceLedger {
        private var sent: [Int: Int] = [:]
        func count(_ id: Int) -> Int { sent[id] ?? 0 }
        func record(_ id: Int, _ pieces: Int) { sent[id] = pieces }
        func forget(_ id: Int) { sent[id] = nil }
    }

    /// Telegram group and supergroup ids are negative.
    public func isGroup(_ chat: String) -> Bool { chat.hasPrefix("-") }

    public func deliver(_ message: OutboxMessage) async throws(DeliveryError) {
        do {
            let replyTo = message.replyTo.flatMap(Int64.init)
            if let attachment = message.attachment {
                try await api.sendDocument(chat: message.to.chat, fileName: attachment.fileName, mimeType: attachment.mimeType,
                                           content: Data(attachment.content.utf8), caption: message.text, replyTo: replyTo)
                return
            }
            let pieces = MessageSplitter.split(message.text)
            let done = await ledger.count(message.id)
            for i in done..<pieces.count {
                try await api.sendMessage(chat: message.to.chat, text: pieces[i], replyTo: i == 0 ? replyTo : nil)
                if pieces.count > 1 { await ledger.record(message.id, i + 1) }
            }
            if pieces.count > 1 { await ledger.forget(message.id) }
        } catch let error as TelegramError {
            switch error {
            case .retryAfter(let seconds): throw .retryAfter(seconds: Double(seconds))
            case .transient(let d): throw .transient(d)
            case .rejected(_, let d): throw .rejected(d)
            case .unauthorized, .conflict: throw .fatal(error.description)
            }
        } catch {
            throw .transient("\(error)")
        }
    }
}

/// Last activity of each transport, for `/healthz`.
public actor Health {
    public private(set) var lastPoll: [String: Date] = [:]
    public init() {}
    public func polled(_ transport: String, at date: Date) { lastPoll[transport] = date }
}

/// `getUpdates` long polling. Each batch's effects, replies and new offset are one durable commit, so a crash never
/// loses or repeats an update. On graceful shutdown the request in flight is cancelled (its updates were not
/// confirmed, so Telegram sends them again) and a batch in hand is finished first.
public struct TelegramPoller: Service {
    let api: TelegramAPI
    let dispatcher: Dispatcher
    let health: Health
    let clock: any CampaignClock
    let logger: Logger
    let timeout: Int

    public init(api: TelegramAPI, dispatcher: Dispatcher, health: Health, clock: any CampaignClock, logger: Logger, timeout: Int = 30) {
        self.api = api
        self.dispatcher = dispatcher
        self.health = health
        self.clock = clock
        self.logger = logger
        self.timeout = timeout
    }

    public func run() async throws {
        var backoff = Backoff()
        var offset = await dispatcher.state.positions[TelegramTransport.name].flatMap(Int64.init)
        logger.info("polling Telegram", metadata: ["offset": "\(offset.map(String.init) ?? "none")"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let updates: [TelegramObjects.Update]
            do {
                let api = self.api, timeout = self.timeout, from = offset
                updates = try await cancelWhenGracefulShutdown { try await api.getUpdates(offset: from, timeout: timeout) }
                backoff.reset()
            } catch let error as TelegramError {
                switch error {
                case .unauthorized, .conflict:
                    logger.critical("\(error.description)")
                    throw error
                case .retryAfter(let seconds):
                    logger.warning("getUpdates rate limited", metadata: ["seconds": "\(seconds)"])
                    try await clock.sleep(until: clock.now().addingTimeInterval(Double(seconds)))
                    continue
                case .transient, .rejected:
                    let wait = backoff.next()
                    logger.warning("getUpdates failed; retrying", metadata: ["error": "\(error.description)", "retry_in": "\(String(format: "%.1f", wait)) s"])
                    try await clock.sleep(until: clock.now().addingTimeInterval(wait))
                    continue
                }
            } catch {
                // Cancelled by graceful shutdown (or the URL loading system gave up): stop without confirming.
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                logger.warning("getUpdates failed; retrying", metadata: ["error": "\(error)"])
                try await clock.sleep(until: clock.now().addingTimeInterval(backoff.next()))
                continue
            }
            await health.polled(TelegramTransport.name, at: clock.now())
            guard let last = updates.map(\.update_id).max() else { continue }
            let next = last + 1
            try await dispatcher.handle(updates.compactMap(TelegramTransport.incoming),
                                        position: (TelegramTransport.name, String(next)))
            offset = next
        }
        logger.info("stopped polling Telegram")
    }
}
