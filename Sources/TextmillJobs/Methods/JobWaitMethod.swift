import Dispatch
import TextmillServer

/// `job.wait {"job_id": …, "timeout": SECONDS}`: replies `{"timed_out": false, "job": {…}}` when
/// the job ends, or `{"timed_out": true, "job": {…}}` after the timeout (default: no timeout).
struct JobWaitMethod {
    let queue: JobQueue

    func answer(_ call: LineMethodCall, on connection: LineConnection) {
        guard let id = JobMethodParams.jobID(call, on: connection) else { return }
        let timeout = call.params?["timeout"]?.doubleValue
        if let timeout, !(timeout >= 0) {
            return connection.send(RPCReply.error(id: call.id, .invalidParams, "timeout must be a number of seconds"))
        }
        let once = OnceFlag()
        let reply: @Sendable (JobRecord, Bool) -> Void = { job, timedOut in
            guard once.claim() else { return }
            let now = JobClock.now()
            connection.send(RPCReply.result(id: call.id) { w in
                w.beginObject()
                w.key("timed_out"); w.bool(timedOut); w.comma()
                w.key("job"); job.write(to: &w, now: now)
                w.endObject()
            })
        }
        let queue = self.queue
        guard queue.whenEnded(id, { reply($0, false) }) else { return JobMethodParams.notFound(id, call, on: connection) }
        if let timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if let job = queue.status(id) { reply(job, true) }
            }
        }
    }
}
