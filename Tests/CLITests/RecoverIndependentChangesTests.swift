import Foundation
import Testing
import TestSupport

/// One damaged journal line loses that change only: every later change that does not depend on it is kept (numbers
/// may skip), and the report names each change it could not keep and why, in Chinese as clearly as in English.
@Suite("cxzy store recover keeps every intact change")
struct RecoverIndependentChangesTests {
    static let now = "2010-10-11T09:00:00+08:00"

    /// Works, a pledge, an admin's corrections of both, then more of each: one console run per person.
    static func store() async throws -> URL {
        let store = temporaryStore()
        let sessions: [(String, [String])] = [
            ("T001", ["承诺 教学之星 上好一堂精品课", "提交 论文 甲", "提交 论文 乙", "提交 论文 丙", "提交 讲座 丁", "提交 班会 戊"]),
            ("A001", ["修改 W-0001 标题:甲改", "修改 P-0001 内容:上好两堂精品课", "修改 W-0003 标题:丙改"]),
            ("T001", ["提交 教学案例 己", "修改 W-0006 标题:己改", "提交 精品课 庚"]),
        ]
        for (who, lines) in sessions {
            let r = try await CLI.run(
                ["console", "--as", who, "--now", now, "--store", store.path],
                stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
            try #require(r.status == 0, "\(r.stderr)")
        }
        return store
    }

    /// Flips a bit in the middle of the first journal line (of the live journal) holding every one of `needles`.
    static func damage(_ store: URL, lineHolding needles: [String]) async throws {
        let url = store.appendingPathComponent("journal.jsonl")
        var data = try Data(contentsOf: url)
        var start = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let text = String(decoding: line, as: UTF8.self)
            if needles.allSatisfy(text.contains) {
                data[start + line.count / 2] ^= 0x01
                try data.write(to: url)
                return
            }
            start += line.count + 1
        }
        Issue.record("no journal line holds \(needles)")
    }

    static func works(_ store: URL) async throws -> [String: String] {
        let lines = try await CLI.run([
            "export", "--format", "jsonl", "--what", "all", "--now", now, "--store", store.path,
        ])
        .lines
        var byID: [String: String] = [:]
        for line in lines {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = object["id"] as? String
            else { continue }
            byID[id] = object["text"] as? String ?? ""
        }
        return byID
    }

    @Test(
        "damage at the start, in the middle or at the end: only the damaged change is lost",
        arguments: [
            // The first work's submission: later corrections of it are refused and named; everything else stays.
            (["addWork", "W-0001"], "W-0001"),
            // The admin's correction of W-0001: the independent correction of P-0001 that followed is kept.
            (["amend", "W-0001"], "甲改"),
            // The last submission.
            (["addWork", "W-0007"], "W-0007"),
        ])
    func damageAnywhere(_ needles: [String], lost: String) async throws {
        let store = try await Self.store()
        let out = store.deletingLastPathComponent().appendingPathComponent(store.lastPathComponent + "-recovered")
        defer {
            try? FileManager.default.removeItem(at: store)
            try? FileManager.default.removeItem(at: out)
        }
        let healthy = try await Self.works(store)
        #expect(healthy["P-0001"] == "上好两堂精品课" && healthy["W-0001"] == "甲改" && healthy.count == 8, "\(healthy)")
        // Damage only the live journal: take away the backups' copies of it, so the entry is really lost.
        try? FileManager.default.removeItem(at: store.appendingPathComponent("backups"))
        try await Self.damage(store, lineHolding: needles)
        let recovered = try await CLI.run(["store", "recover", "--store", store.path, "--out", out.path])
        #expect(recovered.status == 0, "\(recovered.stdout)\(recovered.stderr)")
        let after = try await Self.works(out)
        // Every record but the lost one, with every correction that did not need it.
        var expected = healthy
        switch lost {
        case "W-0001": expected["W-0001"] = nil
        case "甲改": expected["W-0001"] = "甲"
        default: expected["W-0007"] = nil
        }
        #expect(after == expected, "\(recovered.stdout)")
        #expect(after["P-0001"] == "上好两堂精品课", "the independent correction was dropped: \(recovered.stdout)")
        #expect(after["W-0003"] == "丙改" && after["W-0006"] == "己改")
        if lost == "W-0001" {
            // The correction of the lost work is named, with why, in Chinese and in English.
            #expect(recovered.stdout.contains("A001 修改 W-0001"), "\(recovered.stdout)")
            #expect(recovered.stdout.contains("成果 W-0001 不存在"), "\(recovered.stdout)")
            #expect(recovered.stdout.contains("A001 editing W-0001"), "\(recovered.stdout)")
        }
        #expect(try await CLI.run(["store", "check", "--store", out.path]).status == 0)
    }
}
