/// `ping` → `"pong"`: a liveness check that touches nothing else.
struct PingMethod: RPCMethodHandler {
    let name = "ping"

    func answer(_ call: RPCCall) -> RPCAnswer {
        .now(RPCReply.result(id: call.request.id) { $0.string("pong") })
    }
}
