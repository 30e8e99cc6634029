/// Where the server listens or a client connects: `unix:PATH` or `tcp:HOST:PORT`.
public enum ListenAddress: Sendable, Equatable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: Int)

    /// Parses `unix:PATH`, `tcp:HOST:PORT` or `tcp:[V6]:PORT`; the message names what is wrong.
    public init(parsing text: String) throws(ListenAddressError) {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            guard !path.isEmpty else { throw ListenAddressError("\(text): the unix socket path is empty") }
            // sun_path holds 108 bytes including the terminating NUL.
            guard path.utf8.count < 108 else {
                throw ListenAddressError("\(text): unix socket paths must be shorter than 108 bytes")
            }
            self = .unix(path: path)
            return
        }
        guard text.hasPrefix("tcp:") else {
            throw ListenAddressError("\(text): expected unix:PATH or tcp:HOST:PORT")
        }
        let rest = text.dropFirst(4)
        guard let colon = rest.lastIndex(of: ":") else {
            throw ListenAddressError("\(text): expected tcp:HOST:PORT")
        }
        var host = String(rest[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ListenAddressError("\(text): the host is empty") }
        guard let port = Int(rest[rest.index(after: colon)...]), (0...65535).contains(port) else {
            throw ListenAddressError("\(text): the port must be a number from 0 to 65535")
        }
        self = .tcp(host: host, port: port)
    }

    /// True for unix sockets and loopback TCP hosts: the addresses that need no explicit opt-in.
    public var isLoopback: Bool {
        switch self {
        case .unix: true
        case .tcp(let host, _): host == "localhost" || host == "::1" || host.hasPrefix("127.")
        }
    }

    /// Fails when the address cannot be listened on for a reason known before binding (a unix
    /// path that is not a socket, or one a live server answers on), so `serve` can refuse before
    /// it starts its workers. Removes a stale socket file.
    public func checkAvailable() throws(ListenAddressError) {
        if case .unix(let path) = self { try UnixSocketFile.prepare(path) }
    }

    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let host, let port): host.contains(":") ? "tcp:[\(host)]:\(port)" : "tcp:\(host):\(port)"
        }
    }
}

/// A listen/connect address that could not be parsed or used.
public struct ListenAddressError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
