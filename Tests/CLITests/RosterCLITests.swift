import Foundation
import Testing
import TestSupport

@Suite("cxzy roster import")
struct RosterCLITests {
    static let roster = """
        工号,姓名,角色,支部,党员,权限,telegram,matrix
        A001,周建国,行政,党总支,是,管理员,,
        S001,陈雅琴,一线、班主任,语文支部,是,书记,,
        T001,李明,一线,语文支部,是,教师,123456789,
        T002,王芳,一线、班主任,语文支部,是,教师,,

        """

    func write(_ data: Data, in dir: URL, name: String) throws -> URL {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    /// Lines `  STAFF\tNAME\tBRANCH\tCODE` → [staff: code].
    func codes(_ stdout: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in stdout.split(separator: "\n") where line.hasPrefix("  ") {
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: "\t").map(String.init)
            if parts.count == 4 { out[parts[0]] = parts[3] }
        }
        return out
    }

    @Test("a GBK roster is imported; codes are printed for people without a chat identity and they work")
    func gbkImport() async throws {
        let dir = temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = try await gbkBytes(Self.roster)
        #expect(String(data: bytes, encoding: .utf8) == nil)
        let file = try write(bytes, in: dir, name: "名单.csv")
        let store = dir.appendingPathComponent("store")
        let r = try await CLI.run(["roster", "import", file.path, "--store", store.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("已导入 4 人（新增 4，更新 0）"))
        #expect(r.stdout.contains("1 人名单中已有聊天账号（telegram/matrix/wecom/dingtalk/feishu 列）"), "\(r.stdout)")
        let printed = codes(r.stdout)
        #expect(Set(printed.keys) == ["A001", "S001", "T002"], "\(r.stdout)")
        #expect(printed.values.allSatisfy { $0.count == 6 && $0.allSatisfy { $0.isUppercase || $0.isNumber } })
        #expect(r.stdout.contains("王芳\t语文支部"))

        // Importing again issues no new codes (the old ones still stand).
        let again = try await CLI.run(["roster", "import", file.path, "--store", store.path])
        #expect(again.status == 0 && again.stdout.contains("没有需要发放的新绑定码"))
        #expect(codes(again.stdout).isEmpty)

        // The printed code binds the (unbound) console.
        let code = try #require(printed["T002"])
        let bind = try await CLI.run(
            ["console", "--store", store.path, "--now", "2010-10-11T09:00:00+08:00"],
            stdin: Data("绑定 T002 \(code)\n我的进度\n".utf8))
        #expect(bind.stdout.contains("绑定成功") && bind.stdout.contains("王芳老师的进度"), "\(bind.stdout)")
    }

    @Test("a bad roster prints every bad line on stderr, exits 1 and imports nothing")
    func badRoster() async throws {
        let dir = temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        let good = try write(Data(Self.roster.utf8), in: dir, name: "good.csv")
        #expect(try await CLI.run(["roster", "import", good.path, "--store", store.path]).status == 0)

        // Drops T002, adds T009, and has two bad lines.
        let badText = """
            工号,姓名,角色,支部,党员,权限
            A001,周建国,行政,党总支,是,管理员
            S001,陈雅琴,一线、班主任,语文支部,是,书记
            T001,李明,一线,语文支部,是,教师
            T009,钱多多,一线,语文支部,是,教师
            T010,孔,校长,语文支部,是,教师
            T011,,一线,语文支部,是,教师
            """
        let bad = try write(Data(badText.utf8), in: dir, name: "bad.csv")
        let r = try await CLI.run(["roster", "import", bad.path, "--store", store.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("第6行") && r.stderr.contains("校长"), "\(r.stderr)")
        #expect(r.stderr.contains("第7行") && r.stderr.contains("缺少姓名"))
        #expect(r.stderr.contains("未导入任何内容"))
        #expect(!r.stdout.contains("已导入"))

        // No records, and the roster is unchanged: T002 is still active, T009 was not added.
        let export = try await CLI.run(["export", "--format", "jsonl", "--store", store.path])
        #expect(export.status == 0 && export.stdout.isEmpty)
        let t002 = try await CLI.run(["console", "--as", "T002", "--store", store.path], stdin: Data("我的进度\n".utf8))
        #expect(t002.status == 0 && t002.stdout.contains("王芳老师的进度"), "\(t002.stdout)\(t002.stderr)")
        let t009 = try await CLI.run(["console", "--as", "T009", "--store", store.path], stdin: Data("我的进度\n".utf8))
        #expect(t009.status != 0 && t009.stderr.contains("no active person T009"))
    }

    @Test("a missing roster file is an operator error, not a crash")
    func missingFile() async throws {
        let dir = temporaryStore()
        let r = try await CLI.run([
            "roster", "import", dir.appendingPathComponent("nope.csv").path, "--store", dir.path,
        ])
        #expect(r.status != 0)
        #expect(r.stderr.contains("cannot read"))
    }
}
