package import Foundation

/// Programs the media tests run or need the bot to run, found on PATH, and the PDF reader they check with.
package enum ExternalTools {
    /// True when every one of `names` is an executable on PATH (the default PATH when none is set, as the bot's own
    /// lookup, `ExternalTool.locate`, does).
    package static func onPath(_ names: [String]) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let directories = path.split(separator: ":")
        return names.allSatisfy { name in
            directories.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
    }

    /// The text of a PDF, laid out (`pdftotext -layout`).
    package static func pdftotext(_ file: URL) async throws -> String {
        let run = try await Child.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["pdftotext", "-layout", file.path, "-"], timeout: .seconds(120))
        return String(decoding: run.stdout, as: UTF8.self)
    }
}
