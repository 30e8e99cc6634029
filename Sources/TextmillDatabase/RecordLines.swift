import TextmillOutput

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

    /// Calls `body` with each record line of `records` (without its newline), whether it is an
    /// error record (`failedPositions`, ascending), and its ordinal, counting on from `ordinal`.
    /// Returns the last ordinal used.
    static func forEach(
        in records: [UInt8], failedPositions: [Int], after ordinal: Int,
        _ body: (_ line: UnsafeBufferPointer<UInt8>, _ ordinal: Int, _ isError: Bool) throws(OutputError) -> Void
    ) throws(OutputError) -> Int {
        var ordinal = ordinal
        try records.withUnsafeBufferPointer { (buffer) throws(OutputError) in
            var position = 0
            var start = 0
            var failed = failedPositions.makeIterator()
            var nextFailed = failed.next()
            while start < buffer.count {
                let end = end(of: buffer, from: start)
                ordinal += 1
                let isError = nextFailed == position
                if isError { nextFailed = failed.next() }
                try body(UnsafeBufferPointer(rebasing: buffer[start..<end]), ordinal, isError)
                position += 1
                start = end + 1
            }
        }
        return ordinal
    }
}
