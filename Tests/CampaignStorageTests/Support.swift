import Foundation
import Logging
import Synchronization
import Testing
import TestSupport
@testable import CampaignStorage

/// A small application schema: notes by id plus a transport position, committed together like the bot does.
enum NotesSchema: StoreSchema {
    struct State: Codable, Sendable, Equatable {
        var notes: [String: String] = [:]
        var position: Int = 0
    }

    enum Change: Codable, Sendable, Equatable {
        case put(id: String, text: String)
        case delete(id: String)
        case position(Int)
    }

    struct Missing: Error, Equatable {
        var id: String
    }

    static let currentVersion = 1
    static func initialState() -> State { State() }
    static func apply(_ change: Change, to state: inout State) throws {
        switch change {
        case let .put(id, text): state.notes[id] = text
        case let .delete(id):
            guard state.notes.removeValue(forKey: id) != nil else { throw Missing(id: id) }
        case let .position(value): state.position = value
        }
    }
}

/// A fresh directory under the system temp dir, removed by `remove()`.
struct TempDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var store: URL { url.appendingPathComponent("store") }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Every file under `directory` with its bytes, to prove a refused open wrote nothing.
func contents(of directory: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let base = directory.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return result }
    while let relative = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let path = base + "/" + relative
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        result[relative] = isDirectory.boolValue ? Data("<dir>".utf8) : try Data(contentsOf: URL(fileURLWithPath: path))
    }
    return result
}

/// Collects log events so tests can assert what operators are told.
final class LogCapture: Sendable {
    private let events = Mutex<[(level: Logger.Level, message: String, metadata: Logger.Metadata)]>([])

    var logger: Logger {
        Logger(label: "test") { _ in Handler(capture: self) }
    }

    func messages(at level: Logger.Level) -> [(message: String, metadata: Logger.Metadata)] {
        events.withLock { $0.filter { $0.level == level }.map { ($0.message, $0.metadata) } }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.events.withLock { $0.append((event.level, "\(event.message)", merged)) }
        }
    }
}

let quietLogger: Logger = {
    var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    logger.logLevel = .critical
    return logger
}()

extension JSONStore {
    static func open(_ directory: URL, options: StoreOptions = .init(), logger: Logger = quietLogger) async throws
        -> JSONStore
    {
        try await open(directory: directory, options: options, logger: logger)
    }
}

/// Builds a store with `count` commits of one note each, then closes it.
func makeNotesStore(at url: URL, commits count: Int, options: StoreOptions = .init()) async throws {
    let store = try await JSONStore<NotesSchema>.open(url, options: options)
    for i in 1...count {
        try await store.commit([.put(id: "n\(i)", text: "note \(i)")])
    }
    try await store.close()
}

func readText(_ url: URL) throws -> String {
    String(decoding: try Data(contentsOf: url), as: UTF8.self)
}

func write(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url)
}

/// Expects `body` to throw a `StoreError` and returns it.
func expectStoreError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async
    -> StoreError?
{
    do {
        try await body()
        Issue.record("expected a StoreError, but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("expected a StoreError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A value shared between test tasks (a `Mutex` itself cannot be captured by escaping closures).
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ initial: Value) { value = Mutex(initial) }
    func load() -> Value { value.withLock { $0 } }
    func store(_ newValue: Value) { value.withLock { $0 = newValue } }
}

extension Shared where Value == Int {
    @discardableResult
    func add(_ delta: Int) -> Int {
        value.withLock { v in
            v += delta
            return v
        }
    }
}
