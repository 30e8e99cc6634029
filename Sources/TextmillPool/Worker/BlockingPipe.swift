#if canImport(Glibc)
import Glibc
#endif

/// Whole-frame reads and writes on a blocking file descriptor: the worker side of a pipe,
/// where there is nothing else to do while waiting.
struct BlockingPipe {
    let input: Int32
    let output: Int32

    /// The next frame, or nil at a clean end of input (the coordinator closed the pipe).
    func readFrame() throws(FrameError) -> Frame? {
        var header = [UInt8](repeating: 0, count: Frame.headerSize)
        guard try readExactly(&header, allowEOF: true) else { return nil }
        let parsed: Result<(FrameKind, Int), FrameError> = header.withUnsafeBytes { raw in
            do throws(FrameError) { return .success(try Frame.parseHeader(raw)) } catch { return .failure(error) }
        }
        let (kind, length) = try parsed.get()
        var payload = [UInt8](repeating: 0, count: length)
        if length > 0 { _ = try readExactly(&payload, allowEOF: false) }
        return Frame(kind, payload)
    }

    private func readExactly(_ buffer: inout [UInt8], allowEOF: Bool) throws(FrameError) -> Bool {
        var filled = 0
        let count = buffer.count
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress! + filled, count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FrameError("read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 {
                if allowEOF && filled == 0 { return false }
                throw FrameError("input ended inside a frame", coordinatorGone: true)
            }
            filled += n
        }
        return true
    }

    func write(_ frame: Frame) throws(FrameError) {
        try writeFrame(frame.kind, frame.payload, [])
    }

    /// Writes one frame whose payload is `first` then `second`, with `writev`: the two (a
    /// result's fields and its records) are not copied into one buffer first.
    func writeFrame(_ kind: FrameKind, _ first: [UInt8], _ second: [UInt8]) throws(FrameError) {
        var header: [UInt8] = []
        Frame.appendHeader(kind, length: first.count + second.count, to: &header)
        try writeAll(header, first, second)
    }

    /// Writes `a`, `b` and `c` one after the other, whole, with `writev`.
    func writeAll(_ a: [UInt8], _ b: [UInt8] = [], _ c: [UInt8] = []) throws(FrameError) {
        let total = a.count + b.count + c.count
        var written = 0
        while written < total {
            let n = a.withUnsafeBytes { a in
                b.withUnsafeBytes { b in
                    c.withUnsafeBytes { c in
                        var vectors: [iovec] = []
                        var skip = written
                        for part in [a, b, c] {
                            // An empty part (nil base) is always skipped here.
                            if skip >= part.count {
                                skip -= part.count
                                continue
                            }
                            vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: part.baseAddress! + skip), iov_len: part.count - skip))
                            skip = 0
                        }
                        return writev(output, vectors, Int32(vectors.count))
                    }
                }
            }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw FrameError("the coordinator closed the pipe", coordinatorGone: true) }
                throw FrameError("write failed: \(String(cString: strerror(errno)))")
            }
            written += n
        }
    }
}
