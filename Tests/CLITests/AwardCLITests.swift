import Foundation
import Testing

/// 评选表彰 and 对标定位 as an admin meets them on the command line: the console, `export --what`, `report`, `parse`.
@Suite("cxzy: 表彰 and 对标 on the command line")
struct AwardCLITests {
    func console(_ staffID: String, _ now: String, _ store: URL, _ lines: [String]) async throws -> CLI.Result {
        try await CLI.run(
            ["console", "--as", staffID, "--now", now, "--store", store.path],
            stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    @Test("a confirmed award reaches export --what awards and the report; a benchmark reaches export --what benchmarks")
    func exportAndReport() async throws {
        let store = temporaryStore()
        defer { try? FileManager.default.removeItem(at: store) }
        let teacher = try await console(
            "T002", "2010-10-11T09:00:00+08:00", store,
            ["承诺 教学之星 上好精品课", "提交 精品课 《荷塘月色》", "提交 教学案例 荷塘月色教学案例"])
        #expect(teacher.status == 0, "\(teacher.stderr)")
        let secretary = try await console(
            "S001", "2010-10-12T09:00:00+08:00", store, ["表彰 王老师 教学之星 理由：精品课获市一等奖", "确认"])
        #expect(
            firstMissing(secretary.stdout, inOrder: ["【证据】王芳", "符合表彰条件", "已推荐 A-0001"]) == nil, "\(secretary.stdout)")
        let admin = try await console("A001", "2010-10-13T09:00:00+08:00", store, ["表彰 确认 A-0001 通知全校"])
        #expect(admin.stdout.contains("已确认表彰 A-0001"), "\(admin.stdout)")
        let member = try await console(
            "T002", "2011-09-01T09:00:00+08:00", store, ["对标 榜样：李老师 差距：课堂提问设计不够 措施：每月听两节课"])
        #expect(member.stdout.contains("已登记您的对标定位 B-0001"), "\(member.stdout)")

        let awards = try await CLI.run(["export", "--what", "awards", "--store", store.path])
        #expect(awards.status == 0, "\(awards.stderr)")
        #expect(awards.stdout.hasPrefix("\u{FEFF}编号,阶段,星,称号"))
        #expect(awards.stdout.contains("A-0001,2,教学之星,教学之星先进典型,T002,王芳,语文支部,已表彰,精品课获市一等奖,W-0001 W-0002,S001"))
        let jsonl = try await CLI.run(["export", "--what", "benchmarks", "--format", "jsonl", "--store", store.path])
        #expect(jsonl.stdout.contains(#""id":"B-0001","phase":3,"staff_id":"T002""#), "\(jsonl.stdout)")

        let out = store.appendingPathComponent("report.html")
        let report = try await CLI.run(
            ["report", "--store", store.path, "--now", "2011-09-02T09:00:00+08:00", "--out", out.path])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.contains("评选表彰</h2>") && html.contains("教学之星先进典型") && html.contains("精品课获市一等奖"))
    }

    @Test("cxzy parse prints the 对标 and 表彰 keys")
    func parse() async throws {
        let r = try await CLI.run(["parse", "--now", "2011-09-01T09:00:00+08:00", "表彰 确认 A-0001 通知全校"])
        #expect(
            r.status == 0 && r.stdout == #"{"intent":"award","action":"confirm","id":"A-0001","announce":true}"# + "\n")
        let missing = try await CLI.run(["parse", "表彰 T003"])
        #expect(
            missing.status == 1
                && missing.stdout.contains(#""error":"missing_argument","intent":"award","argument":"star""#))
    }
}
