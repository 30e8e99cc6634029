import TextmillDocuments

#if canImport(Glibc)
import Glibc
#endif

/// Where finished JSONL bytes go: a file (written under a temporary name and renamed into place
/// when complete, so no reader ever sees half a file), standard output, or a device, FIFO or
/// other non-regular file (see `OutputTarget`), which is written directly and never renamed over.
public final class OutputSink: RecordSink {
    public let path: String
    private let fd: Int32
    private let temporaryPath: String?
    /// True for a device or FIFO opened directly (closed by `finish`, never renamed or removed).
    private let isDirect: Bool
    public private(set) var bytesWritten = 0

    /// Opens `path` for writing ("-" is standard output), under `temporaryPath` (default
    /// `PATH.tmp-PID`) until `finish`.
    public init(path: String, temporaryPath: String? = nil) throws(OutputError) {
        self.path = path
        switch OutputTarget(path: path) {
        case .standardOutput:
            fd = 1
            self.temporaryPath = nil
            isDirect = false
            return
        case .special:
            fd = open(path, O_WRONLY | O_CLOEXEC)
            if fd < 0 { throw OutputError(path, "cannot open: \(String(cString: strerror(errno)))") }
            self.temporaryPath = nil
            isDirect = true
            return
        case .file:
            isDirect = false
        }
        let temp = temporaryPath ?? path + ".tmp-\(getpid())"
        fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw OutputError(path, "cannot create: \(String(cString: strerror(errno)))") }
        self.temporaryPath = temp
    }

    public func write(_ result: ChunkResult) throws(OutputError) { try write(result.records) }

    public func write(_ bytes: [UInt8]) throws(OutputError) {
        let result: Result<Void, OutputError> = bytes.withUnsafeBytes { raw in
            do throws(OutputError) { try write(raw); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputError(path, "write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        bytesWritten += bytes.count
    }

    /// Flushes to disk and moves the file into place.
    public func finish() throws(OutputError) {
        if isDirect {
            if close(fd) != 0 { throw OutputError(path, "close failed: \(String(cString: strerror(errno)))") }
            return
        }
        guard let temporaryPath else { return }
        if close(fd) != 0 { throw OutputError(path, "close failed: \(String(cString: strerror(errno)))") }
        if rename(temporaryPath, path) != 0 {
            throw OutputError(path, "rename failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the temporary file after a fatal error.
    public func abandon() {
        if isDirect {
            close(fd)
            return
        }
        guard let temporaryPath else { return }
        close(fd)
        unlink(temporaryPath)
    }
}

public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String
    public init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}
