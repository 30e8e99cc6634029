/// A request that gets an error reply: the code, a message for people, and the id to answer with
/// (nil when the id could not be read, which JSON-RPC answers with `"id": null`).
struct RPCFailure: Error {
    var code: RPCErrorCode
    var message: String
    var id: [UInt8]?

    init(_ code: RPCErrorCode, _ message: String, id: [UInt8]? = nil) {
        self.code = code
        self.message = message
        self.id = id
    }
}
