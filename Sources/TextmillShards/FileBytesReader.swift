#if canImport(Glibc)
import Glibc
#endif

/// Reads byte ranges of an existing file with `pread` (shards can be far larger than memory).
final class FileBytesReader {
    let path: String
    let size: Int
    private let fd: Int32

    init(path: String) throws(ShardError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw ShardError(path, "cannot open: \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw ShardError(path, "cannot stat: \(String(cString: strerror(errno)))")
        }
        size = Int(info.st_size)
    }

    deinit { close(fd) }

    /// Exactly `count` bytes at `offset`, or an error naming the file when it is shorter.
    func read(at offset: Int, count: Int) throws(ShardError) -> [UInt8] {
        // Offsets and counts come from headers and indexes: checked without overflowing.
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard offset >= 0, count >= 0, !overflow, end <= size else {
            throw ShardError(path, "truncated: needs \(count) bytes at offset \(offset) but has \(size)")
        }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw ShardError(path, "read failed: \(n < 0 ? String(cString: strerror(errno)) : "end of file")") }
            done += n
        }
        return bytes
    }

    /// Little-endian integers of type `T`, `count` of them from `offset`.
    func integers<T: FixedWidthInteger>(_ type: T.Type, at offset: Int, count: Int) throws(ShardError) -> [T] {
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.size)
        if overflow { throw ShardError(path, "truncated: needs \(count) integers at offset \(offset) but has \(size) bytes") }
        let bytes = try read(at: offset, count: byteCount)
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { LittleEndian.read(T.self, raw, at: $0 * MemoryLayout<T>.size) }
        }
    }

    func readAll() throws(ShardError) -> [UInt8] { try read(at: 0, count: size) }

    /// Whether `path` can be opened for reading.
    static func exists(_ path: String) -> Bool { access(path, R_OK) == 0 }
}
