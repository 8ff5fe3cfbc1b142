import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The store, its backups and its files are the bot's alone: directories 0700, files 0600. New ones are made so;
/// a store made by an older version, or copied with a wide umask, is narrowed when it is opened.
enum StorePermissions {
    /// Narrows every directory and regular file under `root` (symbolic links are left alone, never followed).
    static func restrict(_ root: String) throws {
        try restrictOne(root, directory: true)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return }
        while let relative = walker.nextObject() as? String {
            let path = root + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: try restrictOne(path, directory: true, current: info.st_mode)
            case S_IFREG: try restrictOne(path, directory: false, current: info.st_mode)
            default: continue
            }
        }
    }

    private static func restrictOne(_ path: String, directory: Bool, current: mode_t? = nil) throws {
        let wanted = directory ? POSIX.directoryMode : POSIX.fileMode
        if let current, current & 0o777 == wanted { return }
        if chmod(path, wanted) != 0 { throw StoreError.io(path: path, operation: "chmod", errno: errno) }
    }
}
