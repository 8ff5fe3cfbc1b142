package import CampaignCore
package import Foundation
import Logging
package import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The terminal as a platform, booted through the same preparation as `cxzy run` (`BotService.prepare(edges:)`):
/// lines from stdin are messages (its service, `ConsoleReader`), and its delivery prints what the outbox sender hands
/// it — so the console's replies and reminders pass the same outbox, send limits and quiet hours as a school's.
/// Works interactively and through a pipe.
package struct ConsoleTransport: ConnectedTransport {
    package static let name = "console"
    package let staffID: String?
    package let exportDirectory: URL
    package let sendRules: SendLimiter.Rules?
    package var botNames: [String] { [] }
    /// Prints to the terminal (or what a test gives).
    package let delivery: any OutboxDelivery
    let input: @Sendable () -> AsyncStream<String>
    let interactive: Bool
    let write: @Sendable (String) -> Void

    /// - Parameters:
    ///   - input: the lines typed or piped in (default: stdin, read on a thread of its own).
    ///   - write: where replies and the prompt go (default: stdout).
    ///   - sendRules: send limits, as a platform has them (none by default: a terminal has no quota).
    package init(
        staffID: String?, exportDirectory: URL, sendRules: SendLimiter.Rules? = nil,
        input: @escaping @Sendable () -> AsyncStream<String> = ConsoleTransport.inputLines,
        interactive: Bool = ConsoleTransport.isInteractive,
        write: @escaping @Sendable (String) -> Void = ConsoleTransport.standardOutput
    ) {
        self.staffID = staffID
        self.exportDirectory = exportDirectory
        self.sendRules = sendRules
        self.input = input
        self.interactive = interactive
        self.write = write
        let address = ChatAddress(transport: Self.name, chat: staffID ?? "local")
        delivery = ConsoleDelivery(address: address, exportDirectory: exportDirectory, write: write)
    }

    package var identity: ChatIdentity { ChatIdentity(transport: Self.name, user: staffID ?? "local") }
    package var address: ChatAddress { ChatAddress(transport: Self.name, chat: staffID ?? "local") }

    package func services(_ context: TransportContext) -> [any Service] {
        [ConsoleReader(console: self, context: context)]
    }

    /// Lines typed or piped in, read on a dedicated thread so the cooperative pool is never blocked.
    package static func inputLines() -> AsyncStream<String> {
        AsyncStream { continuation in
            let thread = Thread {
                while let line = readLine(strippingNewline: true) {
                    continuation.yield(line)
                }
                continuation.finish()
            }
            thread.start()
        }
    }

    package static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 }

    package static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Reads the console's lines as messages, one at a time: each line's replies are printed before the next line is read
/// (and the prompt shown). At the end of input it waits until everything the outbox may send this console now is
/// printed, then returns — which shuts the bot down gracefully, as SIGTERM would.
struct ConsoleReader: Service {
    let console: ConsoleTransport
    let context: TransportContext

    func run() async throws {
        let quietUntil = BotService.quietUntil(context.bot.campaign)
        var counter = 0
        if console.interactive { console.write("> ") }
        for await line in console.input().cancelOnGracefulShutdown() {
            counter += 1
            if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let (text, file) = console.fileNamed(in: line, intake: context.bot.intake)
                try await context.dispatcher.handle([
                    IncomingMessage(
                        identity: console.identity, chat: console.address, messageID: String(counter),
                        text: text, file: file)
                ])
                try await waitUntilPrinted(quietUntil)
            }
            if console.interactive { console.write("> ") }
        }
        try await waitUntilPrinted(quietUntil)
    }

    /// Returns once no message for this console is waiting that the outbox sender may send now (reminders held by
    /// quiet hours wait for the morning, as on every platform), or when the bot is shutting down.
    private func waitUntilPrinted(_ quietUntil: @Sendable (Date) -> Date?) async throws {
        while !Task.isShuttingDownGracefully {
            let held = quietUntil(context.clock.now()) != nil
            let waiting = try await context.dispatcher.pending(for: ConsoleTransport.name).contains {
                $0.to == console.address && !(held && $0.kind == .reminder)
            }
            if !waiting { return }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// Prints one console's messages: the text, then where an attached file, chart or document was saved, then a blank
/// line. Messages for another console session (another `--as`) stay in the outbox for it.
struct ConsoleDelivery: OutboxDelivery {
    let address: ChatAddress
    let exportDirectory: URL
    let write: @Sendable (String) -> Void

    var transport: String { ConsoleTransport.name }
    var sendsMedia: Bool { true }
    var displayName: String { "控制台" }
    func isGroup(_ chat: String) -> Bool { false }
    func handles(_ message: OutboxMessage) -> Bool { message.to == address }

    func deliver(_ message: OutboxMessage) async throws(DeliveryError) {
        var out = message.text + "\n"
        if let attachment = message.attachment {
            out += saved(Data(attachment.content.utf8), named: attachment.fileName, what: "文件")
        }
        write(out + "\n")
    }

    func deliver(_ message: OutboxMessage, media: RenderedMedia) async throws(DeliveryError) {
        let what = media.isPicture ? (message.media?.isChart == true ? "统计图" : "图片") : "文件"
        write(message.text + "\n" + saved(media.data, named: media.fileName, what: what) + "\n")
    }

    /// The line saying where a file was saved; a file that cannot be saved is said so, and the text still shown.
    private func saved(_ data: Data, named name: String, what: String) -> String {
        do {
            return "（\(what)已保存：\(try saveExport(data, named: name).path)）\n"
        } catch {
            return "（\(what)未能保存：\(error.localizedDescription)）\n"
        }
    }

    /// Exports hold personal data: the folder is 0700 and each file 0600, like the store they come from.
    func saveExport(_ data: Data, named name: String) throws -> URL {
        try FileManager.default.createDirectory(
            at: exportDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: exportDirectory.path)
        let url = exportDirectory.appendingPathComponent(name)
        try data.write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return url
    }
}
