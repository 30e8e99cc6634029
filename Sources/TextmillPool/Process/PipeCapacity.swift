#if canImport(Glibc)
import Glibc
#endif

/// How large a worker's result pipe is made (Linux `F_SETPIPE_SZ`).
///
/// A chunk's records often outgrow the default 64 KiB pipe (icu-words writes ~2.5 bytes of
/// record per input byte, hashing ~7): the worker's write then blocks until the coordinator has
/// read part of it, the two wake each other several times per chunk, and the worker idles
/// meanwhile. With 1 MiB the hashing preset ran 1.2× faster on two workers (BENCHMARKS.md).
/// Linux counts each pipe's capacity against a per-user allowance (`fs.pipe-user-pages-soft`,
/// 64 MiB by default); past it, an unprivileged user's new pipes get a single page. So the
/// result pipes of one pool take at most a quarter of that allowance between them.
enum PipeCapacity {
    /// Linux's `F_SETPIPE_SZ` (fcntl.h defines it only under _GNU_SOURCE, which Swift's Glibc
    /// module is built without).
    static let setPipeSize: Int32 = 1031
    static let largest = 1 << 20
    static let smallest = 64 << 10

    /// The capacity for each of `workers` result pipes, given the allowance in pages (nil: read
    /// it from /proc; 0 means no allowance is enforced).
    static func resultPipeBytes(workers: Int, allowancePages: Int? = nil) -> Int {
        let pages = allowancePages ?? readAllowancePages()
        guard pages > 0 else { return largest }
        let share = pages * 4096 / 4 / max(1, workers)
        var bytes = largest
        while bytes > smallest && bytes > share { bytes /= 2 }
        return bytes
    }

    /// Makes the pipe behind `fd` hold `bytes`; false if the kernel refused (the pipe then keeps
    /// its size, which costs only speed).
    @discardableResult
    static func resize(_ fd: Int32, to bytes: Int) -> Bool {
        fcntl(fd, setPipeSize, Int32(bytes)) >= 0
    }

    private static func readAllowancePages() -> Int {
        guard let file = fopen("/proc/sys/fs/pipe-user-pages-soft", "r") else { return 0 }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 32)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return 0 }
        let digits = buffer.prefix { $0 >= 0x30 && $0 <= 0x39 }.map { UInt8(bitPattern: $0) }
        return Int(String(decoding: digits, as: UTF8.self)) ?? 0
    }
}
