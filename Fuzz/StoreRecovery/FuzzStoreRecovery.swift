import CampaignCore
import Foundation
import FuzzDriver
import Logging

/// The bot's state and changes (`BotState`, `Change`) as a store schema, at the bot's current version: the snapshot's
/// state and the journal's changes are decoded into the real types. (The bot's own schema lives in BotRuntime, with
/// its migrations; an older version here is refused as a missing migration.)
enum FuzzCampaignSchema: StoreSchema {
    typealias State = BotState
    typealias Change = CampaignCore.Change

    static let currentVersion = 4
    static func initialState() -> BotState { BotState() }
    static func apply(_ change: Change, to state: inout BotState) throws { try state.apply(change) }
}

/// libFuzzer's entry: a store's files from chosen bytes, read by the paths that open and recover a store, none of
/// which writes: `Loader.recover` (the snapshot, the journal and the replay of its entries), `StoreInspector.check` and
/// the reading half of `StoreRecovery` (the base snapshot and the journals). The store's sources are compiled here
/// through the symlink `Storage`, so its internal functions are in reach in any build. The first byte says which
/// files exist (bit 0 the snapshot, bit 1 the journal), the next two the snapshot's length (little-endian); the
/// snapshot then the journal follow.
enum StoreRecoveryFuzz {
    /// One directory per process, its own; removed at exit.
    static let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("cxzy-fuzz-store-\(ProcessInfo.processInfo.processIdentifier)")
    static let layout = StoreLayout(directory)
    static let logger = Logger(label: "fuzz") { _ in SwiftLogNoOpLogHandler() }

    static func prepare() {
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: StoreRecoveryFuzz.directory) }
    }

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 3 else { return }
        let flags = bytes[0]
        let rest = Array(bytes[3...])
        let length = min(Int(bytes[1]) | Int(bytes[2]) << 8, rest.count)
        place(flags & 1 != 0 ? Data(rest[..<length]) : nil, at: layout.snapshot)
        place(flags & 2 != 0 ? Data(rest[length...]) : nil, at: layout.journal)

        _ = try? Loader<FuzzCampaignSchema>.recover(layout: layout)
        _ = StoreInspector.check(directory: directory).description
        let recovery = Recovery<FuzzCampaignSchema>(
            source: layout, destination: StoreLayout(directory.appendingPathExtension("out")), options: .init(),
            logger: logger, bridge: nil)
        var passedOver: [StoreError] = []
        if let (_, version) = try? recovery.readBase(passedOver: &passedOver) {
            _ = try? recovery.readJournals(currentVersion: version ?? FuzzCampaignSchema.currentVersion)
        }
    }

    static func place(_ data: Data?, at path: String) {
        if let data {
            try! data.write(to: URL(fileURLWithPath: path))
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzStoreRecovery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    StoreRecoveryFuzz.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

@main
enum FuzzStoreRecoveryMain {
    static func main() {
        StoreRecoveryFuzz.prepare()
        FuzzDriver.run(fuzzStoreRecovery)
    }
}
