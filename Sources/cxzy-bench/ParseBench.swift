import ArgumentParser

struct ParseBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Parser benchmark.")
    func run() async throws {}
}
