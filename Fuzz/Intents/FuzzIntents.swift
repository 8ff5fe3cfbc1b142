import CampaignIntents
import Foundation
import FuzzDriver

/// libFuzzer's entry: one input, as UTF-8 text (invalid bytes repaired), parsed in a private chat and in a group.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzIntents(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let today = CalendarDate(year: 2026, month: 9, day: 14)!
    _ = IntentParser.parse(text, context: ParseContext(today: today))
    _ = IntentParser.parse(text, context: ParseContext(today: today, isGroup: true, botNames: ["cxzy_bot"]))
    return 0
}

@main
enum FuzzIntentsMain {
    static func main() { FuzzDriver.run(fuzzIntents) }
}
