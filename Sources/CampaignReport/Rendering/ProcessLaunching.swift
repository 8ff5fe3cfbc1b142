package import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Starting child processes one at a time, so that none inherits another's pipes.
///
/// Foundation's `Process.run()` on Linux closes every descriptor the parent had open when it looked (a scan of
/// `/proc/self/fd`), then spawns. A pipe another thread opens between that scan and the spawn is inherited by the
/// wrong child: its reader then sees no end of file, and Foundation no exit, until that child ends too. Whoever in
/// this process starts a child — the report's tools here, the tests' helpers — creates the child's pipes and calls
/// `run()` inside `exclusively`.
package enum ProcessLaunching {
    private static let gate = Mutex(())

    /// Runs `body` (create the pipes, then `process.run()`) while no other child is being started.
    package static func exclusively<T>(_ body: () throws -> T) throws -> T {
        try gate.withLock { _ in try body() }
    }

    /// Starts `process` (its standard streams already set) and waits for its exit status without blocking a thread,
    /// for `timeout` at most; nil when the time ran out or the task was cancelled — the process is then killed, and
    /// gone, before this returns, so no child outlives the call.
    package static func run(_ process: Process, timeout: Duration) async throws -> Int32? {
        let (exits, exited) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { finished in
            exited.yield(finished.terminationStatus)
            exited.finish()
        }
        try exclusively { try process.run() }
        let status = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                for await status in exits { return status }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if status == nil {
            kill(process.processIdentifier, SIGKILL)
            for await _ in exits {}
        }
        return status
    }
}
