import CampaignIntents
import Foundation

struct DateRuleCase: CustomTestStringConvertible, Sendable {
    let expression: String
    let today: String
    let forward: Bool
    let expect: String

    init(_ expression: String, today: String, forward: Bool, expect: String) {
        self.expression = expression
        self.today = today
        self.forward = forward
        self.expect = expect
    }

    var testDescription: String { "\(forward ? "→" : "←") \(expression) @\(today)" }

    var message: String { forward ? "预约示范课 \(expression) 第3节 高二3班" : "家访 \(expression) 王同学" }
}

/// One row of the language table: a message and the exact JSON `cxzy parse` must print for it.
struct LanguageCase: CustomTestStringConvertible, Sendable {
    let text: String
    let json: String
    let group: Bool
    let today: String

    init(_ text: String, _ json: String, group: Bool = false, today: String = "2010-07-20") {
        self.text = text
        self.json = json
        self.group = group
        self.today = today
    }

    var testDescription: String { (group ? "[group] " : "") + text.prefix(60) }
}

/// An error row: only the error id, the intent and the argument are fixed; the words may be improved.
struct ErrorCase: CustomTestStringConvertible, Sendable {
    let text: String
    let error: String
    let intent: String?
    let argument: String?

    init(_ text: String, _ error: String, _ intent: String? = nil, _ argument: String? = nil) {
        self.text = text
        self.error = error
        self.intent = intent
        self.argument = argument
    }

    var testDescription: String { text.prefix(60) + " → " + error }
}

import Testing

func context(_ today: String, group: Bool = false, botNames: [String] = []) throws -> ParseContext {
    ParseContext(today: try #require(CalendarDate(iso: today)), isGroup: group, botNames: botNames)
}

func jsonObject(_ line: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return try #require(value as? [String: Any])
}
