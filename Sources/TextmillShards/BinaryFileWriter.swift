#if canImport(Glibc)
import Glibc
#endif

/// A binary output file written through a buffer under a temporary name (`DIR/.NAME.tmp`)
/// and renamed to its real name by `rename()`, so a reader never sees half a shard.
///
/// Tokens are encoded straight into a fixed 1 MiB buffer (this is the coordinator's per-token
/// work when writing shards), which is written out whenever it fills.
final class BinaryFileWriter {
    let path: String
    let temporaryPath: String
    private let fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var filled = 0
    private var closed = false
    /// Bytes appended so far (buffered ones included).
    private(set) var size = 0

    init(path: String) throws(ShardError) {
        self.path = path
        temporaryPath = Self.temporaryName(for: path)
        fd = open(temporaryPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw ShardError(temporaryPath, "cannot create: \(String(cString: strerror(errno)))") }
        buffer = .allocate(byteCount: 1 << 20, alignment: 8)
    }

    deinit {
        if !closed { Glibc.close(fd) }
        buffer.deallocate()
    }

    /// The hidden name a file is written under until it is complete.
    static func temporaryName(for path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." + path + ".tmp" }
        return String(path[...slash]) + "." + path[path.index(after: slash)...] + ".tmp"
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws(ShardError) {
        if filled + bytes.count > buffer.count { try flush() }
        if bytes.count >= buffer.count {
            try writeAll(bytes)
        } else if bytes.count > 0 {
            (buffer.baseAddress! + filled).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            filled += bytes.count
        }
        size += bytes.count
    }

    func append(_ bytes: [UInt8]) throws(ShardError) {
        let result: Result<Void, ShardError> = bytes.withUnsafeBytes { raw in
            do throws(ShardError) { try append(raw); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
    }

    /// Appends `ids` as little-endian integers of `type` (every id already checked to fit).
    func append(ids: ArraySlice<UInt32>, as type: ShardTokenType) throws(ShardError) {
        let width = type.byteWidth
        var done = 0
        while done < ids.count {
            if filled + width > buffer.count { try flush() }
            let n = min(ids.count - done, (buffer.count - filled) / width)
            let out = buffer.baseAddress! + filled
            ids.withUnsafeBufferPointer { all in
                let source = UnsafeBufferPointer(rebasing: all[done..<done + n])
                if width == 4 && UInt32(1).littleEndian == 1 {
                    out.copyMemory(from: source.baseAddress!, byteCount: n * 4)
                } else if width == 4 {
                    for (i, id) in source.enumerated() { out.storeBytes(of: id.littleEndian, toByteOffset: i * 4, as: UInt32.self) }
                } else {
                    for (i, id) in source.enumerated() {
                        out.storeBytes(of: UInt16(truncatingIfNeeded: id).littleEndian, toByteOffset: i * 2, as: UInt16.self)
                    }
                }
            }
            filled += n * width
            done += n
        }
        size += ids.count * width
    }

    /// Overwrites bytes already written (llm.c's header, whose token count is known last).
    func overwrite(_ bytes: [UInt8], at offset: Int) throws(ShardError) {
        try flush()
        let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
        if n != bytes.count { throw ShardError(temporaryPath, "write failed: \(String(cString: strerror(errno)))") }
    }

    func flush() throws(ShardError) {
        guard filled > 0 else { return }
        try writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
        filled = 0
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(ShardError) {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw ShardError(temporaryPath, "write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// Flushes and closes the temporary file, leaving it to be renamed by `rename()`.
    func close() throws(ShardError) {
        try flush()
        closed = true
        if Glibc.close(fd) != 0 { throw ShardError(temporaryPath, "close failed: \(String(cString: strerror(errno)))") }
    }

    /// Moves the closed file to its real name.
    func rename() throws(ShardError) {
        if Glibc.rename(temporaryPath, path) != 0 {
            throw ShardError(path, "rename failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the temporary file (after a failure).
    func abandon() {
        if !closed {
            Glibc.close(fd)
            closed = true
        }
        unlink(temporaryPath)
    }
}
