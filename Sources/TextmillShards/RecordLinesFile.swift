#if canImport(Glibc)
import Glibc
#endif

/// JSONL records a shard run keeps beside its shards (error records; records of documents a
/// filter rejected), written to `PATH.partial` and renamed when the run completes. A resumed
/// run cuts the partial file back to the length the manifest recorded, so records written
/// after the last manifest are written again, once.
final class RecordLinesFile {
    let path: String
    var partialPath: String { path + ".partial" }
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var size = 0
    private(set) var count = 0

    /// Starts the partial file afresh, or continues it from `resumeBytes` (with `resumeCount` records).
    init(path: String, resumeBytes: Int? = nil, resumeCount: Int = 0) throws(ShardError) {
        self.path = path
        let partial = path + ".partial"
        fd = open(partial, O_WRONLY | O_CREAT | O_CLOEXEC | (resumeBytes == nil ? O_TRUNC : 0), 0o644)
        if fd < 0 { throw ShardError(partial, "cannot create: \(String(cString: strerror(errno)))") }
        if let resumeBytes {
            var info = stat()
            guard fstat(fd, &info) == 0, Int(info.st_size) >= resumeBytes else {
                close(fd)
                throw ShardError(partial, "holds fewer bytes than the manifest recorded (\(resumeBytes)); it was changed since the run stopped")
            }
            guard ftruncate(fd, off_t(resumeBytes)) == 0, lseek(fd, off_t(resumeBytes), SEEK_SET) >= 0 else {
                close(fd)
                throw ShardError(partial, "cannot cut back to \(resumeBytes) bytes: \(String(cString: strerror(errno)))")
            }
            size = resumeBytes
            count = resumeCount
        }
    }

    deinit { close(fd) }

    func append(_ record: ArraySlice<UInt8>) {
        buffer.append(contentsOf: record)
        buffer.append(0x0A)
        size += record.count + 1
        count += 1
    }

    func flush() throws(ShardError) {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ShardError(partialPath, "write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and moves the file to its real name.
    func finish() throws(ShardError) {
        try flush()
        if rename(partialPath, path) != 0 { throw ShardError(path, "rename failed: \(String(cString: strerror(errno)))") }
    }
}
