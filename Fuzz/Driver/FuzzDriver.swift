import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a fuzz target: under libFuzzer (`-sanitize=fuzzer`), its driver with the command line; without it, each file
/// (or each file of each directory) named on the command line once, so a finding replays in an ordinary build.
package enum FuzzDriver {
    package typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    private typealias RunDriver =
        @convention(c) (
            UnsafeMutablePointer<CInt>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
            TestOneInput
        ) -> CInt

    package static func run(_ test: TestOneInput) -> Never {
        if let symbol = dlsym(nil, "LLVMFuzzerRunDriver") {
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(unsafeBitCast(symbol, to: RunDriver.self)(&argc, &argv, test))
        }
        var files: [URL] = []
        for argument in CommandLine.arguments.dropFirst() where !argument.hasPrefix("-") {
            let url = URL(fileURLWithPath: argument)
            let inside = try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
            files += inside ?? [url]
        }
        for file in files {
            guard let data = try? Data(contentsOf: file) else { continue }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { test($0.baseAddress, $0.count) }
        }
        print("replayed \(files.count) inputs without libFuzzer")
        exit(0)
    }
}
