import Crypto
package import Foundation

/// The key that seals submitted 评议 ballots waiting for their batch (`SealedBallots`): their sum is written to the
/// store only encrypted with it (AES-GCM), and the key is never in the store. Whoever reads the store's files — its
/// snapshots, journal and backups, a copy of the directory — without the key sees who submitted and an opaque box of
/// fixed size per group, not the grades.
package struct BallotSeal: Sendable {
    /// Where the stores's encoders and decoders find the seal (`StoreOptions.codingUserInfo`).
    package static let userInfoKey = CodingUserInfoKey(rawValue: "cxzy.ballotSeal")!

    /// The key's length in bytes (AES-256).
    package static let keyBytes = 32
    /// Plaintexts are padded to a multiple of this many bytes, so a box's length does not tell how many subjects
    /// were rated or skipped.
    static let paddingBlock = 4096
    private static let associated = Data("cxzy sealed ballots v1".utf8)

    /// The key's bytes (`SymmetricKey` is not `Sendable`; one is made for each use).
    private let bytes: Data
    private var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// A seal with the key `bytes` (32 of them); nil for any other length.
    package init?(key bytes: Data) {
        guard bytes.count == Self.keyBytes else { return nil }
        self.bytes = bytes
    }

    /// A seal with a new random key, and the key's bytes to keep.
    package static func random() -> (seal: BallotSeal, key: Data) {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return (BallotSeal(uncheckedKey: bytes), bytes)
    }

    private init(uncheckedKey bytes: Data) { self.bytes = bytes }

    /// The grades (subject → grade → number), encrypted with a fresh nonce.
    func seal(_ grades: [String: [String: Int]]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var plain = try encoder.encode(grades)
        let padded = (plain.count / Self.paddingBlock + 1) * Self.paddingBlock
        plain.append(Data(repeating: UInt8(ascii: " "), count: padded - plain.count))
        let box = try AES.GCM.seal(plain, using: key, authenticating: Self.associated)
        guard let combined = box.combined else { throw SealFailure() }
        return combined
    }

    /// The grades in `box`, or nil when it was not sealed with this key (or is damaged).
    func open(_ box: Data) -> [String: [String: Int]]? {
        guard let sealed = try? AES.GCM.SealedBox(combined: box),
            let plain = try? AES.GCM.open(sealed, using: key, authenticating: Self.associated)
        else { return nil }
        return try? JSONDecoder().decode([String: [String: Int]].self, from: plain)
    }

    private struct SealFailure: Error {}
}

/// Thrown when sealed ballots would be written without a seal: they are never written in the clear.
package struct BallotSealMissing: Error, CustomStringConvertible {
    package var description: String {
        "sealed 评议 ballots can be written only encrypted, and no ballot key was given to the store"
    }
}
