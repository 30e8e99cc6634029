#if canImport(Glibc)
import Glibc
#endif

/// A blocking line-protocol client over a real socket (unix or TCP), for the server tests.
///
/// Plain POSIX on purpose: the tests check the server, so the client is the simplest thing that
/// speaks newline-delimited bytes, as `nc` does. One thread may send while another reads
/// (the socket allows it; only the reader touches the buffer), hence `@unchecked Sendable`.
public final class LineClient: @unchecked Sendable {
    public let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to `unix:PATH` or `tcp:HOST:PORT` (IPv4); nil when the connection fails.
    public init?(_ address: String) {
        if address.hasPrefix("unix:") {
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var sa = sockaddr_un()
            sa.sun_family = sa_family_t(AF_UNIX)
            let path = Array(address.dropFirst(5).utf8)
            withUnsafeMutableBytes(of: &sa.sun_path) { raw in
                for (i, b) in path.prefix(raw.count - 1).enumerated() { raw[i] = b }
            }
            let rc = withUnsafePointer(to: &sa) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            if rc != 0 { close(fd); return nil }
        } else {
            let parts = address.dropFirst(4).split(separator: ":")
            guard parts.count == 2, let port = UInt16(parts[1]) else { return nil }
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var sa = sockaddr_in()
            sa.sin_family = sa_family_t(AF_INET)
            sa.sin_port = port.bigEndian
            inet_pton(AF_INET, String(parts[0]), &sa.sin_addr)
            let rc = withUnsafePointer(to: &sa) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if rc != 0 { close(fd); return nil }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    deinit { close(fd) }

    /// Writes all of `bytes` (blocking).
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    public func send(_ text: String) { send(Array(text.utf8)) }

    /// Sends what the socket takes without blocking; returns the bytes taken (0 when it is full).
    public func sendNow(_ bytes: [UInt8]) -> Int {
        let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        return max(n, 0)
    }

    /// Closes the sending side, as `nc -N` does at end of input.
    public func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// The next line (without `\n`), or nil on end of stream or after `timeout` seconds of silence.
    public func readLine(timeout: Double = 10) -> String? {
        readLineBytes(timeout: timeout).map { String(decoding: $0, as: UTF8.self) }
    }

    public func readLineBytes(timeout: Double = 10) -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(timeout * 1000)) > 0 else { return nil }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// Reads `count` lines; stops early on timeout or end of stream.
    public func readLines(_ count: Int, timeout: Double = 10) -> [String] {
        var lines: [String] = []
        while lines.count < count, let line = readLine(timeout: timeout) { lines.append(line) }
        return lines
    }

    /// True when the server closed the connection (end of stream within `timeout`).
    public func isClosedByPeer(timeout: Double = 5) -> Bool {
        if !buffer.isEmpty { return false }
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, Int32(timeout * 1000)) > 0 else { return false }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK)) == 0
    }
}
