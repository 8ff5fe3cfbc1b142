import Foundation
import Synchronization
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exclusive `flock` on `DIR/lock`, held for a store's lifetime. `flock` belongs to the open file
/// description, so a second open in the same process is refused just like one from another process,
/// and the kernel drops it when the holder dies (no stale locks after a crash).
final class DirectoryLock: Sendable {
    let path: String
    private let fd: Mutex<Int32?>
    /// True when `acquire` created the lock file; a failed open then removes it again, leaving no trace.
    private let created: Bool

    private init(path: String, fd: Int32, created: Bool) {
        self.path = path
        self.fd = Mutex(fd)
        self.created = created
    }

    /// Takes the lock without writing anything into the file (holder info comes after loading succeeded).
    static func acquire(_ layout: StoreLayout) throws -> DirectoryLock {
        let existed = POSIX.exists(layout.lock)
        let fd = try POSIX.open(layout.lock, O_RDWR | O_CREAT)
        try lockOrClose(fd, layout)
        return DirectoryLock(path: layout.lock, fd: fd, created: !existed)
    }

    /// Takes the lock to read a store from outside (recovery) so that no bot starts on it meanwhile. The lock file
    /// is opened read-only and never created, so nothing in the directory changes; nil when there is none.
    /// Let go with `abandon()`.
    static func acquireReadOnly(_ layout: StoreLayout) throws -> DirectoryLock? {
        guard POSIX.exists(layout.lock) else { return nil }
        let fd = try POSIX.open(layout.lock, O_RDONLY)
        try lockOrClose(fd, layout)
        return DirectoryLock(path: layout.lock, fd: fd, created: false)
    }

    private static func lockOrClose(_ fd: Int32, _ layout: StoreLayout) throws {
        guard flock(fd, LOCK_EX | LOCK_NB) != 0 else { return }
        let code = errno
        POSIX.close(fd)
        if code == EWOULDBLOCK {
            throw StoreError.locked(directory: layout.directory, holder: readHolder(layout.lock))
        }
        throw StoreError.io(path: layout.lock, operation: "flock", errno: code)
    }

    static func readHolder(_ path: String) -> LockHolder? {
        guard let data = try? POSIX.readFile(path), !data.isEmpty else { return nil }
        return try? JSONDecoder().decode(LockHolder.self, from: data)
    }

    func writeHolder(_ holder: LockHolder) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = try encoder.encode(holder)
        bytes.append(UInt8(ascii: "\n"))
        try fd.withLock { fd in
            guard let fd else { return }
            try POSIX.truncate(fd, to: 0, path: path)
            try bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                if pwrite(fd, base, raw.count, 0) != raw.count {
                    throw StoreError.io(path: path, operation: "write", errno: errno)
                }
            }
        }
    }

    /// Clears the holder info and unlocks.
    func release() {
        fd.withLock { fd in
            guard let open = fd else { return }
            _ = ftruncate(open, 0)
            // Unlock explicitly: a child forked by another thread may still share this open file description
            // until its exec closes it, and closing our descriptor alone would leave the lock held until then.
            _ = flock(open, LOCK_UN)
            POSIX.close(open)
            fd = nil
        }
    }

    /// Unlocks after a failed open, removing the lock file if this open created it.
    func abandon() {
        fd.withLock { fd in
            guard let open = fd else { return }
            if created { try? POSIX.unlink(path) }
            _ = flock(open, LOCK_UN)
            POSIX.close(open)
            fd = nil
        }
    }

    deinit {
        fd.withLock { fd in
            if let open = fd {
                _ = flock(open, LOCK_UN)
                POSIX.close(open)
            }
        }
    }
}
