import Foundation
import Testing
@testable import CampaignStorage

/// `SnapshotDecoder` reads what `JSONEncoder` writes exactly as `JSONDecoder` does, and refuses (so the store falls
/// back to `JSONDecoder`) what it does not handle.
@Suite struct SnapshotDecoderTests {
    enum Event: Codable, Equatable {
        case added(Item)
        case renamed(id: Int, to: String?)
        case cleared
    }

    enum Kind: String, Codable { case plain, special }

    struct Item: Codable, Equatable {
        var id: Int
        var name: String
        var note: String?
        var at: Date
        var score: Double
        var tags: Set<String>
        var kind: Kind
        var small: Int8
        var big: UInt64
    }

    struct Root: Codable, Equatable {
        var items: [Item]
        var byName: [String: [Int]]
        var byNumber: [Int: String]
        var events: [Event]
        var empty: [String: Int]
        var nothing: [Item]
        var maybe: [Int?]
        var flag: Bool
        var nested: [[String]]
    }

    static func sample() -> Root {
        let item = Item(
            id: -42, name: "教师 \"王\" \\ / 😀 \u{1} tab\there", note: nil,
            at: Date(timeIntervalSinceReferenceDate: 1234.5),
            score: 0.1, tags: ["a", "b 乙"], kind: .special, small: -128, big: UInt64.max)
        var other = item
        other.id = 7
        other.note = "long enough to live on the heap, with 中文 and an emoji 🎉"
        other.kind = .plain
        other.score = -1e-300
        return Root(
            items: [item, other], byName: ["键 \"引号\"": [1, 2], "": []], byNumber: [3: "三", -1: "负"],
            events: [.added(item), .renamed(id: 1, to: nil), .renamed(id: 2, to: "x"), .cleared], empty: [:],
            nothing: [], maybe: [1, nil, 3], flag: true, nested: [[], ["a"], ["b", "c"]])
    }

    func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        try data.withUnsafeBytes { try SnapshotDecoder.decode(T.self, from: $0) }
    }

    @Test(arguments: [false, true])
    func readsWhatTheEncoderWritesLikeJSONDecoder(pretty: Bool) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : []
        let data = try encoder.encode(Self.sample())
        let expected = try JSONDecoder().decode(Root.self, from: data)
        #expect(try decode(Root.self, data) == expected)
        #expect(expected == Self.sample())
    }

    @Test(arguments: [
        #"{"a":1,}"#, #"{"a" 1}"#, #"[1,2"#, #""unterminated"#, #"{"items":[{"id":1.5}]}"#, #""\ud800""#,
        #"{"a":1} x"#, "\"\u{1}\"", #"99999999999999999999"#,
    ])
    func refusesWhatItCannotRead(text: String) {
        #expect(throws: (any Error).self) { try decode(Root.self, Data(text.utf8)) }
        #expect(throws: (any Error).self) { try decode([String: Int].self, Data(text.utf8)) }
    }

    @Test func leavesDataAndURLToJSONDecoder() throws {
        struct Blob: Codable, Equatable { var data: Data }
        let data = try JSONEncoder().encode(Blob(data: Data([1, 2, 3])))
        #expect(throws: JSONScanner.Refused.self) { try decode(Blob.self, data) }
    }

    @Test func readsEscapedKeysAndStrings() throws {
        let text = #"{"k\u00e9y":"\u4e2d\ud83d\ude00\n","plain":"x"}"#
        let value = try decode([String: String].self, Data(text.utf8))
        #expect(value == ["kéy": "中😀\n", "plain": "x"])
    }
}
