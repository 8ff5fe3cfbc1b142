import CampaignReport
package import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Children of the tests: started one at a time (`ProcessLaunching`), waited for off the cooperative pool, each wait
/// with a deadline that kills.
package enum Child {
    /// What a child run to its end printed, and how it ended.
    package struct Output: Sendable {
        /// The exit status, or the signal that ended it (SIGKILL at the deadline).
        package let status: Int32
        package let stdout: Data
        package let stderr: Data
        /// True when the deadline ended it.
        package let killed: Bool
    }

    /// Starts `process` after `wire` has made its pipes, while no other child of the tests (or of the bot's report
    /// tools) is being started, so that no child holds another's pipe. Every test that starts a child goes through
    /// here.
    @discardableResult
    package static func start<T>(_ process: Process, wiring wire: () throws -> T) throws -> T {
        try ProcessLaunching.exclusively {
            let wired = try wire()
            try process.run()
            return wired
        }
    }

    /// Starts `process` with the given standard streams (nil: the null device).
    package static func start(_ process: Process) throws {
        try start(process) {}
    }

    /// Runs `executable arguments` to its end: `stdin` written, stdout and stderr read in full, the exit awaited.
    /// After `timeout` it is killed (SIGKILL) and `killed` says so. On a thread of its own, so waiting for a child
    /// never holds one of the cooperative pool's threads.
    package static func run(
        _ executable: URL, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
        directory: URL? = nil, timeout: Duration
    ) async throws -> Output {
        try await onOwnThread {
            try runBlocking(
                executable, arguments, stdin: stdin, environment: environment, directory: directory, timeout: timeout)
        }
    }

    /// `run` on the calling thread, for synchronous code (a trait's condition); never from a task on the pool.
    package static func runBlocking(
        _ executable: URL, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
        directory: URL? = nil, timeout: Duration
    ) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let (input, out, err) = try start(process) {
            let pipes = (Pipe(), Pipe(), Pipe())
            process.standardInput = pipes.0
            process.standardOutput = pipes.1
            process.standardError = pipes.2
            return pipes
        }
        let deadline = Deadline(timeout) { kill(process.processIdentifier, SIGKILL) }
        defer { deadline.cancel() }
        // Each stream on its own thread, so a child that writes much before it reads everything never blocks.
        let writer = Background {
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try? input.fileHandleForWriting.close()
            return Data()
        }
        let errors = Background { err.fileHandleForReading.readDataToEndOfFile() }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        _ = writer.result()
        let errorOutput = errors.result()
        // Both outputs are closed, so it is ending; the deadline still holds if it does not.
        let exited = waitForExitBlocking(process, timeout: timeout)
        return Output(
            status: exited || !process.isRunning ? process.terminationStatus : SIGKILL,
            stdout: output, stderr: errorOutput, killed: deadline.fired || !exited)
    }
}

/// Runs blocking `work` (waiting for a child, reading its pipe) on a thread of its own and awaits its result, so the
/// cooperative pool's threads (two on a two-core machine) are never held by it.
package func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Work on a thread of its own, its result awaited by the thread that started it.
private final class Background: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value = Data()  // written before `done` is signalled, read after

    init(_ work: @escaping @Sendable () -> Data) {
        Thread { [self] in
            value = work()
            done.signal()
        }.start()
    }

    func result() -> Data {
        done.wait()
        return value
    }
}

/// Runs `action` once `timeout` has passed unless cancelled first; on a thread of its own (a timer on the global
/// dispatch queues can be held up by work blocked there).
package final class Deadline: @unchecked Sendable {
    private let cancelled = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var didFire = false

    package init(_ timeout: Duration, action: @escaping @Sendable () -> Void) {
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        Thread { [self] in
            guard cancelled.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .timedOut else { return }
            lock.withLock { didFire = true }
            action()
        }.start()
    }

    /// True when the time ran out and `action` ran.
    package var fired: Bool { lock.withLock { didFire } }

    package func cancel() { cancelled.signal() }
}
