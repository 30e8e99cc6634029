import TextmillJSON
import TextmillServer

#if canImport(Glibc)
import Glibc
#endif

/// A blocking JSON-RPC client for `textmill chat --connect` (one request at a time).
final class RPCConnection {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var nextID = 1
    let address: ListenAddress
    /// Sent as `"auth"` with every request (servers started with `--auth-token-file`).
    var authToken: String?

    init(_ address: ListenAddress) throws {
        self.address = address
        switch address {
        case .unix(let path):
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var sa = sockaddr_un()
            sa.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            withUnsafeMutableBytes(of: &sa.sun_path) { raw in
                for (i, b) in bytes.prefix(raw.count - 1).enumerated() { raw[i] = b }
            }
            let rc = withUnsafePointer(to: &sa) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            if rc != 0 {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw FatalError("cannot connect to \(address): \(reason)")
            }
        case .tcp(let host, let port):
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var list: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
                throw FatalError("cannot connect to \(address): unknown host \(host)")
            }
            defer { freeaddrinfo(list) }
            fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
            if connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) != 0 {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw FatalError("cannot connect to \(address): \(reason)")
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    deinit { close(fd) }

    /// Sends one request and waits for its reply; returns the `result`, or throws the server's error.
    func call(_ method: String, params: ((inout JSONWriter) -> Void)? = nil) throws -> JSONValue {
        let id = nextID
        nextID += 1
        var w = JSONWriter()
        w.raw(#"{"jsonrpc":"2.0","#)
        if let authToken {
            w.raw(#""auth":"#)
            w.string(authToken)
            w.comma()
        }
        w.raw(#""id":"#)
        w.int(id)
        w.raw(#","method":"#)
        w.string(method)
        if let params {
            w.raw(#","params":"#)
            params(&w)
        }
        w.endObject()
        w.newline()
        try send(w.bytes)
        while true {
            let line = try readLine()
            guard let reply = try? JSONValue.parse(line) else { throw FatalError("\(address): the server sent a line that is not JSON") }
            if reply["id"]?.intValue != id && reply["id"] != .null { continue }
            if let error = reply["error"] {
                throw RPCCallError(
                    code: error["code"]?.intValue ?? 0, message: error["message"]?.stringValue ?? "", data: error["data"])
            }
            return reply["result"] ?? .null
        }
    }

    /// Writes raw bytes (the benchmark pipelines its own request lines).
    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { throw FatalError("\(address): the connection was closed") }
            sent += n
        }
    }

    /// The next reply line, without its newline.
    func readLine() throws -> [UInt8] {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { throw FatalError("\(address): the server closed the connection") }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }
}

/// An error reply from the server.
struct RPCCallError: Error, CustomStringConvertible {
    let code: Int
    let message: String
    let data: JSONValue?
    var description: String { "\(message) (\(code))" }
}
