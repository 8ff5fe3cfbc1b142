import Foundation
import Testing
import TestSupport

/// `cxzy run` as a child process for the platform crash tests: a store with a roster, the bot started with one
/// platform's settings, and the works it recorded.
enum BotProcess {
    /// A fresh store with `roster` imported by `cxzy roster import`.
    static func store(roster: String, label: String) async throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("roster.csv")
        try Data(roster.utf8).write(to: file)
        let store = dir.appendingPathComponent("store")
        try #require(try await CLI.run(["roster", "import", file.path, "--store", store.path]).status == 0)
        return store
    }

    /// Starts `cxzy run` on `store` in the campaign's second phase, with `settings` as its only CXZY_ variables.
    static func start(_ store: URL, settings: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["run", "--store", store.path, "--now", "2010-10-11T09:00:00+08:00"]
        let inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CXZY_") }
        process.environment = inherited.merging(settings.merging(["CXZY_LOG_LEVEL": "error"]) { $1 }) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try Child.start(process)
        return process
    }

    /// The text of every work in the store (`cxzy export --what works`), one per record.
    static func workTexts(_ store: URL) async throws -> [String] {
        try await CLI.run(["export", "--format", "jsonl", "--what", "works", "--store", store.path]).lines.compactMap {
            line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
        }
    }

    /// Whether, within 90 s, every paper `编号0` … `编号(total-1)` has a reply among `texts`.
    static func answered(_ total: Int, texts: @Sendable () async -> [String]) async -> Bool {
        await eventually(90) {
            let all = await texts()
            return (0..<total).allSatisfy { i in all.contains { $0.contains("编号\(i)》") } }
        }
    }
}
