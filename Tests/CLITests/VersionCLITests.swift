import Foundation
import Testing
import TestSupport

/// `cxzy --version` and `cxzy version` print the same one line: the release's version.
@Suite("cxzy --version")
struct VersionCLITests {
    @Test("cxzy --version and cxzy version print the same version, and nothing else")
    func version() async throws {
        let flag = try await CLI.run(["--version"])
        let command = try await CLI.run(["version"])
        #expect(flag.status == 0, "\(flag.stderr)")
        #expect(command.status == 0, "\(command.stderr)")
        #expect(flag.stdout == command.stdout)
        #expect(flag.lines.count == 1)
        let parts = try #require(flag.lines.first).split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "\(flag.stdout)")
        #expect(flag.stderr.isEmpty && command.stderr.isEmpty)
    }
}
