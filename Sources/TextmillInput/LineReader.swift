import TextmillDocuments

/// Splits a byte source into lines without ever holding more than one line plus one block.
///
/// A line longer than `maxLineBytes` is skipped to its end and reported as oversized instead of
/// being buffered, so one giant line cannot exhaust memory. A trailing `\r` is removed (CRLF).
public struct LineReader<Source: ByteSource> {
    public enum Line {
        case line([UInt8], number: Int)
        case oversized(byteCount: Int, number: Int)
    }

    private var source: Source
    private let maxLineBytes: Int
    private var block: [UInt8]
    private var blockStart = 0
    private var blockEnd = 0
    private var lineNumber = 0
    private var finished = false
    public private(set) var bytesRead = 0

    public init(_ source: Source, maxLineBytes: Int = 64 << 20, blockSize: Int = 1 << 20) {
        self.source = source
        self.maxLineBytes = maxLineBytes
        self.block = [UInt8](repeating: 0, count: blockSize)
    }

    public var name: String { source.name }
    /// 1-based number of the last line returned (0 before the first).
    public var currentLineNumber: Int { lineNumber }

    public mutating func next() throws(InputError) -> Line? {
        var pending: [UInt8] = []
        var pendingCount = 0
        var oversized = false
        while true {
            if blockStart < blockEnd {
                let newline = block.withUnsafeBufferPointer { buf -> Int? in
                    let base = buf.baseAddress! + blockStart
                    guard let hit = memchrPointer(base, blockEnd - blockStart) else { return nil }
                    return blockStart + (hit - base)
                }
                if let newline {
                    let piece = blockStart..<newline
                    blockStart = newline + 1
                    lineNumber += 1
                    pendingCount += piece.count
                    if oversized || pendingCount > maxLineBytes {
                        return .oversized(byteCount: pendingCount, number: lineNumber)
                    }
                    if pending.isEmpty {
                        var line = Array(block[piece])
                        if line.last == 0x0D { line.removeLast() }
                        return .line(line, number: lineNumber)
                    }
                    pending.append(contentsOf: block[piece])
                    if pending.last == 0x0D { pending.removeLast() }
                    return .line(pending, number: lineNumber)
                }
                let rest = blockStart..<blockEnd
                pendingCount += rest.count
                if pendingCount > maxLineBytes {
                    oversized = true
                    pending = []
                } else {
                    pending.append(contentsOf: block[rest])
                }
                blockStart = blockEnd
            }
            if finished {
                if pendingCount == 0 { return nil }
                lineNumber += 1
                if oversized { return .oversized(byteCount: pendingCount, number: lineNumber) }
                if pending.last == 0x0D { pending.removeLast() }
                return .line(pending, number: lineNumber)
            }
            let result: Result<Int, InputError> = block.withUnsafeMutableBytes { buffer in
                do throws(InputError) { return .success(try source.read(into: buffer)) } catch { return .failure(error) }
            }
            let n = try result.get()
            bytesRead += n
            if n == 0 {
                finished = true
            } else {
                blockStart = 0
                blockEnd = n
            }
        }
    }
    /// Whole lines already in the buffer, from where the last call stopped, as one run of the
    /// bytes read: lines while fewer than `maxLines` lines or fewer than `minBytes` bytes are
    /// taken, of at most `maxBytes` bytes in all, counted as `InputDocument.byteCount` counts a
    /// line (without a trailing `\r`, plus one for `\n`), the first line exempt when
    /// `mayExceed`. It never reads from the source and stops before a line it cannot take whole
    /// (the end of the buffer, an oversized line): `next()` takes that one, so lines, numbers
    /// and limits come out exactly as `next()` alone gives them.
    public mutating func nextRun(maxLines: Int, minBytes: Int = 0, maxBytes: Int, mayExceed: Bool) -> LineRunStep {
        guard blockStart < blockEnd, maxLines > 0 || minBytes > 0 else { return .unavailable }
        let start = blockStart, end = blockEnd, limit = maxLineBytes
        let (stop, count, bytes, full) = block.withUnsafeBufferPointer { buf -> (Int, Int, Int, Bool) in
            let base = buf.baseAddress!
            var position = start, count = 0, bytes = 0
            while count < maxLines || bytes < minBytes, let hit = memchrPointer(base + position, end - position) {
                let newline = hit - base
                let raw = newline - position
                if raw > limit { break }
                let size = raw - (raw > 0 && base[newline - 1] == 0x0D ? 1 : 0) + 1
                if bytes + size > maxBytes && !(mayExceed && count == 0) { return (position, count, bytes, true) }
                bytes += size
                count += 1
                position = newline + 1
            }
            return (position, count, bytes, false)
        }
        guard count > 0 else { return full ? .full : .unavailable }
        let run = JSONLineRun(
            source: source.name, firstLine: lineNumber + 1, lineCount: count, byteCount: bytes,
            bytes: Array(block[start..<stop]))
        lineNumber += count
        blockStart = stop
        return .run(run)
    }
}

#if canImport(Glibc)
import Glibc
#endif

@inline(__always)
private func memchrPointer(_ base: UnsafePointer<UInt8>, _ count: Int) -> UnsafePointer<UInt8>? {
    guard let hit = memchr(base, 0x0A, count) else { return nil }
    return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
}
