import NIOCore
import TextmillServer

/// `job.wait {"job_id": …, "timeout": SECONDS}`: replies `{"timed_out": false, "job": {…}}` when
/// the job ends, or `{"timed_out": true, "job": {…}}` after the timeout (default: no timeout).
/// Other requests on the connection are answered meanwhile.
struct JobWaitMethod: RPCMethodHandler {
    let queue: JobQueue
    let name = "job.wait"

    func answer(_ call: RPCCall) -> RPCAnswer {
        let id: String
        switch JobMethodParams.jobID(call) {
        case .success(let found): id = found
        case .failure(let refusal): return .now(refusal.reply)
        }
        let timeout = call.request.params?["timeout"]?.doubleValue
        if let timeout, !(timeout >= 0) {
            return .now(RPCReply.error(id: call.request.id, .invalidParams, "timeout must be a number of seconds"))
        }
        let requestID = call.request.id
        let promise = call.eventLoop.makePromise(of: RPCReply.self)
        let once = OnceFlag()
        let reply: @Sendable (JobRecord, Bool) -> Void = { job, timedOut in
            guard once.claim() else { return }
            let now = JobClock.now()
            promise.succeed(RPCReply.result(id: requestID) { w in
                w.beginObject()
                w.key("timed_out"); w.bool(timedOut); w.comma()
                w.key("job"); job.write(to: &w, now: now)
                w.endObject()
            })
        }
        let queue = self.queue
        guard queue.whenEnded(id, { reply($0, false) }) else { return .now(JobMethodParams.notFound(id, call)) }
        if let timeout {
            call.eventLoop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) {
                if let job = queue.status(id) { reply(job, true) }
            }
        }
        return .later(promise.futureResult)
    }
}
