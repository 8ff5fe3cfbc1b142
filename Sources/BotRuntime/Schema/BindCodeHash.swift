import CampaignCore
import Crypto
import Foundation
import _CryptoExtras

/// How a one-time bind code is kept: scrypt with a salt of its own (`scrypt$N$salt$hash`, hex), so that someone who
/// reads the store cannot try the 32⁶ codes in minutes (one guess costs tens of milliseconds and 16 MiB, per code).
/// Codes kept by older versions as a bare SHA-256 still verify.
extension BindCodes {
    /// scrypt's cost (N = 2^14, r = 8, p = 1: 16 MiB).
    static let rounds = 1 << 14

    /// Where `slowHashes` works: one code after another, on a thread that is not the cooperative pool's.
    private static let hashing = DispatchQueue(label: "cxzy.bind-code-hashing")

    /// `slowHash` of each code, in order. A roster of hundreds costs seconds of CPU: it is computed on a queue of its
    /// own, so the pool's threads (two on a two-core server) keep answering messages meanwhile.
    package static func slowHashes(_ codes: [String]) async -> [String] {
        await withCheckedContinuation { continuation in
            hashing.async { continuation.resume(returning: codes.map(slowHash)) }
        }
    }

    package static func slowHash(_ code: String) -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255, using: &rng) }
        return "scrypt$\(rounds)$" + hex(salt) + "$" + (derive(code, salt: salt, rounds: rounds).map(hex) ?? "")
    }

    /// Whether `code` is the one `stored` was made from (constant time in the comparison).
    @Sendable package static func verify(_ code: String, stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "scrypt", let rounds = Int(parts[1]), rounds >= 2, rounds <= 1 << 20,
            rounds & (rounds - 1) == 0, let salt = bytes(parts[2]), let expected = bytes(parts[3]),
            let derived = derive(code, salt: salt, rounds: rounds)
        else {
            // A bare SHA-256 from before codes were salted.
            return stored.count == 64 && constantTimeEqual(stored, hash(code))
        }
        return constantTimeEqual(derived, expected)
    }

    private static func derive(_ code: String, salt: [UInt8], rounds: Int) -> [UInt8]? {
        let normalized = code.uppercased().trimmingCharacters(in: .whitespaces)
        guard
            let key = try? KDF.Scrypt.deriveKey(
                from: Data(normalized.utf8), salt: salt, outputByteCount: 32, rounds: rounds, blockSize: 8,
                parallelism: 1)
        else { return nil }
        return key.withUnsafeBytes { Array($0) }
    }

    private static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    private static func bytes(_ hex: String) -> [UInt8]? {
        guard hex.count % 2 == 0, !hex.isEmpty else { return nil }
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            out.append(byte)
            index = next
        }
        return out
    }
}
