package import CampaignCore
package import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    package import Darwin
#endif

/// The terminal as a transport: lines from stdin are messages, replies are printed (and flushed) once durable.
/// Works interactively and through a pipe.
package struct ConsoleTransport: Sendable {
    package static let name = "console"
    package let staffID: String?
    package let exportDirectory: URL
    /// Makes charts, the report and attached files; they are saved in `exportDirectory` and their path printed.
    package let media: MediaMaker?

    package init(staffID: String?, exportDirectory: URL, media: MediaMaker? = nil) {
        self.staffID = staffID
        self.exportDirectory = exportDirectory
        self.media = media
    }

    package var identity: ChatIdentity { ChatIdentity(transport: Self.name, user: staffID ?? "local") }
    package var address: ChatAddress { ChatAddress(transport: Self.name, chat: staffID ?? "local") }

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

    /// Prints the messages waiting for this console and marks them sent.
    package func flush(_ dispatcher: Dispatcher) async throws {
        let mine = try await dispatcher.pending(for: Self.name).filter { $0.to == address }
        guard !mine.isEmpty else { return }
        var out = ""
        for message in mine {
            out += message.text + "\n"
            if let attachment = message.attachment {
                out += "（文件已保存：\(try save(attachment).path)）\n"
            }
            if message.media != nil { out += await saveMedia(message) + "\n" }
            out += "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        try await dispatcher.markSent(mine.map(\.id))
    }

    func save(_ attachment: Attachment) throws -> URL {
        try saveExport(Data(attachment.content.utf8), named: attachment.fileName)
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

    /// Reads messages until end of input. Replies (and reminders that fall due meanwhile) are printed as soon as
    /// they are committed; at the end of input everything queued for this console is printed before returning.
    package func run(_ dispatcher: Dispatcher, input: AsyncStream<String>, scheduler: ReminderScheduler? = nil)
        async throws
    {
        let output = ConsoleOutput(console: self)
        let signals = await dispatcher.outboxSignals()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in signals { try await output.flush(dispatcher) }
            }
            if let scheduler {
                group.addTask { try await scheduler.run() }
            }
            let interactive = Self.isInteractive
            var counter = 0
            if interactive { prompt() }
            for await line in input {
                counter += 1
                if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    let (text, file) = fileNamed(in: line)
                    try await dispatcher.handle([
                        IncomingMessage(
                            identity: identity, chat: address, messageID: String(counter),
                            text: text, file: file)
                    ])
                    try await output.flush(dispatcher)
                }
                if interactive { prompt() }
            }
            try await output.flush(dispatcher)
            group.cancelAll()
        }
    }

    fileprivate func prompt() {
        FileHandle.standardOutput.write(Data("> ".utf8))
    }
}

/// Serialises printing, so a reply and a reminder falling due at the same moment never interleave or print twice.
actor ConsoleOutput {
    let console: ConsoleTransport
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(console: ConsoleTransport) { self.console = console }

    func flush(_ dispatcher: Dispatcher) async throws {
        // Actors are re-entrant across `await`: hold a turn explicitly so two flushes never print the same message.
        while busy { await withCheckedContinuation { waiters.append($0) } }
        busy = true
        defer {
            busy = false
            if !waiters.isEmpty { waiters.removeFirst().resume() }
        }
        try await console.flush(dispatcher)
    }
}
