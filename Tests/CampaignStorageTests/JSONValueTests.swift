import Foundation
import Testing
@testable import CampaignStorage

@Suite("JSONValue")
struct JSONValueTests {
    @Test("decodes every JSON kind, keeping integers exact, and round-trips")
    func roundTrip() throws {
        let text = #"{"a":9007199254740993,"b":true,"c":1.5,"d":null,"e":[1,"x"],"f":{"g":false}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(
            value
                == .object([
                    "a": .integer(9_007_199_254_740_993), "b": .bool(true), "c": .double(1.5), "d": .null,
                    "e": .array([.integer(1), .string("x")]), "f": .object(["g": .bool(false)]),
                ]))
        #expect(value["f"]?["g"] == .bool(false))
        let again = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(again == value)
    }
}
