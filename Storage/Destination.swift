import Foundation

/// Where a new store is written from an existing one (`store recover`, `store backup`): a directory outside the
/// source that does not exist yet or is empty.
enum Destination {
    enum Problem {
        case insideSource
        case notEmpty
    }

    /// What keeps `destination` from receiving a new store made from `source`, if anything (symbolic links resolved).
    static func problem(_ destination: StoreLayout, source: StoreLayout) -> Problem? {
        let parent = (destination.directory as NSString).deletingLastPathComponent
        let into =
            URL(fileURLWithPath: parent).resolvingSymlinksInPath().path + "/"
            + (destination.directory as NSString).lastPathComponent
        let from = URL(fileURLWithPath: source.directory).resolvingSymlinksInPath().path
        if into == from || into.hasPrefix(from + "/") { return .insideSource }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: destination.directory, isDirectory: &isDirectory) else {
            return nil
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: destination.directory)) ?? ["?"]
        return isDirectory.boolValue && entries.isEmpty ? nil : .notEmpty
    }
}
