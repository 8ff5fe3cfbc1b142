package import Foundation

/// A program we hand work to (rsvg-convert, weasyprint), found on PATH and run with files in a private temporary
/// directory: no pipes to fill up, and the output is read only after the program has exited.
package struct ExternalTool: Sendable {
    package let name: String
    /// The Debian package that installs it, for the error message when it is missing.
    package let package: String
    package let executable: URL

    /// Finds `name` on `PATH` (from `environment`).
    package static func locate(
        _ name: String, package: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(RenderError) -> ExternalTool {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory), isDirectory: true).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return ExternalTool(name: name, package: package, executable: candidate)
            }
        }
        throw .toolMissing(tool: name, package: package)
    }

    /// Writes `input` to a file named `inputName`, runs the program with `arguments(input, output)` and returns the
    /// bytes it wrote to the output file (named `outputName`).
    func transform(
        _ input: Data, inputName: String, outputName: String, timeout: Duration,
        arguments: (_ input: String, _ output: String) -> [String]
    ) async throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cxzy-render-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputURL = directory.appendingPathComponent(inputName)
        let outputURL = directory.appendingPathComponent(outputName)
        let errorURL = directory.appendingPathComponent("stderr.txt")
        try input.write(to: inputURL)
        try Data().write(to: errorURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        defer { try? errorHandle.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments(inputURL.path, outputURL.path)
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorHandle
        let status = try await run(process, timeout: timeout)
        guard status == 0 else {
            let message = String(decoding: (try? Data(contentsOf: errorURL)) ?? Data(), as: UTF8.self)
            throw RenderError.toolFailed(tool: name, status: status, message: Self.tail(message))
        }
        guard let output = try? Data(contentsOf: outputURL), !output.isEmpty else {
            throw RenderError.noOutput(tool: name)
        }
        return output
    }

    /// Runs `process` to its end without blocking a thread; stops it on timeout or when the task is cancelled.
    private func run(_ process: Process, timeout: Duration) async throws -> Int32 {
        if let status = try await ProcessLaunching.run(process, timeout: timeout) { return status }
        try Task.checkCancellation()
        throw RenderError.timedOut(tool: name, seconds: Int(timeout.components.seconds))
    }

    /// The last lines of a program's complaint, enough to see what went wrong.
    static func tail(_ text: String, lines: Int = 6) -> String {
        text.split(separator: "\n").suffix(lines).joined(separator: "\n").trimmingCharacters(
            in: .whitespacesAndNewlines)
    }
}
