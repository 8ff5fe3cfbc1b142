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
    static func run(_ name: String, _ arguments: [String]) throws -> Data {
        let tool = try ExternalTool.locate(name, package: "")
        let process = Process()
        process.executableURL = tool.executable
        process.arguments = arguments
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out"), err = directory.appendingPathComponent("err")
        try Data().write(to: out)
        try Data().write(to: err)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        waitForExitBlocking(process, timeout: .seconds(300))  // killed at the deadline: the status below says so
        try outHandle.close()
        try errHandle.close()
        guard process.terminationStatus == 0 else {
            throw ToolFailure(
                description: "\(name) \(arguments.joined(separator: " ")): exit \(process.terminationStatus): "
                    + String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self))
        }
        return try Data(contentsOf: out)
    }

    struct ToolFailure: Error, CustomStringConvertible {
        var description: String
    }
}
