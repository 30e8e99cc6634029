#if canImport(Glibc)
import Glibc
#endif

/// Prepares a unix socket path for binding: a stale socket left by a dead server is removed,
/// but a socket some server still answers on, or a file that is not a socket, is left alone.
enum UnixSocketFile {
    static func prepare(_ path: String) throws(ListenAddressError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw ListenAddressError("unix:\(path): cannot examine the path: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw ListenAddressError("unix:\(path): the path exists and is not a socket; remove it or choose another path")
        }
        if isAnswering(path) {
            throw ListenAddressError("unix:\(path): another server is listening on this socket")
        }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw ListenAddressError("unix:\(path): cannot remove the stale socket: \(String(cString: strerror(errno)))")
        }
    }

    /// A unix socket listening at `path` with mode 0600 from the moment the file exists.
    /// Linux gives the socket file the mode of the socket's inode (less the umask), so the
    /// mode is set on the descriptor before `bind`; the process umask is never touched. It
    /// listens at once, so a client that connects as soon as the file appears is queued, not
    /// refused, while the event loop takes the socket over.
    static func bindPrivate(_ path: String, backlog: Int32) throws(ListenAddressError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity, !bytes.contains(0) else {
            throw ListenAddressError("unix:\(path): the path is \(bytes.count) bytes, a unix socket path holds at most \(capacity - 1)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ListenAddressError("unix:\(path): cannot make a socket: \(String(cString: strerror(errno)))") }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                fchmod(fd, 0o600) == 0 && bind(fd, socketAddress, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
        guard bound, listen(fd, backlog) == 0 else {
            let reason = String(cString: strerror(errno))
            if bound { unlink(path) }
            close(fd)
            throw ListenAddressError("unix:\(path): cannot listen: \(reason)")
        }
        return fd
    }

    /// True when a connect succeeds (someone accepts), false when refused (nobody listens).
    static func isAnswering(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.prefix(raw.count - 1).enumerated() { raw[i] = b }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}
