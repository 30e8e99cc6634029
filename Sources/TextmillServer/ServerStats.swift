import Synchronization
import TextmillJSON

/// Counters the `stats` method reports, updated from every event loop and processing task.
final class ServerStats: Sendable {
    let connectionsOpen = Atomic<Int>(0)
    let connectionsTotal = Atomic<Int>(0)
    let connectionsRefused = Atomic<Int>(0)
    let requests = Atomic<Int>(0)
    let errorReplies = Atomic<Int>(0)
    let documents = Atomic<Int>(0)
    let documentsFailed = Atomic<Int>(0)
    let chunks = Atomic<Int>(0)
    let inFlight = Atomic<Int>(0)
    let started = ContinuousClock.now

    func write(to w: inout JSONWriter) {
        let chunks = chunks.load(ordering: .relaxed)
        let documents = documents.load(ordering: .relaxed)
        w.beginObject()
        w.key("connections_open"); w.int(connectionsOpen.load(ordering: .relaxed)); w.comma()
        w.key("connections_total"); w.int(connectionsTotal.load(ordering: .relaxed)); w.comma()
        w.key("connections_refused"); w.int(connectionsRefused.load(ordering: .relaxed)); w.comma()
        w.key("requests"); w.int(requests.load(ordering: .relaxed)); w.comma()
        w.key("error_replies"); w.int(errorReplies.load(ordering: .relaxed)); w.comma()
        w.key("in_flight"); w.int(inFlight.load(ordering: .relaxed)); w.comma()
        w.key("documents"); w.int(documents); w.comma()
        w.key("documents_failed"); w.int(documentsFailed.load(ordering: .relaxed)); w.comma()
        w.key("chunks"); w.int(chunks); w.comma()
        w.key("mean_chunk_documents"); w.double(chunks > 0 ? Double(documents) / Double(chunks) : 0); w.comma()
        let up = ContinuousClock.now - started
        w.key("uptime_seconds"); w.double(Double(up.components.seconds) + Double(up.components.attoseconds) / 1e18)
        w.endObject()
    }
}
