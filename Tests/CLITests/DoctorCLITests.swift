import Foundation
import TelegramFake
import Testing
import TestSupport

/// `cxzy doctor` on a server that is set up well, on one that is not, and with a configuration it cannot read.
@Suite("cxzy doctor", .serialized)
struct DoctorCLITests {
    /// A directory of stand-ins for the report's programs, so the test does not depend on what this machine has.
    func tools(in directory: URL) throws -> URL {
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let scripts = [
            "weasyprint": "echo 'WeasyPrint version 57.2'",
            "rsvg-convert": "echo 'rsvg-convert version 2.54.5'",
            "fc-list": "echo 'Noto Sans CJK SC,Noto Sans CJK SC Regular'; echo 'DejaVu Sans'",
        ]
        for (name, body) in scripts {
            let file = bin.appendingPathComponent(name)
            try Data("#!/bin/sh\n\(body)\n".utf8).write(to: file)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        }
        return bin
    }

    /// Only the given CXZY_ settings, and PATH.
    func environment(_ settings: [String: String], path: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("CXZY_") }.mapValues { _ in "" }
        env["PATH"] = path
        return env.merging(settings) { $1 }
    }

    @Test("all well: a healthy store, a platform that accepts the token, the report's tools — every line ✓, status 0")
    func allWell() async throws {
        let fake = FakeTelegram()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let store = try await StoreBackupCLITests.store(label: "doctor-good")
        let work = store.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: work) }
        let bin = try tools(in: work)
        let result = try await CLI.run(
            ["doctor", "--store", store.path],
            environment: environment(
                ["CXZY_TELEGRAM_TOKEN": fake.token, "CXZY_TELEGRAM_API_BASE": await fake.baseURL.absoluteString],
                path: bin.path))
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(!result.stdout.contains("✗"), "\(result.stdout)")
        #expect(result.stdout.contains("✓ Telegram：凭证有效") && result.stdout.contains("@cxzy_bot"), "\(result.stdout)")
        #expect(result.stdout.contains("✓ 数据目录") && result.stdout.contains("权限正确"))
        #expect(result.stdout.contains("✓ weasyprint") && result.stdout.contains("中文字体：Noto Sans CJK SC"))
        #expect(result.stdout.contains("结论：一切正常"))
        let chinese = try #require(result.stdout.range(of: "结论")?.lowerBound)
        let english = try #require(result.stdout.range(of: "All is well")?.lowerBound)
        #expect(chinese < english, "Chinese first")
    }

    @Test(
        "something to fix: a wrong token, an unreachable platform, a store open to others, no report tools — each ✗ says what to do, status 1"
    )
    func somethingToFix() async throws {
        let fake = FakeTelegram()
        let server = Task { try await fake.serve() }
        defer { server.cancel() }
        await fake.ready()
        let store = try await StoreBackupCLITests.store(label: "doctor-broken")
        let work = store.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: store.path)
        let empty = work.appendingPathComponent("empty-bin")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try await CLI.run(
            ["doctor", "--store", store.path, "--timeout", "5"],
            environment: environment(
                [
                    "CXZY_TELEGRAM_TOKEN": "999:wrong-token",
                    "CXZY_TELEGRAM_API_BASE": await fake.baseURL.absoluteString,
                    // Nothing listens on port 1: the connection is refused.
                    "CXZY_MATRIX_HOMESERVER": "http://127.0.0.1:1", "CXZY_MATRIX_TOKEN": "syt_test",
                ], path: empty.path))
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("✗ Telegram：平台拒绝了凭证") && out.contains("CXZY_TELEGRAM_"), "\(out)")
        #expect(out.contains("✗ Matrix：无法连接平台"), "\(out)")
        #expect(out.contains("chmod -R u=rwX,go= \(store.path)"), "\(out)")
        #expect(out.contains("找不到 weasyprint") && out.contains("apt install weasyprint"))
        #expect(out.contains("找不到 rsvg-convert") && out.contains("apt install librsvg2-bin"))
        #expect(out.contains("fonts-noto-cjk"))
        #expect(out.contains("结论：有 6 项需要处理"), "\(out)")
        #expect(!out.contains("wrong-token") && !out.contains("syt_test"), "secrets are never printed")
    }

    @Test("a configuration it cannot read: the problem in Chinese and English, status 2")
    func unreadableConfiguration() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-doctor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let config = work.appendingPathComponent("config.json")
        try Data("{ not json".utf8).write(to: config)
        let result = try await CLI.run(
            ["doctor", "--config", config.path, "--store", work.appendingPathComponent("store").path],
            environment: environment([:], path: work.path))
        #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("✗ 配置有误") && result.stdout.contains("is not valid JSON"), "\(result.stdout)")
    }
}
