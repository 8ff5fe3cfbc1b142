import ArgumentParser

@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cxzy-bench",
        abstract: "Benchmarks for cxzy. Build in release: swift run -c release cxzy-bench <name>.",
        subcommands: [ParseBench.self, StoreBench.self, TelegramBench.self, TelegramPeer.self, ReminderBench.self]
    )
}
