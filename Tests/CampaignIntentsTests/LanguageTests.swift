import CampaignIntents
import Foundation
import Testing

@Suite("Command language")
struct LanguageTests {
    @Test("every intent and form", arguments: languageCases)
    func intentForms(_ row: LanguageCase) throws {
        let outcome = IntentParser.parse(
            row.text, context: try context(row.today, group: row.group, botNames: ["cxzy_bot"]))
        #expect(outcome.jsonLine == row.json)
        #expect(outcome.isUnderstood)
    }

    @Test("every error id names the intent and argument, explains, and shows an example", arguments: errorCases)
    func errors(_ row: ErrorCase) throws {
        let outcome = IntentParser.parse(row.text, context: try context("2010-07-20"))
        let object = try jsonObject(outcome.jsonLine)
        #expect(object["error"] as? String == row.error)
        #expect(object["intent"] as? String == row.intent)
        #expect(object["argument"] as? String == row.argument)
        let message = try #require(object["message"] as? String)
        let usage = try #require(object["usage"] as? String)
        #expect(!message.isEmpty)
        // The example must itself be understood (or be plain help).
        if let intent = row.intent {
            let example = IntentParser.parse(usage, context: try context("2010-07-20"))
            guard case .command(let command) = example else {
                Issue.record("example “\(usage)” is not understood")
                return
            }
            #expect(command.intent.kind.rawValue == intent)
        }
    }

    @Test("dates resolve forward for bookings and backward for reports", arguments: dateRuleCases)
    func dateRules(_ row: DateRuleCase) throws {
        let outcome = IntentParser.parse(row.message, context: try context(row.today))
        let object = try jsonObject(outcome.jsonLine)
        #expect(object["date"] as? String == row.expect, "\(outcome.jsonLine)")
    }
}
