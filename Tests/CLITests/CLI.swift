import Foundation
import Testing
import TestSupport

/// Runs the built `cxzy` executable, as an operator or a checker would.
enum CLI {
    /// The directory holding the built products (`cxzy`, …): the test bundle sits beside them.
    static var productsDirectory: URL {
        let bundle = Bundle.main.bundleURL
        if bundle.pathExtension == "xctest" { return bundle.deletingLastPathComponent() }
        return bundle
    }

    static var executable: URL { productsDirectory.appendingPathComponent("cxzy") }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    /// Runs `cxzy arguments` to its end and returns what it printed. Synchronous (the tests call it from everywhere),
    /// so its deadline is a kill: a run still going after `timeout` is ended with SIGKILL, and its status says so.
    /// `run` on a thread of its own: a test waiting for a child process never holds one of the cooperative pool's
    /// threads (two, on a two-core machine), so the rest of a parallel run does not stall behind it.
    static func runDetached(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], directory: URL? = nil
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Swift.Result {
                        try run(arguments, stdin: stdin, environment: environment, directory: directory)
                    })
            }.start()
        }
    }

    static func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
        directory: URL? = nil, timeout: Duration = .seconds(300)
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let deadline = killAfter(timeout, process)
        defer { deadline.cancel() }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        let errData = OutputBox()
        group.enter()
        DispatchQueue.global().async {
            errData.append(err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        waitForExitBlocking(process, timeout: .seconds(10))  // both outputs are closed: it is ending
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: errData.text)
    }
}
