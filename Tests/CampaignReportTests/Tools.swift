import CampaignReport
import Foundation

/// The programs the rendering tests need, found on PATH; a test that needs a missing one is skipped, saying which
/// Debian package brings it.
enum Tools {
    static func has(_ name: String) -> Bool {
        (try? ExternalTool.locate(name, package: "")) != nil
    }

    static let rsvg = has("rsvg-convert")
    static let weasyprint = has("weasyprint")
    static let poppler = has("pdftotext") && has("pdftoppm")
    static let python = has("python3")

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
        process.waitUntilExit()
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
