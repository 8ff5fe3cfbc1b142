import BotRuntime
import CampaignCore
import CampaignStorage
import Foundation
import TestSupport
import Testing

/// Bind codes on disk cannot be tried in minutes: each is kept as scrypt with a salt of its own, never as a bare
/// SHA-256 that one pass over 32⁶ codes would reverse.
@Suite("Bind codes kept as a slow, salted hash")
struct BindCodeHashTests {
    @Test("the store holds salted scrypt hashes; the codes still bind; the journal holds no SHA-256 of a code")
    func storedSalted() async throws {
        try await Harness.with { h in
            let stored = await h.bot.store.state.bindCodes
            #expect(!stored.isEmpty)
            for (staffID, hash) in stored {
                let parts = hash.split(separator: "$")
                #expect(parts.count == 4 && parts[0] == "scrypt" && parts[1] == "16384", "\(staffID): \(hash)")
                let code = try #require(h.codes[staffID])
                #expect(BindCodes.verify(code, stored: hash))
                #expect(BindCodes.verify(code.lowercased(), stored: hash))
                #expect(!BindCodes.verify(code == "AAAAAA" ? "BBBBBB" : "AAAAAA", stored: hash))
            }
            // Two people never share a salt, so one guess never tests two codes.
            #expect(Set(stored.values.map { $0.split(separator: "$")[2] }).count == stored.count)
            let journal = try String(
                contentsOf: h.directory.appendingPathComponent("journal.jsonl"), encoding: .utf8)
            for code in h.codes.values { #expect(!journal.contains(BindCodes.hash(code))) }
            try await h.login("T001")
            #expect(await h.bot.store.state.bindCodes["T001"] == nil)
        }
    }

    @Test("a code kept as a bare SHA-256 by an older version still verifies; damaged hashes never do")
    func legacyAndDamaged() {
        #expect(BindCodes.verify("K7P3QX", stored: BindCodes.hash("K7P3QX")))
        #expect(!BindCodes.verify("K7P3QY", stored: BindCodes.hash("K7P3QX")))
        let good = BindCodes.slowHash("K7P3QX")
        #expect(BindCodes.verify("K7P3QX", stored: good))
        for damaged in [
            "", "scrypt$", "scrypt$16384$zz$00", "scrypt$3$00$00", "scrypt$16384$\(String(repeating: "0", count: 32))$",
        ] {
            #expect(!BindCodes.verify("K7P3QX", stored: damaged), "\(damaged)")
        }
        #expect(!constantTimeEqual([UInt8](repeating: 1, count: 256), []), "a length difference of 256 is a difference")
    }
}
