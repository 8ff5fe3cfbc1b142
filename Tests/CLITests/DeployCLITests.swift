import Foundation
import Testing
import TestSupport

/// `deploy/cxzy.service` as systemd reads it: `systemd-analyze verify` finds nothing to say, the unit runs the bot as
/// its own user with the hardening an unattended school server needs, and every secret stays in the 0600
/// environment file (`deploy/cxzy.env.example` is its template).
@Suite("The systemd unit an IT teacher installs")
struct DeployCLITests {
    static let systemdAnalyze = Prerequisite.program("systemd-analyze", package: "systemd")
    static let deploy = Prerequisite.repository.appendingPathComponent("deploy")

    static func unit() throws -> String {
        try String(contentsOf: deploy.appendingPathComponent("cxzy.service"), encoding: .utf8)
    }

    /// The unit's `Key=value` lines of `[Service]` etc., comments left out.
    static func settings(_ text: String) -> [(key: String, value: String)] {
        text.split(separator: "\n").compactMap { line in
            let line = line.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), String(line[line.index(after: equals)...]))
        }
    }

    @Test(
        "systemd-analyze verify deploy/cxzy.service prints nothing and succeeds",
        .enabled(if: try Prerequisite.available(systemdAnalyze), "needs systemd-analyze (Debian systemd)"))
    func verifies() async throws {
        // verify checks that ExecStart's program exists: the unit is checked as installed, with the built `cxzy` at
        // the place of /usr/local/bin/cxzy (nothing else of the unit is changed), under its own name.
        let text = try Self.unit()
        #expect(text.contains("ExecStart=/usr/local/bin/cxzy run\n"))
        let dir = temporaryStore()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let installed = dir.appendingPathComponent("cxzy.service")
        try Data(
            text.replacingOccurrences(of: "ExecStart=/usr/local/bin/cxzy ", with: "ExecStart=\(CLI.executable.path) ")
                .utf8
        ).write(to: installed)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["systemd-analyze", "verify", "--man=no", installed.path]
        let output = dir.appendingPathComponent("verify.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try Child.start(process)
        #expect(await waitForExit(process, timeout: .seconds(60)))
        try handle.close()
        let said = try String(contentsOf: output, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(said)")
        // verify exits 0 on an unknown key or a bad value (it only warns): any word from it is a mistake in the unit.
        #expect(said.isEmpty, "systemd-analyze verify: \(said)")
    }

    @Test("the unit runs as its own user, hardened, restarted on failure, with its secrets in a file of its own")
    func hardening() throws {
        let settings = Self.settings(try Self.unit())
        func value(_ key: String) -> String? { settings.last { $0.key == key }?.value }
        #expect(value("User") == "cxzy")
        #expect(value("UMask") == "0077")
        #expect(value("StateDirectory") == "cxzy")
        #expect(value("ProtectSystem") == "strict")
        #expect(value("NoNewPrivileges") == "yes")
        #expect(value("Restart") == "on-failure")
        #expect(value("EnvironmentFile") == "/etc/cxzy/cxzy.env")
        // Exit codes that a restart cannot mend (docs/operations.md) are not retried.
        #expect(value("RestartPreventExitStatus")?.split(separator: " ").sorted() == ["2", "4"])
        // No secret in the unit (0644, readable by every user): only the store's place is set here.
        let environment = settings.filter { $0.key == "Environment" }.map(\.value)
        #expect(environment == ["CXZY_STORE=/var/lib/cxzy/store"])
    }

    @Test("the environment file's template names only settings the bot reads, with every secret left empty")
    func environmentTemplate() throws {
        let text = try String(
            contentsOf: Self.deploy.appendingPathComponent("cxzy.env.example"), encoding: .utf8)
        #expect(text.contains("install -m 0600"))
        let configuration = try String(
            contentsOf: Prerequisite.repository.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        for line in text.split(separator: "\n") {
            let assignment = line.hasPrefix("#CXZY_") ? line.dropFirst() : line
            guard assignment.hasPrefix("CXZY_"), let equals = assignment.firstIndex(of: "=") else { continue }
            let name = String(assignment[..<equals])
            #expect(configuration.contains("`\(name)`"), "\(name) is not a setting of docs/configuration.md")
            let secret = ["SECRET", "TOKEN", "PASSWORD", "KEY"].contains { name.contains($0) }
            if secret { #expect(assignment[assignment.index(after: equals)...].isEmpty, "\(name) has a value") }
        }
    }
}
