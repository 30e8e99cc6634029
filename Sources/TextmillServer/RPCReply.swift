import TextmillJSON

/// Writes JSON-RPC reply lines (each ends with `\n`).
package enum RPCReply {
    package static let nullID: [UInt8] = Array("null".utf8)

    /// `{"jsonrpc":"2.0","id":…,"result":<result>}` where `result` is already JSON.
    package static func result(id: [UInt8]?, _ write: (inout JSONWriter) -> Void) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.raw(#"{"jsonrpc":"2.0","id":"#)
        w.raw(id ?? nullID)
        w.raw(#","result":"#)
        write(&w)
        w.endObject()
        w.newline()
        return w.bytes
    }

    /// `{"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…[,"data":…]}}`.
    package static func error(
        id: [UInt8]?, _ code: RPCErrorCode, _ message: String, data: ((inout JSONWriter) -> Void)? = nil
    ) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.raw(#"{"jsonrpc":"2.0","id":"#)
        w.raw(id ?? nullID)
        w.raw(#","error":{"code":"#)
        w.int(code.rawValue)
        w.raw(#","message":"#)
        w.string(message)
        if let data {
            w.raw(#","data":"#)
            data(&w)
        }
        w.endObject()
        w.endObject()
        w.newline()
        return w.bytes
    }

    package static func failure(_ failure: RPCFailure) -> [UInt8] {
        error(id: failure.id, failure.code, failure.message)
    }
}
