/// One output file of records: plain or gzip (chosen by a `.gz` name unless told), written
/// under a temporary name and renamed into place by `finish`, so no reader sees half a file.
public final class RecordFile {
    public let path: String
    private let sink: OutputSink
    private let encoder: GzipEncoder?

    /// Opens `path` ("-" is standard output, never compressed).
    public init(path: String, gzip: Bool? = nil, temporaryPath: String? = nil) throws(OutputError) {
        self.path = path
        let compress = path != "-" && (gzip ?? path.hasSuffix(".gz"))
        encoder = compress ? try GzipEncoder(name: path) : nil
        sink = try OutputSink(path: path, temporaryPath: temporaryPath)
    }

    /// Bytes written to the file (compressed bytes for gzip).
    public var bytesWritten: Int { sink.bytesWritten }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        guard let encoder else { return try sink.write(bytes) }
        try encoder.compress(bytes, finish: false) { (piece) throws(OutputError) in try sink.write(piece) }
    }

    public func write(_ bytes: [UInt8]) throws(OutputError) {
        let result: Result<Void, OutputError> = bytes.withUnsafeBytes { raw in
            do throws(OutputError) { try write(raw); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
    }

    /// Completes the gzip stream, closes the file and renames it into place.
    public func finish() throws(OutputError) {
        if let encoder {
            try encoder.compress(UnsafeRawBufferPointer(start: nil, count: 0), finish: true) { (piece) throws(OutputError) in
                try sink.write(piece)
            }
        }
        try sink.finish()
    }

    /// Removes the temporary file.
    public func abandon() { sink.abandon() }
}
