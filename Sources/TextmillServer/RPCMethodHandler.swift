/// One JSON-RPC method: its name, how its params are read, and how it answers.
///
/// A method is one file conforming to this and one entry in `RPCMethodTable.standard` (or in
/// the `methods` a server is started with). Handlers are shared by every connection and called
/// on the connection's event loop, so they must not block it: slow work answers `.later`.
package protocol RPCMethodHandler: Sendable {
    /// The name clients call (`"process"`, `"job.submit"`).
    var name: String { get }
    /// How the request parser reads this method's params.
    var params: RPCParamsShape { get }
    /// Whether `initialize` lists the method on this server (the token methods need a tokenizer).
    func isOffered(on server: ServerShared) -> Bool
    /// The answer to `call.request`. For a notification (no id) the reply is not sent, but the
    /// work is done all the same.
    func answer(_ call: RPCCall) -> RPCAnswer
}

extension RPCMethodHandler {
    package var params: RPCParamsShape { .value }
    package func isOffered(on server: ServerShared) -> Bool { true }
}
