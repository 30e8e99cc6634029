/// A request that gets an error reply: the code, a message for people, and the id to answer with
/// (nil when the id could not be read, which JSON-RPC answers with `"id": null`).
package struct RPCFailure: Error {
    package var code: RPCErrorCode
    package var message: String
    package var id: [UInt8]?

    init(_ code: RPCErrorCode, _ message: String, id: [UInt8]? = nil) {
        self.code = code
        self.message = message
        self.id = id
    }
}
