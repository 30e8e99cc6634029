internal import CZlib

/// Decompresses a gzip stream (several concatenated members are read as one, like `zcat`).
///
/// A stream that ends before its last member is complete, or corrupt data, throws a
/// `.readFailure` `InputError`: the documents decoded before it are kept, the rest of that
/// input is reported once.
public final class GzipByteSource: ByteSource {
    private var base: AnyByteSource
    // zlib keeps a pointer back to its z_stream, so the struct must not move: heap-allocated.
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var memberEnded = false
    private var failed: InputError?

    public init(_ base: AnyByteSource, inputBlock: Int = 256 << 10) throws(InputError) {
        self.base = base
        self.input = .allocate(byteCount: inputBlock, alignment: 16)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // On failure deinit still runs (every property is set) and frees both buffers;
        // inflateEnd on a stream that never started is a harmless error.
        if textmill_inflateInitGzip(stream) != Z_OK {
            throw InputError(base.name, "cannot start gzip decompression")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    public var name: String { base.name }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if let failed { throw failed }
        guard buffer.count > 0 else { return 0 }
        while true {
            if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
            if stream.pointee.avail_in == 0 && inputEnded {
                if memberEnded { return 0 }
                return try fail("gzip data is truncated (the file ends inside the compressed stream)")
            }
            if memberEnded {
                // More input after a complete member: another member follows (concatenated gzip).
                inflateReset(stream)
                memberEnded = false
            }
            stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                memberEnded = true
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_NEED_DICT, Z_DATA_ERROR:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
                return try fail("gzip data is corrupt (\(detail))")
            default:
                return try fail("gzip decompression failed (zlib status \(status))")
            }
            if produced > 0 { return produced }
        }
    }

    private func refill() throws(InputError) {
        let n = try base.read(into: input)
        if n == 0 {
            inputEnded = true
            return
        }
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(n)
    }

    private func fail(_ message: String) throws(InputError) -> Int {
        let error = InputError(base.name, message, kind: .readFailure)
        failed = error
        throw error
    }
}
