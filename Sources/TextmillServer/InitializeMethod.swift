/// `initialize` → what the server runs: versions, pipeline, fingerprint, limits and methods.
struct InitializeMethod: RPCMethodHandler {
    let name = "initialize"

    func answer(_ call: RPCCall) -> RPCAnswer {
        .now(RPCReply.result(id: call.request.id) { call.server.writeInfo(to: &$0) })
    }
}
