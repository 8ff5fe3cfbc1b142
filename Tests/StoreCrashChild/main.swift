// A child process for the store's crash test (Tests/CampaignStorageTests/CrashTests.swift).
//
//   store-crash-child commit DIR BASE TASKS   commit pairs (n, -n) forever from TASKS tasks, numbers from BASE;
//                                             print n once its commit returned
//   store-crash-child probe DIR               try to open; print the error and exit 3 if the store is locked
//   store-crash-child hold DIR                open, print "open", hold the lock until stdin closes
import CampaignStorage
import Foundation
import Logging
import TestSupport

func say(_ text: String) {
    // One write(2) per line: pipes keep writes under PIPE_BUF whole, and nothing sits in a buffer at SIGKILL.
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    say("usage: store-crash-child commit DIR BASE TASKS | probe DIR | hold DIR")
    exit(2)
}
let directory = URL(fileURLWithPath: arguments[2])
var logger = Logger(label: "store-crash-child")
logger.logLevel = .error
// Small thresholds so that kills also land inside compactions and journal switches.
let options = StoreOptions(compactAfterJournalEntries: 40, backupsToKeep: 2)

switch arguments[1] {
case "commit":
    guard arguments.count == 5, let base = Int(arguments[3]), let tasks = Int(arguments[4]) else { exit(2) }
    let store = try await JSONStore<CrashSchema>.open(directory: directory, options: options, logger: logger)
    await withThrowingTaskGroup(of: Void.self) { group in
        for task in 0..<tasks {
            group.addTask {
                var n = base + task
                while true {
                    try await store.commit([.add(n), .add(-n)])
                    say(String(n))
                    n += tasks
                }
            }
        }
        do {
            try await group.next()
        } catch {
            say("error: \(error)")
            exit(1)
        }
    }
case "probe":
    do {
        let store = try await JSONStore<CrashSchema>.open(directory: directory, options: options, logger: logger)
        try await store.close()
        say("opened")
    } catch let error as StoreError {
        say(error.description)
        if case .locked = error { exit(3) }
        exit(1)
    }
case "hold":
    let store = try await JSONStore<CrashSchema>.open(directory: directory, options: options, logger: logger)
    say("open")
    _ = FileHandle.standardInput.readDataToEndOfFile()
    try await store.close()
default:
    exit(2)
}
