/// `stats` → the server's counters (`ServerStats`).
struct StatsMethod: RPCMethodHandler {
    let name = "stats"

    func answer(_ call: RPCCall) -> RPCAnswer {
        .now(RPCReply.result(id: call.request.id) { call.server.stats.write(to: &$0) })
    }
}
