import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import Logging

/// A store as version 3 wrote it: the state without the containers version 4 added (对标定位, 评选表彰, 评议,
/// attachments), outbox messages without `media`. Changes are written as JSON, as version 3 wrote them.
enum CampaignSchemaV3: StoreSchema {
    typealias State = JSONValue
    typealias Change = JSONValue
    static let currentVersion = 3
    static let addedLater = ["benchmarks", "awards", "evaluations", "attachments", "heldFiles"]

    static func initialState() -> JSONValue {
        let data = (try? JSONEncoder().encode(BotState())) ?? Data()
        var state = (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .object([:])
        for key in addedLater { state[key] = nil }
        return state
    }

    static func apply(_ change: JSONValue, to state: inout JSONValue) throws {}

    /// A new version-3 store in a fresh temporary directory (the caller removes the directory).
    static func openNew(_ prefix: String) async throws -> (store: JSONStore<CampaignSchemaV3>, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        return (try await JSONStore<CampaignSchemaV3>.open(directory: directory, logger: quietLogger), directory)
    }

    /// Errors only: the tests' output stays readable.
    static var quietLogger: Logger {
        var logger = Logger(label: "migration")
        logger.logLevel = .error
        return logger
    }
}
