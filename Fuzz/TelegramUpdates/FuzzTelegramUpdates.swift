import Foundation
import FuzzDriver

/// What the symlinked Telegram file needs of the transport (`package`, as the transport is, for its `incoming`).
package enum TelegramTransport {
    package static let name = "telegram"
}

/// libFuzzer's entry: a webhook body read as the webhook reads it (one `Update`, its message as the dispatcher reads
/// it, its `update_id` as the delivery id), and as a `getUpdates` answer (`Envelope` of updates, whose highest id
/// gives the next offset, which must survive the store and JSON for any id), the files shared by symlinks.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTelegramUpdates(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = Data(UnsafeBufferPointer(start: data, count: size))
    if let update = try? JSONDecoder().decode(TelegramObjects.Update.self, from: body) {
        _ = TelegramTransport.incoming(update)
        _ = String(update.update_id)
    }
    if let envelope = try? JSONDecoder().decode(TelegramObjects.Envelope<[TelegramObjects.Update]>.self, from: body) {
        for update in envelope.result ?? [] {
            _ = TelegramTransport.incoming(update)
            let offset = TelegramOffset.after(update.update_id)
            precondition(TelegramOffset(position: offset.description) == offset)
            precondition((try? JSONEncoder().encode(offset)) != nil)
        }
    }
    return 0
}

@main
enum FuzzTelegramUpdatesMain {
    static func main() { FuzzDriver.run(fuzzTelegramUpdates) }
}
