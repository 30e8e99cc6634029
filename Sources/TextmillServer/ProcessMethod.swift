import NIOCore
import TextmillJSON

/// `process`: `{"text": …}` → the record `textmill run` writes for that object;
/// `{"texts": [...]}` → `{"records": [...], "failed": [positions]}`. The documents go to the
/// server's `RequestBatcher`, which runs them in chunks with other requests' documents.
struct ProcessMethod: RPCMethodHandler {
    let name = "process"
    var params: RPCParamsShape { .documents }

    func answer(_ call: RPCCall) -> RPCAnswer {
        let stats = call.server.stats
        stats.inFlight.add(1, ordering: .relaxed)
        let promise = call.eventLoop.makePromise(of: RPCReply.self)
        let id = call.request.id
        let isList = call.request.isList
        call.server.batcher.submit(RequestBatcher.Job(documents: call.request.documents, loop: call.eventLoop) { result in
            stats.inFlight.subtract(1, ordering: .relaxed)
            promise.succeed(Self.reply(id: id, isList: isList, result))
        })
        return .later(promise.futureResult)
    }

    private static func reply(id: [UInt8]?, isList: Bool, _ result: Result<BatchedRecords, any Error>) -> RPCReply {
        switch result {
        case .failure(let error):
            return RPCReply.error(id: id, .internalError, "processing failed: \(error)")
        case .success(let records) where isList:
            return RPCReply.result(id: id) { w in
                w.raw(#"{"records":["#)
                for (i, line) in records.lines.enumerated() {
                    if i > 0 { w.comma() }
                    w.raw(line)
                }
                w.raw(#"],"failed":["#)
                var first = true
                for (i, failure) in records.failures.enumerated() where failure != nil {
                    if !first { w.comma() }
                    first = false
                    w.int(i)
                }
                w.raw("]}")
            }
        case .success(let records):
            let record = records.lines[0]
            guard let failure = records.failures[0] else {
                return RPCReply(id: id, body: .result(Array(record)))
            }
            return RPCReply.error(
                id: id, .documentFailed, "document failed: \(failure.code.rawValue): \(failure.message)", data: { $0.raw(record) })
        }
    }
}
