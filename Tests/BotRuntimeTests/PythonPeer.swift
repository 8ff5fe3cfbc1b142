import Foundation
import Testing

/// A vendor's Python SDK as a peer of the tests: the repository's .venv (CI installs the SDKs there with `.ci/run`).
enum PythonPeer {
    static let python = CallbackCipherPeerTests.python

    /// True when the Python can import `module`.
    static func has(_ module: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = ["-c", "import \(module)"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do { try probe.run() } catch { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }

    /// Runs `script` (relative to the repository) on one JSON request; its `results`.
    static func run(script: String, request: [String: Any]) throws -> [[String: Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [CallbackCipherPeerTests.repo.appendingPathComponent(script).path]
        let (input, output) = (Pipe(), Pipe())
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-peer-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: request))
        try input.fileHandleForWriting.close()
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus == 0, "\(script) failed: \(stderr.suffix(1500))")
        return try #require(
            (try JSONSerialization.jsonObject(with: answer) as? [String: Any])?["results"] as? [[String: Any]])
    }
}
