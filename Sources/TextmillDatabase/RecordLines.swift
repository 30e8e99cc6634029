#if canImport(Glibc)
import Glibc
#endif

/// Cutting a chunk's JSONL bytes into record lines (one per document).
enum RecordLines {
    /// The index of the next newline at or after `start`, or the end of the buffer (memchr scans
    /// a word at a time; records run to hundreds of bytes).
    static func end(of buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = buffer.baseAddress, start < buffer.count,
            let found = memchr(base + start, 0x0A, buffer.count - start)
        else { return buffer.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
