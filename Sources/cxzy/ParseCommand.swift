import ArgumentParser
import CampaignCore
import CampaignIntents
import Foundation

/// `cxzy parse`: prints the typed command (or error) of SPEC §3 as one JSON object.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a chat message and print its intent as JSON (exit 0 when understood, 1 when not).",
        discussion: "TEXT '-' reads one message per line from standard input and prints one JSON object per line."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "The message came from a group chat: only slash commands and @-mentions are read.")
    var group = false

    @Option(name: .customLong("bot-name"), help: "The bot's user name, for @-mentions and /cmd@name in groups.")
    var botNames: [String] = []

    @Argument(help: "The message, or '-' for one message per line on standard input.")
    var text: String

    func run() throws {
        let today = CalendarDate(global.clock().now(), in: .campaign)
        let context = ParseContext(today: today, isGroup: group, botNames: botNames)
        var understood = true
        if text == "-" {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            for line in input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast(
                input.last == UInt8(ascii: "\n") ? 1 : 0)
            {
                var message = String(decoding: line, as: UTF8.self)
                if message.hasSuffix("\r") { message.removeLast() }
                let outcome = IntentParser.parse(message, context: context)
                understood = understood && outcome.isUnderstood
                print(outcome.jsonLine)
            }
        } else {
            let outcome = IntentParser.parse(text, context: context)
            understood = outcome.isUnderstood
            print(outcome.jsonLine)
        }
        if !understood { throw ExitCode(1) }
    }
}
