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

    /// Runs `cxzy arguments` to its end and returns what it printed; a run still going after `timeout` is killed
    /// (SIGKILL), and its status says so. Waited for on a thread of its own: a test waiting for a child process never
    /// holds one of the cooperative pool's threads (two, on a two-core machine), so the rest of a parallel run does
    /// not stall behind it.
    static func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
        directory: URL? = nil, timeout: Duration = .seconds(300)
    ) async throws -> Result {
        let run = try await Child.run(
            executable, arguments, stdin: stdin,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }, directory: directory,
            timeout: timeout)
        return Result(
            status: run.status, stdout: String(decoding: run.stdout, as: UTF8.self),
            stderr: String(decoding: run.stderr, as: UTF8.self))
    }
}
