package import Foundation
import Synchronization

/// Something a test needs from the machine beyond Swift: a program on PATH, a Python that can import a vendor's SDK
/// as the peer scripts do, Synapse in the virtualenv. Every `.enabled(if:)` of the test suites asks
/// `Prerequisite.available(…)`, so one switch decides what a missing one means:
///
/// - by default the test is skipped, with the comment of its trait (Swift Testing prints "skipped");
/// - with `CXZY_TEST_STRICT=1` (`.ci/run` sets it) nothing is skipped: `available` throws `Prerequisite.Missing`,
///   which Swift Testing records as the test's (or the suite's) failure, naming what is missing and how to get it.
///
/// Inside a test, for a part of it that needs one more thing, `available` answers the same way: false by default (the
/// test then records a warning saying what it did not check), a thrown `Missing` in strict mode.
package struct Prerequisite: Sendable, CustomStringConvertible {
    /// What is needed and how to get it, for the failure and the warnings.
    package let description: String
    /// Identifies the probe for the cache: each is run once per test process.
    private let key: String
    private let probe: @Sendable () -> Bool

    private init(_ description: String, key: String, probe: @escaping @Sendable () -> Bool) {
        self.description = description
        self.key = key
        self.probe = probe
    }

    /// True under `CXZY_TEST_STRICT=1`: a missing prerequisite fails the test instead of skipping it.
    package static var isStrict: Bool { ProcessInfo.processInfo.environment["CXZY_TEST_STRICT"] == "1" }

    /// True when every one of `prerequisites` is met. Otherwise false (the test is skipped, or the part that needs
    /// them is left out with a warning), or under `CXZY_TEST_STRICT=1` a thrown `Missing` naming those not met.
    package static func available(_ prerequisites: Prerequisite...) throws(Missing) -> Bool {
        try available(prerequisites)
    }

    /// `available` for a list kept in one place (the renderers a group of tests needs).
    package static func available(_ prerequisites: [Prerequisite]) throws(Missing) -> Bool {
        let missing = prerequisites.filter { !$0.isMet }
        guard !missing.isEmpty else { return true }
        if isStrict { throw Missing(prerequisites: missing.map(\.description)) }
        return false
    }

    /// The form for a condition that cannot `try`: true when every one is met, and under `CXZY_TEST_STRICT=1` true
    /// anyway, so the test runs and fails on what is missing; false otherwise (the test is skipped).
    package static func allows(_ prerequisites: Prerequisite...) -> Bool {
        isStrict || prerequisites.allSatisfy(\.isMet)
    }

    /// Whether this prerequisite is met here (probed once, then remembered).
    package var isMet: Bool {
        if let known = Self.known.withLock({ $0[key] }) { return known }
        let met = probe()
        Self.known.withLock { $0[key] = met }
        return met
    }

    private static let known = Mutex<[String: Bool]>([:])

    /// What strict mode throws: the test fails, saying what it lacked.
    package struct Missing: Error, CustomStringConvertible {
        package let prerequisites: [String]
        package var description: String {
            "missing, and CXZY_TEST_STRICT=1 makes that a failure: " + prerequisites.joined(separator: "; ")
        }
    }

    // MARK: programs on PATH

    /// `name` is an executable on PATH; `package` is the Debian package that brings it.
    package static func program(_ name: String, package: String) -> Prerequisite {
        Prerequisite(
            "\(name) on PATH (Debian \(package); scripts/setup installs it)", key: "program:\(name)",
            probe: { ExternalTools.onPath([name]) })
    }

    package static let rsvgConvert = program("rsvg-convert", package: "librsvg2-bin")
    package static let weasyprint = program("weasyprint", package: "weasyprint")
    package static let pdftotext = program("pdftotext", package: "poppler-utils")
    package static let pdftoppm = program("pdftoppm", package: "poppler-utils")
    /// The PNG reader of the tests (`PNGImage`) decodes pixels with python3's zlib.
    package static let python3 = program("python3", package: "python3")

    // MARK: Python

    /// The repository this file belongs to (its peers and `.venv` are found from it).
    package static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The interpreter at `python` runs `statement` (an import) without an error.
    package static func python(_ python: String, runs statement: String, _ what: String) -> Prerequisite {
        Prerequisite(
            "\(what) (\(python) -c '\(statement)' failed)", key: "python:\(python):\(statement)",
            probe: { run(python, ["-c", statement]) })
    }

    /// Every import statement of the peer `scripts` (paths from the repository's root) runs in `python`, as
    /// `.ci/run` checks them (`Tests/PythonPeers/check_imports.py`): the tests need what the scripts import, names
    /// included, and `sdk` (a pip requirement) brings it.
    package static func pythonPeer(_ python: String, scripts: [String], sdk: String) -> Prerequisite {
        let checker = repository.appendingPathComponent("Tests/PythonPeers/check_imports.py").path
        let paths = scripts.map { repository.appendingPathComponent($0).path }
        return Prerequisite(
            "a Python at \(python) that imports what \(scripts.joined(separator: " and ")) import "
                + "(pip install '\(sdk)' into .venv; .ci/run does)",
            key: "peer:\(python):\(scripts.joined(separator: ","))",
            probe: { run(python, [checker] + paths) })
    }

    /// Synapse in the virtualenv `Tests/Matrix/synapse.sh` uses: $CXZY_SYNAPSE_VENV, else the repository's `.venv`.
    package static var synapse: Prerequisite {
        let python =
            ProcessInfo.processInfo.environment["CXZY_SYNAPSE_VENV"].map { $0 + "/bin/python" }
            ?? repository.appendingPathComponent(".venv/bin/python").path
        return Self.python(python, runs: "import synapse", "Synapse (Tests/Matrix/synapse.sh install; .ci/run runs it)")
    }

    /// Runs `executable arguments` with its output discarded; true when it exits 0 within a minute.
    private static func run(_ executable: String, _ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return false }
        let run = try? Child.runBlocking(URL(fileURLWithPath: executable), arguments, timeout: .seconds(60))
        return run?.status == 0 && run?.killed == false
    }
}
