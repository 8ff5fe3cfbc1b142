import ArgumentParser

/// The release's version, in one place: `cxzy --version`, `cxzy version` and the start-up log line of `cxzy run` all
/// print this.
let cxzyVersion = "0.9.0"

/// `cxzy version`: the same as `cxzy --version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the version of cxzy (the same as cxzy --version).")

    func run() {
        print(cxzyVersion)
    }
}
