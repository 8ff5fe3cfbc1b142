import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin throwing wrappers over the system calls the store needs; every error names the path.
enum POSIX {
    /// Files the store creates are the bot's alone: 0600 whatever the umask (set again after creating).
    static let fileMode: mode_t = 0o600
    /// And its directories 0700.
    static let directoryMode: mode_t = 0o700

    static func open(_ path: String, _ flags: Int32, mode: mode_t = fileMode) throws -> Int32 {
        while true {
            #if canImport(Glibc)
                let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            #else
                let fd = Darwin.open(path, flags | O_CLOEXEC, mode)
            #endif
            if fd >= 0 {
                if flags & O_CREAT != 0, fchmod(fd, mode) != 0 {
                    let error = errno
                    close(fd)
                    throw StoreError.io(path: path, operation: "chmod", errno: error)
                }
                return fd
            }
            if errno == EINTR { continue }
            throw StoreError.io(path: path, operation: "open", errno: errno)
        }
    }

    static func close(_ fd: Int32) {
        #if canImport(Glibc)
            _ = Glibc.close(fd)
        #else
            _ = Darwin.close(fd)
        #endif
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(path: path, operation: "write", errno: errno)
            }
            done += n
        }
    }

    static func writeAll<Bytes: ContiguousBytes>(_ fd: Int32, _ bytes: Bytes, path: String) throws {
        try bytes.withUnsafeBytes { try writeAll(fd, $0, path: path) }
    }

    /// Makes written data durable. On Linux `fdatasync` (it also flushes the file size an append changes);
    /// on Darwin `F_FULLFSYNC`, because plain `fsync` there does not flush the drive's cache.
    static func dataSync(_ fd: Int32, path: String) throws {
        #if canImport(Glibc)
            let rc = fdatasync(fd)
        #else
            var rc = fcntl(fd, F_FULLFSYNC)
            if rc != 0 { rc = fsync(fd) }
        #endif
        if rc != 0 { throw StoreError.io(path: path, operation: "fsync", errno: errno) }
    }

    static func fullSync(_ fd: Int32, path: String) throws {
        #if canImport(Glibc)
            let rc = fsync(fd)
        #else
            var rc = fcntl(fd, F_FULLFSYNC)
            if rc != 0 { rc = fsync(fd) }
        #endif
        if rc != 0 { throw StoreError.io(path: path, operation: "fsync", errno: errno) }
    }

    /// A rename or a new file is durable only once its directory is synced.
    static func syncDirectory(_ path: String) throws {
        let fd = try open(path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try fullSync(fd, path: path)
    }

    static func rename(_ from: String, _ to: String) throws {
        #if canImport(Glibc)
            let rc = Glibc.rename(from, to)
        #else
            let rc = Darwin.rename(from, to)
        #endif
        if rc != 0 { throw StoreError.io(path: to, operation: "rename from \(from)", errno: errno) }
    }

    static func link(_ from: String, _ to: String) throws {
        #if canImport(Glibc)
            let rc = Glibc.link(from, to)
        #else
            let rc = Darwin.link(from, to)
        #endif
        if rc != 0 { throw StoreError.io(path: to, operation: "link from \(from)", errno: errno) }
    }

    static func unlink(_ path: String) throws {
        #if canImport(Glibc)
            let rc = Glibc.unlink(path)
        #else
            let rc = Darwin.unlink(path)
        #endif
        if rc != 0 { throw StoreError.io(path: path, operation: "unlink", errno: errno) }
    }

    static func truncate(_ fd: Int32, to length: Int, path: String) throws {
        if ftruncate(fd, off_t(length)) != 0 { throw StoreError.io(path: path, operation: "truncate", errno: errno) }
    }

    /// Creates `path` if missing; returns true when it did (the caller then syncs the parent).
    static func makeDirectory(_ path: String) throws -> Bool {
        if mkdir(path, directoryMode) == 0 {
            if chmod(path, directoryMode) != 0 { throw StoreError.io(path: path, operation: "chmod", errno: errno) }
            return true
        }
        if errno == EEXIST { return false }
        throw StoreError.io(path: path, operation: "mkdir", errno: errno)
    }

    /// `mkdir -p`, syncing each parent so the new directories survive a crash.
    static func makeDirectories(_ path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, !exists(parent) { try makeDirectories(parent) }
        if try makeDirectory(path) { try syncDirectory(parent.isEmpty ? "." : parent) }
    }

    /// The whole file, or nil if it does not exist.
    static func readFile(_ path: String) throws -> Data? {
        let fd: Int32
        do {
            fd = try open(path, O_RDONLY)
        } catch StoreError.io(_, _, ENOENT) {
            return nil
        }
        defer { close(fd) }
        return try readAll(fd, path: path)
    }

    /// Everything an open descriptor holds, from the start, up to its size when read began.
    static func readAll(_ fd: Int32, path: String) throws -> Data {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError.io(path: path, operation: "stat", errno: errno) }
        var data = Data(count: Int(info.st_size))
        var filled = 0
        try data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            while filled < buffer.count {
                let n = pread(fd, base + filled, buffer.count - filled, off_t(filled))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StoreError.io(path: path, operation: "read", errno: errno)
                }
                if n == 0 { break }
                filled += n
            }
        }
        if filled < data.count { data.removeSubrange(filled...) }
        return data
    }

    /// Writes `bytes` to a fresh file and fsyncs it; returns the still-open descriptor when `keepOpen`.
    @discardableResult
    static func writeNewFile(
        _ path: String, _ bytes: UnsafeRawBufferPointer, append: Bool = false, keepOpen: Bool = false
    ) throws -> Int32? {
        let fd = try open(path, O_WRONLY | O_CREAT | O_TRUNC | (append ? O_APPEND : 0))
        do {
            try writeAll(fd, bytes, path: path)
            try fullSync(fd, path: path)
        } catch {
            close(fd)
            throw error
        }
        if keepOpen { return fd }
        close(fd)
        return nil
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `2025-03-01T09:30:00Z`, from an injected date.
    static func iso8601(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec)
        )
    }
}

/// The file names inside a store directory.
struct StoreLayout: Sendable {
    let directory: String
    var snapshot: String { directory + "/snapshot.json" }
    var snapshotTemp: String { directory + "/snapshot.json.tmp" }
    var journal: String { directory + "/journal.jsonl" }
    var journalTemp: String { directory + "/journal.jsonl.tmp" }
    var lock: String { directory + "/lock" }
    var backups: String { directory + "/backups" }

    init(_ url: URL) {
        var path = url.standardizedFileURL.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        directory = path
    }
}
