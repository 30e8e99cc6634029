#if canImport(Glibc)
import Glibc
#endif

/// The one walk over a chunk's records buffer: one line per document, found with `memchr` (a
/// word at a time; records run to hundreds of bytes), never parsed. Every consumer that splits
/// records (error and rejection routing, database rows, token shards, the server) goes through it.
public enum JSONLLines {
    /// Calls `body` with each line's 0-based position, its bytes in `records` (without the
    /// newline) and whether its position is one of `failedPositions`. Bytes after the last
    /// newline, which a well-formed buffer never has, count as one more line.
    public static func forEach<E: Error>(
        in records: [UInt8], failedPositions: [Int] = [],
        _ body: (_ position: Int, _ line: Range<Int>, _ failed: Bool) throws(E) -> Void
    ) throws(E) {
        var failed = (failedPositions.count > 1 ? failedPositions.sorted() : failedPositions).makeIterator()
        var nextFailed = failed.next()
        try records.withUnsafeBufferPointer { (buffer) throws(E) in
            guard let base = buffer.baseAddress else { return }
            var position = 0
            var start = 0
            while start < buffer.count {
                let end =
                    memchr(base + start, 0x0A, buffer.count - start)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? buffer.count
                let isFailed = nextFailed == position
                if isFailed { nextFailed = failed.next() }
                try body(position, start..<end, isFailed)
                position += 1
                start = end + 1
            }
        }
    }
}
