package import Foundation

/// The submitted ballots of one group that wait to be counted: who submitted them (sorted) and the sum of their
/// grades — never one ballot. After a batch, the grades of a subject that has not reached the threshold stay here
/// without their raters.
///
/// On disk the sum is only ever an opaque box, encrypted with the ballot key (`BallotSeal`, found in the coder's
/// `userInfo`): with a single rater sealed, the sum *is* their ballot. Encoding without the key throws; decoding
/// without it (or with another key) keeps the box as it was (`unreadable`), to be written back unchanged.
package struct SealedBallots: Codable, Sendable, Equatable {
    package var raters: [String] = []
    /// Subject → grade raw value → number. Empty when the box could not be opened.
    package var grades: [String: [String: Int]] = [:]
    /// The box as read, when it could not be opened with the key at hand: nothing can be added to these ballots
    /// (`Evaluations.cast` refuses), and they are written back exactly as they were.
    package private(set) var unreadable: Data?

    package init(raters: [String] = [], grades: [String: [String: Int]] = [:]) {
        self.raters = raters
        self.grades = grades
    }

    private enum CodingKeys: String, CodingKey {
        case raters, box
        /// The sum in the clear, as stores written before ballots were sealed kept it: read, never written.
        case grades
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        raters = try c.decodeIfPresent([String].self, forKey: .raters) ?? []
        if let text = try c.decodeIfPresent(String.self, forKey: .box) {
            guard let box = Data(base64Encoded: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .box, in: c, debugDescription: "sealed ballots: the box is not base64")
            }
            let seal = decoder.userInfo[BallotSeal.userInfoKey] as? BallotSeal
            if let opened = seal?.open(box) {
                grades = opened
            } else {
                unreadable = box
            }
        } else {
            grades = try c.decodeIfPresent([String: [String: Int]].self, forKey: .grades) ?? [:]
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(raters, forKey: .raters)
        if let unreadable {
            try c.encode(unreadable.base64EncodedString(), forKey: .box)
            return
        }
        guard let seal = encoder.userInfo[BallotSeal.userInfoKey] as? BallotSeal else { throw BallotSealMissing() }
        try c.encode(try seal.seal(grades).base64EncodedString(), forKey: .box)
    }
}
