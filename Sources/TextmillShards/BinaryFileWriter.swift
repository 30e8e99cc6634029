#if canImport(Glibc)
import Glibc
#endif

/// A binary output file written through a buffer under a temporary name (`DIR/.NAME.tmp`)
/// and renamed to its real name by `commit`, so a reader never sees half a shard.
final class BinaryFileWriter {
    let path: String
    let temporaryPath: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 20
    /// Bytes appended so far (buffered ones included).
    private(set) var size = 0

    init(path: String) throws(ShardError) {
        self.path = path
        temporaryPath = Self.temporaryName(for: path)
        fd = open(temporaryPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw ShardError(temporaryPath, "cannot create: \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(bufferLimit)
    }

    private var closed = false

    deinit { if !closed { Glibc.close(fd) } }

    /// The hidden name a file is written under until it is complete.
    static func temporaryName(for path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." + path + ".tmp" }
        return String(path[...slash]) + "." + path[path.index(after: slash)...] + ".tmp"
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws(ShardError) {
        if buffer.count + bytes.count > bufferLimit { try flush() }
        if bytes.count >= bufferLimit {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
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
        if buffer.count + ids.count * width > bufferLimit { try flush() }
        if type == .uint16 {
            for id in ids {
                let v = UInt16(truncatingIfNeeded: id)
                buffer.append(UInt8(truncatingIfNeeded: v))
                buffer.append(UInt8(truncatingIfNeeded: v >> 8))
            }
        } else {
            for id in ids {
                buffer.append(UInt8(truncatingIfNeeded: id))
                buffer.append(UInt8(truncatingIfNeeded: id >> 8))
                buffer.append(UInt8(truncatingIfNeeded: id >> 16))
                buffer.append(UInt8(truncatingIfNeeded: id >> 24))
            }
        }
        size += ids.count * width
        if buffer.count >= bufferLimit { try flush() }
    }

    /// Overwrites bytes already written (llm.c's header, whose token count is known last).
    func overwrite(_ bytes: [UInt8], at offset: Int) throws(ShardError) {
        try flush()
        let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
        if n != bytes.count { throw ShardError(temporaryPath, "write failed: \(String(cString: strerror(errno)))") }
    }

    func flush() throws(ShardError) {
        guard !buffer.isEmpty else { return }
        let result: Result<Void, ShardError> = buffer.withUnsafeBytes { raw in
            do throws(ShardError) { try writeAll(raw); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
        buffer.removeAll(keepingCapacity: true)
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
        if Glibc.close(fd) != 0 { throw ShardError(temporaryPath, "close failed: \(String(cString: strerror(errno)))") }
        closed = true
    }

    /// Moves the closed file to its real name.
    func rename() throws(ShardError) {
        if Glibc.rename(temporaryPath, path) != 0 {
            throw ShardError(path, "rename failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the temporary file (after a failure).
    func abandon() {
        if !closed { Glibc.close(fd); closed = true }
        unlink(temporaryPath)
    }
}
