import CampaignReport
import Foundation
import TestSupport

/// The programs the rendering tests run. Whether they are there is `Prerequisite`'s question (TestSupport): a test that
/// needs a missing one is skipped, saying which Debian package brings it, or fails under CXZY_TEST_STRICT=1.
enum Tools {
    /// Where the tests leave the pictures they made, to be looked at: $CXZY_REPORT_ARTIFACTS or a temporary folder.
    static var artifacts: URL {
        let path =
            ProcessInfo.processInfo.environment["CXZY_REPORT_ARTIFACTS"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-report-tests").path
        let url = URL(fileURLWithPath: path, isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a program from PATH and returns its stdout; throws with its stderr when it fails.
    static func run(_ name: String, _ arguments: [String]) async throws -> Data {
        let tool = try ExternalTool.locate(name, package: "")
        let run = try await Child.run(tool.executable, arguments, timeout: .seconds(300))
        guard run.status == 0 else {
            throw ToolFailure(
                description: "\(name) \(arguments.joined(separator: " ")): exit \(run.status): "
                    + String(decoding: run.stderr, as: UTF8.self))
        }
        return run.stdout
    }

    struct ToolFailure: Error, CustomStringConvertible {
        var description: String
    }
}
