import Dispatch
import Foundation
import Testing
import TestSupport
@testable import CampaignStorage

/// The `store-crash-child` executable, built next to the test bundle (`.build/debug` on Linux).
private func childExecutable() throws -> URL {
    let starts = [Bundle.module.bundleURL, Bundle.main.bundleURL, Bundle(for: Marker.self).bundleURL]
    for start in starts {
        var directory = start
        for _ in 0..<4 {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("store-crash-child")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
    }
    throw ChildNotFound(searched: starts.map(\.path))
}

private final class Marker {}

private struct ChildNotFound: Error, CustomStringConvertible {
    var searched: [String]
    var description: String {
        "store-crash-child not found near \(searched); build it with `swift build --product store-crash-child`"
    }
}

private enum KillPlan {
    /// Kill this many microseconds after launch: lands in process start, open, recovery or the first commits.
    case afterMicroseconds(UInt32)
    /// Kill as soon as this many confirmed numbers were read: lands mid-stream, often inside a group fsync or
    /// an automatic compaction (the child compacts every 40 entries).
    case afterLines(Int)
}

private struct ChildRun {
    var printed: [Int]
    var killedBySIGKILL: Bool
    var stderr: String
}

/// Runs the child and kills it per `plan`. Blocking, so the tests run it with `onOwnThread`, off the pool.
private func runAndKill(_ child: URL, arguments: [String], plan: KillPlan) throws -> ChildRun {
    let process = Process()
    process.executableURL = child
    process.arguments = arguments
    let (out, err) = try Child.start(process) {
        let pipes = (Pipe(), Pipe())
        process.standardOutput = pipes.0
        process.standardError = pipes.1
        return pipes
    }
    var received = Data()
    switch plan {
    case let .afterMicroseconds(delay):
        usleep(delay)
    case let .afterLines(count):
        while received.reduce(0, { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }) < count {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    // Anything already in the pipe was printed after a commit returned: it counts as confirmed too.
    received.append(out.fileHandleForReading.readDataToEndOfFile())
    let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let text = String(decoding: received, as: UTF8.self)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    lines.removeLast()  // the part after the last newline is empty or an unfinished line
    return ChildRun(
        printed: lines.compactMap { Int($0) },
        killedBySIGKILL: process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
        stderr: errors
    )
}

@Suite("Crash safety", .serialized)
struct CrashTests {
    @Test("SIGKILL at random moments loses no confirmed commit and the store always opens")
    func killLoop() async throws {
        let child = try childExecutable()
        let dir = try TempDirectory()
        defer { dir.remove() }
        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        var random = SeededGenerator(state: seed)
        var confirmed = Set<Int>()
        var kills = 0
        let rounds = 60
        for round in 0..<rounds {
            let plan: KillPlan =
                round % 4 == 0
                ? .afterMicroseconds(UInt32.random(in: 0..<60_000, using: &random))
                : .afterLines(Int.random(in: 1...300, using: &random))
            let base = (round + 1) * 1_000_000
            let run = try await onOwnThread {
                try runAndKill(child, arguments: ["commit", dir.store.path, "\(base)", "4"], plan: plan)
            }
            #expect(run.killedBySIGKILL, "seed \(seed) round \(round): the child exited by itself: \(run.stderr)")
            if run.killedBySIGKILL { kills += 1 }
            confirmed.formUnion(run.printed)

            let store = try await JSONStore<CrashSchema>.open(dir.store)
            let numbers = await store.state.numbers
            let lost = confirmed.subtracting(numbers)
            #expect(
                lost.count == 0,
                "seed \(seed) round \(round): \(lost.count) confirmed numbers lost, e.g. \(lost.sorted().prefix(5))")
            let halves = numbers.filter { !numbers.contains(-$0) }
            #expect(
                halves.count == 0,
                "seed \(seed) round \(round): a two-change commit was split: \(halves.sorted().prefix(5))")
            try await store.close()
        }
        #expect(kills >= 50)
        // The loop must have exercised real traffic, not just kills at start-up.
        #expect(confirmed.count > 2_000, "only \(confirmed.count) commits were confirmed across all rounds")
        let report = StoreInspector.check(directory: dir.store)
        #expect(report.isHealthy, "\(report)")
    }

    @Test("another process cannot open a store this process holds, and is told who holds it")
    func lockAcrossProcesses() async throws {
        let child = try childExecutable()
        let dir = try TempDirectory()
        defer { dir.remove() }
        let store = try await JSONStore<CrashSchema>.open(
            dir.store, options: StoreOptions(now: { Date(timeIntervalSince1970: 0) }))
        let (status, output) = try await onOwnThread { () throws -> (Int32, String) in
            let process = Process()
            process.executableURL = child
            process.arguments = ["probe", dir.store.path]
            let out = try Child.start(process) {
                let out = Pipe()
                process.standardOutput = out
                return out
            }
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        #expect(status == 3, "\(output)")
        #expect(output.contains("in use by pid \(getpid()) on host"))
        #expect(output.contains("since 1970-01-01T00:00:00Z"))
        try await store.close()
    }

    @Test("this process cannot open a store another process holds; the lock goes when it exits")
    func lockHeldByChild() async throws {
        let child = try childExecutable()
        let dir = try TempDirectory()
        defer { dir.remove() }
        let process = Process()
        process.executableURL = child
        process.arguments = ["hold", dir.store.path]
        let (out, input) = try Child.start(process) {
            let pipes = (Pipe(), Pipe())
            process.standardOutput = pipes.0
            process.standardInput = pipes.1
            return pipes
        }
        let ready = try await onOwnThread { String(decoding: out.fileHandleForReading.availableData, as: UTF8.self) }
        #expect(ready == "open\n")

        let error = await expectStoreError { _ = try await JSONStore<CrashSchema>.open(dir.store) }
        guard case let .locked(_, holder)? = error else {
            Issue.record("expected .locked, got \(String(describing: error))")
            return
        }
        #expect(holder?.pid == process.processIdentifier)

        try input.fileHandleForWriting.close()
        try await onOwnThread { process.waitUntilExit() }
        #expect(process.terminationStatus == 0)
        let store = try await JSONStore<CrashSchema>.open(dir.store)
        try await store.close()
    }
}
