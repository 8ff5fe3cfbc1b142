import CampaignCore
import Foundation
import Testing

@Suite("Sealed 评议 sums are written only encrypted")
struct SealedBallotsTests {
    /// As the store writes: sorted keys, slashes not escaped (base64 holds them).
    static func encoder(_ seal: BallotSeal?) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let seal { encoder.userInfo[BallotSeal.userInfoKey] = seal }
        return encoder
    }

    static func decoder(_ seal: BallotSeal?) -> JSONDecoder {
        let decoder = JSONDecoder()
        if let seal { decoder.userInfo[BallotSeal.userInfoKey] = seal }
        return decoder
    }

    static let oneBallot = SealedBallots(raters: ["T002"], grades: ["S001": ["excellent": 1]])

    @Test("without a key, sealed ballots cannot be written at all")
    func noKeyNoWrite() throws {
        #expect(throws: BallotSealMissing.self) { try Self.encoder(nil).encode(Self.oneBallot) }
        // Not even an empty sum: that every subject was skipped is a ballot too.
        #expect(throws: BallotSealMissing.self) { try Self.encoder(nil).encode(SealedBallots(raters: ["T002"])) }
    }

    @Test("written with the key: who submitted, and a box that holds no subject or grade and opens with that key only")
    func sealedRoundTrip() throws {
        let seal = BallotSeal.random().seal
        let data = try Self.encoder(seal).encode(Self.oneBallot)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("T002") && !text.contains("S001") && !text.contains("excellent"), "\(text)")
        #expect(try Self.decoder(seal).decode(SealedBallots.self, from: data) == Self.oneBallot)

        // Another key, or none: the box stays closed, and is written back exactly as it was.
        for other in [BallotSeal.random().seal, nil] {
            let read = try Self.decoder(other).decode(SealedBallots.self, from: data)
            #expect(read.raters == ["T002"] && read.grades.isEmpty && read.unreadable != nil)
            #expect(try Self.encoder(other).encode(read) == data)
        }
    }

    @Test("a box's length does not tell how many subjects a ballot rated or skipped", arguments: [0, 1, 5, 30])
    func lengthHidesTheBallot(rated: Int) throws {
        let seal = BallotSeal.random().seal
        var grades: [String: [String: Int]] = [:]
        for i in 0..<rated { grades[String(format: "S%03d", i)] = ["basicallyQualified": 1] }
        let ballot = try Self.encoder(seal).encode(SealedBallots(raters: ["T002"], grades: grades))
        let none = try Self.encoder(seal).encode(SealedBallots(raters: ["T002"]))
        #expect(ballot.count == none.count)
    }

    @Test(
        "two writes of the same sum differ (a fresh nonce each time): files written at different times cannot be matched"
    )
    func freshNonce() throws {
        let seal = BallotSeal.random().seal
        #expect(try Self.encoder(seal).encode(Self.oneBallot) != Self.encoder(seal).encode(Self.oneBallot))
    }

    @Test("a sum written in the clear by an older version is read, and written sealed from then on")
    func legacyClearSum() throws {
        let legacy = Data(#"{"raters":["T002"],"grades":{"S001":{"excellent":1}}}"#.utf8)
        let read = try Self.decoder(nil).decode(SealedBallots.self, from: legacy)
        #expect(read == Self.oneBallot)
        let seal = BallotSeal.random().seal
        #expect(!String(decoding: try Self.encoder(seal).encode(read), as: UTF8.self).contains("excellent"))
    }

    @Test("a key is 32 bytes")
    func keyLength() {
        #expect(BallotSeal(key: Data(repeating: 7, count: 32)) != nil)
        #expect(BallotSeal(key: Data(repeating: 7, count: 16)) == nil)
    }
}
