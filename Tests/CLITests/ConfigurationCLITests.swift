import Foundation
import Testing
import TestSupport

/// Every subcommand reads the same settings: `CXZY_STORE` and `CXZY_CAMPAIGN` as well as `--store` and
/// `--campaign`; a wrong `CXZY_LOG_LEVEL` stops with a clear message; commands that only read never create a store.
@Suite("One configuration for every subcommand", .serialized)
struct ConfigurationCLITests {
    static let roster = """
        工号,姓名,角色,支部,党员,权限
        A001,周建国,行政,党总支,是,管理员
        T001,李明,一线,语文支部,是,教师

        """

    @Test("CXZY_STORE=DIR cxzy roster import FILE imports into DIR, and export reads it from there")
    func storeFromEnvironment() async throws {
        let dir = temporaryStore()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("roster.csv")
        try Data(Self.roster.utf8).write(to: file)
        let store = dir.appendingPathComponent("store")
        let work = dir.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let imported = try await CLI.run(
            ["roster", "import", file.path], environment: ["CXZY_STORE": store.path], directory: work)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(FileManager.default.fileExists(atPath: store.appendingPathComponent("snapshot.json").path))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("cxzy-data").path))
        let export = try await CLI.run(
            ["export", "--format", "csv", "--what", "all"], environment: ["CXZY_STORE": store.path], directory: work)
        #expect(export.status == 0)
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("cxzy-data").path))
    }

    @Test("a command that only reads refuses a store that does not exist, and creates nothing")
    func readOnlyNeverCreates() async throws {
        let dir = temporaryStore()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("nowhere")
        let export = try await CLI.run(["export", "--store", missing.path])
        #expect(export.status != 0)
        #expect(export.stderr.contains("There is no store") || export.stderr.contains("没有数据"), "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test("an unknown CXZY_LOG_LEVEL stops every subcommand with a clear message, in Chinese and English")
    func unknownLogLevel() async throws {
        for arguments in [
            ["calendar"], ["export", "--store", "/nonexistent"],
            ["reminders", "--from", "2010-06-20", "--to", "2010-06-21"],
        ] {
            let r = try await CLI.run(arguments, environment: ["CXZY_LOG_LEVEL": "verbose"])
            #expect(r.status != 0, "\(arguments)")
            #expect(
                r.stderr.contains("CXZY_LOG_LEVEL") && r.stderr.contains("verbose") && r.stderr.contains("不是日志级别"),
                "\(r.stderr)")
        }
    }

    @Test("CXZY_CAMPAIGN is read by calendar as by run")
    func campaignFromEnvironment() async throws {
        let dir = temporaryStore()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = try await CLI.run(["calendar", "--json"])
        try #require(json.status == 0)
        let renamed = json.stdout.replacingOccurrences(of: "创先争优", with: "学校自己的活动", options: [], range: nil)
        let file = dir.appendingPathComponent("campaign.json")
        try Data(renamed.utf8).write(to: file)
        let calendar = try await CLI.run(["calendar"], environment: ["CXZY_CAMPAIGN": file.path])
        #expect(calendar.status == 0, "\(calendar.stderr)")
        #expect(calendar.stdout.contains("学校自己的活动"), "\(calendar.stdout.prefix(200))")
    }

    @Test("--config works on every subcommand: its store and campaign apply to roster import, export and calendar")
    func configEverywhere() async throws {
        let dir = temporaryStore()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let roster = dir.appendingPathComponent("roster.csv")
        try Data(Self.roster.utf8).write(to: roster)
        let json = try await CLI.run(["calendar", "--json"])
        let campaign = dir.appendingPathComponent("campaign.json")
        try Data(json.stdout.replacingOccurrences(of: "创先争优", with: "配置里的活动").utf8).write(to: campaign)
        let store = dir.appendingPathComponent("store")
        let config = dir.appendingPathComponent("cxzy.json")
        try Data(#"{"store": "\#(store.path)", "campaign": "\#(campaign.path)"}"#.utf8).write(to: config)
        let work = dir.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        #expect(
            try await CLI.run(["roster", "import", roster.path, "--config", config.path], directory: work)
                .status == 0)
        #expect(FileManager.default.fileExists(atPath: store.appendingPathComponent("snapshot.json").path))
        #expect(try await CLI.run(["export", "--config", config.path], directory: work).status == 0)
        #expect(try await CLI.run(["calendar", "--config", config.path]).stdout.contains("配置里的活动"))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("cxzy-data").path))
        let broken = dir.appendingPathComponent("broken.json")
        try Data("{not json".utf8).write(to: broken)
        let refused = try await CLI.run(["calendar", "--config", broken.path])
        #expect(refused.status != 0 && refused.stderr.contains("not valid JSON"), "\(refused.stderr)")
    }
}
