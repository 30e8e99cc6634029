#if canImport(Glibc)
import Glibc
#endif

/// Something bytes can be read from in blocks: a file, standard input, later a decompressor.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes; 0 means end of input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
    /// The name used in error messages and locators ("-" for standard input).
    var name: String { get }
}

/// A file or standard input, read with POSIX `read` in large blocks.
public struct FileByteSource: ByteSource {
    public let name: String
    private let fd: Int32
    private let owned: Bool

    /// Opens `path`, or standard input when `path` is "-".
    public init(path: String) throws(InputError) {
        if path == "-" {
            fd = 0
            owned = false
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw InputError(path, "cannot open: \(String(cString: strerror(errno)))") }
            var info = stat()
            if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                _ = Glibc.close(fd)
                throw InputError(path, "is a directory")
            }
            owned = true
        }
        name = path
    }

    public func close() { if owned { _ = Glibc.close(fd) } }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw InputError(name, "read failed: \(String(cString: strerror(errno)))", kind: .readFailure)
        }
    }

    /// Size in bytes when the input is a regular file (for progress); nil for pipes.
    public var size: Int? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}

/// An input that cannot be read at all (as opposed to one bad document in it).
public struct InputError: Error, CustomStringConvertible, Sendable {
    public let source: String
    public let message: String
    public let kind: Kind

    /// Whether the run can go on without this input.
    public enum Kind: Sendable {
        /// Nothing should be processed: a missing file, a bad option, a CSV header without the text column.
        case fatal
        /// The rest of one input could not be read (truncated or corrupt gzip, an I/O error):
        /// `DocumentStream` turns it into one error record and goes on with the next input.
        case readFailure
    }

    public init(_ source: String, _ message: String, kind: Kind = .fatal) {
        self.source = source
        self.message = message
        self.kind = kind
    }
    public var description: String { "\(source): \(message)" }
}
