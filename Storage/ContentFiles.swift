public import Foundation

/// Files kept by their content's hash beside the store (`<store>/files/sha256/ab/abcdef…`): written once, never
/// changed, so the same bytes sent twice are one file. The caller names each file by its hash (this module has no
/// hash function of its own) and may point a record at it only after `write` returned: by then the file and its
/// directory entry are on disk.
public struct ContentFiles: Sendable {
    public let directory: URL

    /// The files of the store in `storeDirectory`.
    public init(storeDirectory: URL) {
        directory = storeDirectory.appendingPathComponent("files", isDirectory: true)
            .appendingPathComponent("sha256", isDirectory: true)
    }

    /// Where the file named `hash` lives (64 lower-case hex digits).
    public func path(_ hash: String) -> String {
        directory.appendingPathComponent(String(hash.prefix(2)), isDirectory: true).appendingPathComponent(hash).path
    }

    public func contains(_ hash: String) -> Bool { POSIX.exists(path(hash)) }

    /// Writes `data` as `hash` unless it is there already (temp file, fsync, rename, directory fsync).
    /// Returns false when the file already existed.
    @discardableResult
    public func write(_ data: Data, hash: String) throws -> Bool {
        guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw StoreError.io(path: hash, operation: "name a content file", errno: EINVAL)
        }
        let final = path(hash)
        if POSIX.exists(final) { return false }
        let folder = (final as NSString).deletingLastPathComponent
        try POSIX.makeDirectories(folder)
        let temp = final + ".tmp-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try data.withUnsafeBytes { _ = try POSIX.writeNewFile(temp, $0) }
            try POSIX.rename(temp, final)
        } catch {
            try? POSIX.unlink(temp)
            throw error
        }
        try POSIX.syncDirectory(folder)
        return true
    }

    /// The content named `hash`; nil when there is no such file.
    public func read(_ hash: String) throws -> Data? { try POSIX.readFile(path(hash)) }

    /// The names of every kept file (left-over temp files are not files yet), sorted.
    public func allHashes() -> [String] {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return folders.flatMap { folder -> [String] in
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(folder).path))
            return (names ?? []).filter { $0.count == 64 && $0.hasPrefix(folder) && !$0.contains(".") }
        }.sorted()
    }
}
