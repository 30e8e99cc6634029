#if canImport(Glibc)
import Glibc
#endif

/// A temporary file for dedup's spilled data: appended to, read back at any offset, removed
/// when released. Unlinked at creation, so nothing is left behind even after a crash.
///
/// Unchecked `Sendable`: one thread appends; once it has flushed and stopped appending, any
/// number of threads may `read` (each read is one `pread`, which shares no file position).
final class SpillFile: @unchecked Sendable {
    private let fd: Int32
    private(set) var size = 0
    private var pending: [UInt8] = []

    init(directory: String) throws(DedupError) {
        var template = Array((directory + "/textmill-dedup-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw DedupError("cannot create a spill file in \(directory): \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Bytes held before they are written: a fixed buffer per file, so the memory of dedup's
    /// spill files does not depend on how much each one has taken in.
    static let bufferBytes = 1 << 18

    func append(_ bytes: [UInt8]) throws(DedupError) {
        if pending.count + bytes.count > Self.bufferBytes { try flush() }
        if bytes.count > Self.bufferBytes {
            try writeAll(bytes)
        } else {
            if pending.capacity < Self.bufferBytes { pending.reserveCapacity(Self.bufferBytes) }
            pending.append(contentsOf: bytes)
        }
        size += bytes.count
    }

    func flush() throws(DedupError) {
        try writeAll(pending)
        pending.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: [UInt8]) throws(DedupError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DedupError("spill write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// `count` bytes at `offset`; bytes appended but not yet flushed are read from the buffer
    /// (only by the appending thread: other threads read after the final `flush`).
    func read(at offset: Int, count: Int) throws(DedupError) -> [UInt8] {
        guard count > 0 else { return [] }
        guard offset >= 0, offset + count <= size else {
            throw DedupError("spill read of \(count) bytes at \(offset) past the end (\(size))")
        }
        var out = [UInt8](repeating: 0, count: count)
        let flushed = size - pending.count
        let fromFile = max(0, min(count, flushed - offset))
        if fromFile < count {
            let start = offset + fromFile - flushed
            out.withUnsafeMutableBytes { target in
                pending.withUnsafeBytes { source in
                    (target.baseAddress! + fromFile).copyMemory(from: source.baseAddress! + start, byteCount: count - fromFile)
                }
            }
        }
        var done = 0
        while done < fromFile {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, fromFile - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw DedupError("spill read failed at \(offset + done)") }
            done += n
        }
        return out
    }
}
