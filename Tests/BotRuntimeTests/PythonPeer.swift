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

    /// Runs `script` (relative to the repository) on one JSON request; its `results`. The process is waited for on a
    /// thread of its own, never on the cooperative pool: a peer that talks to one of the fakes needs that pool to be
    /// answered (two peers blocking both threads of a 2-core machine stalled every fake for 30 s).
    static func run(script: String, request: [String: Any]) async throws -> [[String: Any]] {
        let input = try JSONSerialization.data(withJSONObject: request)
        let (status, answer, stderr) = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<(Int32, Data, String), any Error>) in
            Thread { continuation.resume(with: Result { try blockingRun(script: script, input: input) }) }.start()
        }
        try #require(status == 0, "\(script) failed: \(stderr.suffix(1500))")
        return try #require(
            (try JSONSerialization.jsonObject(with: answer) as? [String: Any])?["results"] as? [[String: Any]])
    }

    private static func blockingRun(script: String, input: Data) throws -> (Int32, Data, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [CallbackCipherPeerTests.repo.appendingPathComponent(script).path]
        // Nothing may leave loopback, whatever proxy the environment names.
        process.environment = ProcessInfo.processInfo.environment.merging([
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
        ]) { $1 }
        let (stdin, output) = (Pipe(), Pipe())
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-peer-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, answer, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }
}
