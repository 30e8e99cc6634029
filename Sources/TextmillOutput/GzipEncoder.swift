internal import CZlib

/// Compresses a byte stream into gzip format (zlib deflate), block by block, handing each
/// compressed piece to the caller, so output never has to be held whole.
final class GzipEncoder {
    // zlib points back at its z_stream, so it lives on the heap and never moves.
    private let stream: UnsafeMutablePointer<z_stream>
    private let buffer: UnsafeMutableRawBufferPointer
    private let name: String

    init(name: String, level: Int32 = 6, bufferSize: Int = 256 << 10) throws(OutputError) {
        self.name = name
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        buffer = .allocate(byteCount: bufferSize, alignment: 16)
        // On failure deinit still runs (every property is set) and frees both buffers;
        // deflateEnd on a stream that never started is a harmless error.
        if textmill_deflateInitGzip(stream, level) != Z_OK {
            throw OutputError(name, "cannot start gzip compression")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
        buffer.deallocate()
    }

    /// Compresses `input`; with `finish`, also flushes and writes the gzip trailer.
    func compress(
        _ input: UnsafeRawBufferPointer, finish: Bool, to sink: (UnsafeRawBufferPointer) throws(OutputError) -> Void
    ) throws(OutputError) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(input.count)
        while true {
            stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(buffer.count)
            let status = deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
            if status == Z_STREAM_ERROR { throw OutputError(name, "gzip compression failed") }
            let produced = buffer.count - Int(stream.pointee.avail_out)
            if produced > 0 { try sink(UnsafeRawBufferPointer(rebasing: buffer[0..<produced])) }
            if finish {
                if status == Z_STREAM_END { break }
            } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 {
                break
            }
        }
    }
}
