import TextmillDocuments

#if canImport(Glibc)
import Glibc
#endif

/// A plain output file that a killed or interrupted run can continue: records go to
/// `PATH.partial`, which is renamed to PATH only when the run completes.
///
/// Each chunk's records are written with one `write`, whole lines only, so after a crash the
/// partial file holds complete records and at most one torn last line, which `reopen` cuts off.
public final class ResumableFileSink: RecordSink {
    public let path: String
    public var partialPath: String { path + ".partial" }
    private let fd: Int32
    public private(set) var bytesWritten = 0

    /// Starts a new partial file (replacing any earlier one).
    public init(path: String) throws(OutputError) {
        self.path = path
        guard OutputTarget(path: path).isRegularFile else {
            throw OutputError(path, "not a regular file, so it cannot be written as a resumable .partial file")
        }
        fd = open(path + ".partial", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw OutputError(path + ".partial", "cannot create: \(String(cString: strerror(errno)))") }
    }

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    /// Opens an existing partial file to continue it: cuts it back to its last complete line
    /// and returns the sink and the number of complete lines (= documents done).
    public static func reopen(path: String) throws(OutputError) -> (sink: ResumableFileSink, lines: Int, bytes: Int) {
        guard OutputTarget(path: path).isRegularFile else {
            throw OutputError(path, "not a regular file, so there is no partial output to resume")
        }
        let partial = path + ".partial"
        let fd = open(partial, O_RDWR | O_CLOEXEC)
        if fd < 0 { throw OutputError(partial, "cannot open the partial output to resume: \(String(cString: strerror(errno)))") }
        var lines = 0
        var lastNewlineEnd = 0
        var offset = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                close(fd)
                throw OutputError(partial, "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            for i in 0..<n where buffer[i] == 0x0A {
                lines += 1
                lastNewlineEnd = offset + i + 1
            }
            offset += n
        }
        guard ftruncate(fd, off_t(lastNewlineEnd)) == 0, lseek(fd, off_t(lastNewlineEnd), SEEK_SET) >= 0 else {
            close(fd)
            throw OutputError(partial, "cannot cut back to the last complete line: \(String(cString: strerror(errno)))")
        }
        let sink = ResumableFileSink(path: path, fd: fd)
        sink.bytesWritten = lastNewlineEnd
        return (sink, lines, lastNewlineEnd)
    }

    public func write(_ result: ChunkResult) throws(OutputError) { try write(result.records) }

    public func write(_ bytes: [UInt8]) throws(OutputError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputError(partialPath, "write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        bytesWritten += bytes.count
    }

    /// Closes the partial file, leaving it for `--resume`.
    public func suspend() { close(fd) }

    /// Closes the file and moves it into place.
    public func finish() throws(OutputError) {
        if close(fd) != 0 { throw OutputError(path, "close failed: \(String(cString: strerror(errno)))") }
        if rename(partialPath, path) != 0 { throw OutputError(path, "rename failed: \(String(cString: strerror(errno)))") }
    }

    /// Removes the partial file after a fatal error.
    public func abandon() {
        close(fd)
        unlink(partialPath)
    }
}
