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
    package static func pdftotext(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-layout", file.path, "-"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let deadline = killAfter(.seconds(120), process)
        defer { deadline.cancel() }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        waitForExitBlocking(process, timeout: .seconds(10))  // its output is closed: it is ending
        return String(decoding: data, as: UTF8.self)
    }
}
