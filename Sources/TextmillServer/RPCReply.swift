import TextmillJSON

/// One line the server sends: a JSON-RPC reply (a result or an error) or a notification.
/// Methods build these; `RPCReplyEncoder` turns them into bytes.
package struct RPCReply: Sendable {
    /// The id exactly as the client wrote it; nil answers with `"id": null`.
    package var id: [UInt8]?
    package var body: Body

    package enum Body: Sendable {
        /// `"result"`: JSON already written.
        case result([UInt8])
        /// `"error"`, whose `"data"` (when present) is JSON already written.
        case error(code: RPCErrorCode, message: String, data: [UInt8]?)
        /// A JSON-RPC notification (no id): `{"jsonrpc":"2.0","method":…,"params":…}`, for
        /// methods that tell a connection about progress while it stays open.
        case notification(method: String, params: [UInt8])
    }

    package var isError: Bool {
        if case .error = body { return true }
        return false
    }

    /// A result written by `write`.
    package static func result(id: [UInt8]?, _ write: (inout JSONWriter) -> Void) -> RPCReply {
        var w = JSONWriter(capacity: 256)
        write(&w)
        return RPCReply(id: id, body: .result(w.bytes))
    }

    /// An error; `data`, when given, writes the error's `"data"` member.
    package static func error(
        id: [UInt8]?, _ code: RPCErrorCode, _ message: String, data: ((inout JSONWriter) -> Void)? = nil
    ) -> RPCReply {
        var bytes: [UInt8]? = nil
        if let data {
            var w = JSONWriter(capacity: 256)
            data(&w)
            bytes = w.bytes
        }
        return RPCReply(id: id, body: .error(code: code, message: message, data: bytes))
    }

    package static func failure(_ failure: RPCFailure) -> RPCReply {
        error(id: failure.id, failure.code, failure.message)
    }

    /// A notification (it has no id and gets no answer).
    package static func notification(method: String, _ params: (inout JSONWriter) -> Void) -> RPCReply {
        var w = JSONWriter(capacity: 256)
        params(&w)
        return RPCReply(id: nil, body: .notification(method: method, params: w.bytes))
    }
}
