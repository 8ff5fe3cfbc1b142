import Foundation
import Synchronization

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
}
