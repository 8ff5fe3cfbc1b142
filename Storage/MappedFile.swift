import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file mapped read-only, for reading a large snapshot without a copy in memory. Pages already read can be
/// dropped (`keepOnly`), so the resident size stays near what is being read rather than the whole file; dropping
/// is only a hint to the kernel, a page read again is simply faulted back in from the page cache.
final class MappedFile {
    let bytes: UnsafeRawBufferPointer
    private let length: Int

    /// nil when the file does not exist.
    init?(_ path: String) throws {
        let fd: Int32
        do {
            fd = try POSIX.open(path, O_RDONLY)
        } catch StoreError.io(_, _, ENOENT) {
            return nil
        }
        defer { POSIX.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError.io(path: path, operation: "stat", errno: errno) }
        length = Int(info.st_size)
        guard length > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw StoreError.io(path: path, operation: "mmap", errno: errno)
        }
        bytes = UnsafeRawBufferPointer(start: base, count: length)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), length) }
    }

    /// Drops every resident page except those within `margin` bytes of `offset`.
    func keepOnly(around offset: Int, margin: Int = 1 << 20) {
        guard let base = bytes.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let low = max(0, (offset - margin) / page * page)
        let high = min(length, (offset + margin + page - 1) / page * page)
        let start = UnsafeMutableRawPointer(mutating: base)
        if low > 0 { madvise(start, low, Int32(MADV_DONTNEED)) }
        if high < length { madvise(start + high, length - high, Int32(MADV_DONTNEED)) }
    }
}
