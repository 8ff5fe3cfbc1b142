import ArgumentParser
import CampaignStorage
import Foundation
import Logging
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the benchmark stores: chat records, like the bot's.
enum BenchSchema: StoreSchema {
    struct Record: Codable, Sendable {
        var id: Int
        var chat: Int64
        var text: String
        var day: String
    }

    struct State: Codable, Sendable {
        var records: [Record] = []
    }

    enum Change: Codable, Sendable {
        case add(Record)
    }

    static let currentVersion = 1
    static func initialState() -> State { State() }
    static func apply(_ change: Change, to state: inout State) throws {
        switch change {
        case let .add(record): state.records.append(record)
        }
    }

    /// Adding a record cannot fail, so the batch is applied in place (no copy of the state per commit).
    static func applyAll(_ changes: [Change], to state: inout State) throws {
        for change in changes { try apply(change, to: &state) }
    }

    static func record(_ id: Int) -> Record {
        Record(
            id: id, chat: 1_000_000_007 + Int64(id % 97), text: "Volunteered 2 hours at the library, record \(id)",
            day: "2025-03-14")
    }
}

/// Durability and throughput of the JSON store on this machine's disk.
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract:
            "Store benchmark: raw fsync rate, commits/s and latency at 1/10/100 committers, open time and memory.",
        discussion:
            "Targets: 1 committer ≥ 70% of the raw fsync rate; 100 committers ≥ 10× one; open of 1,000,000 records ≤ 1.5 s with ≤ 300 MB peak."
    )

    @Flag(help: "Short run: 0.5 s per figure and only the 100,000-record store.") var quick = false
    @Option(help: "Seconds per throughput figure (default 3, or 0.5 with --quick).") var seconds: Double?
    @Option(help: "Where to create the temporary stores (default: the system temp directory).") var directory: String?
    @Option(help: .hidden) var measureOpen: String?

    func run() async throws {
        if let measureOpen {
            try await Self.openAndReport(URL(fileURLWithPath: measureOpen))
            return
        }
        let duration = seconds ?? (quick ? 0.5 : 3)
        let base = URL(fileURLWithPath: directory ?? NSTemporaryDirectory())
            .appendingPathComponent("cxzy-store-bench-\(getpid())")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        print("Store benchmark in \(base.path) (\(duration) s per figure)")

        let raw = try Self.rawFsync(in: base, seconds: duration)
        print(
            String(
                format: "raw append+fdatasync:  %8.0f /s   (p50 %.3f ms)  <- the disk's limit", raw.rate, raw.p50 * 1000
            ))

        var single = 0.0
        for committers in [1, 10, 100] {
            let result = try await Self.commits(
                in: base.appendingPathComponent("c\(committers)"), committers: committers, seconds: duration)
            if committers == 1 { single = result.rate }
            var note = ""
            if committers == 1 {
                note = String(format: "  = %.0f%% of raw fsync (target ≥ 70%%)", 100 * result.rate / raw.rate)
            }
            if committers > 1 { note = String(format: "  = %.1f× one committer", result.rate / single) }
            if committers == 100 { note += " (target ≥ 10×)" }
            print(
                String(
                    format: "commit, %3d committers: %8.0f /s   p50 %.3f ms  p99 %.3f ms%@",
                    committers, result.rate, result.p50 * 1000, result.p99 * 1000, note))
        }

        for size in quick ? [100_000] : [100_000, 1_000_000] {
            let dir = base.appendingPathComponent("open-\(size)")
            let buildStart = ContinuousClock.now
            let bytes = try await Self.build(dir, records: size)
            let built = ContinuousClock.now - buildStart
            var runs: [OpenFigures] = []
            for _ in 0..<3 { runs.append(try Self.measureInChild(dir)) }
            runs.sort { $0.seconds < $1.seconds }
            let median = runs[1]
            print(
                String(
                    format:
                        "open %9d records:  %.3f s (median of 3; CPU %.3f s), peak RSS %.0f MB (process baseline %.0f MB); snapshot %.1f MB, built in %.1f s",
                    size, median.seconds, median.cpuSeconds, Double(median.peakKB) / 1024,
                    Double(median.baselineKB) / 1024,
                    Double(bytes) / 1_048_576,
                    Double(built.components.seconds) + Double(built.components.attoseconds) / 1e18))
            try? FileManager.default.removeItem(at: dir)
        }
    }

    // MARK: Raw fsync

    static func rawFsync(in directory: URL, seconds: Double) throws -> (rate: Double, p50: Double) {
        let path = directory.appendingPathComponent("raw.log").path
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreBenchError("open \(path): errno \(errno)") }
        defer { close(fd) }
        let record = Array((String(repeating: "x", count: 99) + "\n").utf8)
        var latencies: [Double] = []
        let start = DispatchTime.now().uptimeNanoseconds
        let end = start + UInt64(seconds * 1e9)
        var now = start
        while now < end {
            let t0 = now
            let written = record.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == record.count else { throw StoreBenchError("write: errno \(errno)") }
            #if canImport(Glibc)
                guard fdatasync(fd) == 0 else { throw StoreBenchError("fdatasync: errno \(errno)") }
            #else
                guard fcntl(fd, F_FULLFSYNC) == 0 else { throw StoreBenchError("F_FULLFSYNC: errno \(errno)") }
            #endif
            now = DispatchTime.now().uptimeNanoseconds
            latencies.append(Double(now - t0) / 1e9)
        }
        latencies.sort()
        return (Double(latencies.count) / (Double(now - start) / 1e9), latencies[latencies.count / 2])
    }

    // MARK: Commits

    static func commits(in directory: URL, committers: Int, seconds: Double) async throws -> (
        rate: Double, p50: Double, p99: Double
    ) {
        let store = try await JSONStore<BenchSchema>.open(directory: directory, logger: quietLogger())
        for i in 0..<100 { try await store.commit([.add(BenchSchema.record(i))]) }  // warm-up
        let start = DispatchTime.now().uptimeNanoseconds
        let end = start + UInt64(seconds * 1e9)
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<committers {
                group.addTask {
                    var mine: [Double] = []
                    var id = 1_000_000 * (worker + 1)
                    var now = DispatchTime.now().uptimeNanoseconds
                    while now < end {
                        let t0 = now
                        try await store.commit([.add(BenchSchema.record(id))])
                        now = DispatchTime.now().uptimeNanoseconds
                        mine.append(Double(now - t0) / 1e9)
                        id += 1
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }.sorted()
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        try await store.close()
        try? FileManager.default.removeItem(at: directory)
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        return (Double(latencies.count) / elapsed, percentile(0.5), percentile(0.99))
    }

    // MARK: Open

    /// Commits `records` in batches of 10,000 and compacts, so the store opens from a snapshot.
    static func build(_ directory: URL, records: Int) async throws -> Int {
        let options = StoreOptions(compactAfterJournalBytes: .max, compactAfterJournalEntries: .max)
        let store = try await JSONStore<BenchSchema>.open(directory: directory, options: options, logger: quietLogger())
        for start in stride(from: 0, to: records, by: 10_000) {
            try await store.commit((start..<min(start + 10_000, records)).map { .add(BenchSchema.record($0)) })
        }
        try await store.compact()
        try await store.close()
        let attributes = try FileManager.default.attributesOfItem(
            atPath: directory.appendingPathComponent("snapshot.json").path)
        return (attributes[.size] as? Int) ?? 0
    }

    struct OpenFigures: Codable {
        var seconds: Double
        var peakKB: Int
        var baselineKB: Int
        var records: Int
        /// CPU time of the open (user + system), which a loaded machine does not inflate the way it does wall time.
        var cpuSeconds: Double
    }

    /// Peak memory is per process, so each open is measured in a fresh child (this executable, --measure-open).
    static func measureInChild(_ directory: URL) throws -> OpenFigures {
        guard let executable = Bundle.main.executableURL else { throw StoreBenchError("cannot find this executable") }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["store", "--measure-open", directory.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StoreBenchError("the open child failed: \(String(decoding: data, as: UTF8.self))")
        }
        return try JSONDecoder().decode(OpenFigures.self, from: data)
    }

    static func openAndReport(_ directory: URL) async throws {
        let baseline = peakResidentKB()
        let cpuBefore = ProcessCPU.current().total
        let start = DispatchTime.now().uptimeNanoseconds
        let store = try await JSONStore<BenchSchema>.open(directory: directory, logger: quietLogger())
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpuSeconds = ProcessCPU.current().total - cpuBefore
        let records = await store.state.records.count
        let figures = OpenFigures(
            seconds: seconds, peakKB: peakResidentKB(), baselineKB: baseline, records: records,
            cpuSeconds: cpuSeconds)
        try await store.close()
        print(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self))
    }

    /// `VmHWM` from /proc/self/status: the process's peak resident set, in kB (0 where unavailable).
    static func peakResidentKB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    static func quietLogger() -> Logger {
        var logger = Logger(label: "cxzy-bench.store")
        logger.logLevel = .error
        return logger
    }
}

struct StoreBenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
