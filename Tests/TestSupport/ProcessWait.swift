package import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waits until `process` has exited, for at most `timeout`, without holding a thread of the cooperative pool
/// (`Process.waitUntilExit()` blocks its thread, and two blocked threads stall a 2-core machine's whole pool): it
/// polls `isRunning` between `Task.sleep`s. At the deadline, or when the waiting task is cancelled, the process is
/// killed (SIGKILL) and reaped. True when it exited by itself in time; false when it had to be killed (its
/// `terminationStatus` is then SIGKILL's).
@discardableResult
package func waitForExit(_ process: Process, timeout: Duration) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while process.isRunning {
        guard clock.now < deadline, !Task.isCancelled else {
            await killAndReap(process)
            return false
        }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return true
}

/// `waitForExit` for synchronous code (a trait's condition, a `defer`): the calling thread sleeps between polls,
/// so use it only where no `await` is possible. The same deadline and the same kill.
@discardableResult
package func waitForExitBlocking(_ process: Process, timeout: Duration) -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while process.isRunning {
        guard clock.now < deadline else {
            kill(process.processIdentifier, SIGKILL)
            let reaped = clock.now.advanced(by: .seconds(10))
            while process.isRunning && clock.now < reaped { usleep(10_000) }
            return false
        }
        usleep(10_000)
    }
    return true
}

/// SIGKILL, then waits (10 s at most) for Foundation to reap the child, so `terminationStatus` can be read.
private func killAndReap(_ process: Process) async {
    kill(process.processIdentifier, SIGKILL)
    let clock = ContinuousClock()
    let reaped = clock.now.advanced(by: .seconds(10))
    while process.isRunning && clock.now < reaped {
        // Not `Task.sleep`: when the task is cancelled it returns at once and this would spin.
        await withCheckedContinuation { continuation in
            Thread {
                usleep(20_000)
                continuation.resume()
            }.start()
        }
    }
}
