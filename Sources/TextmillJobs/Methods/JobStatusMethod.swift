import TextmillServer

/// `job.status {"job_id": …}`: the job's state, counts, rate, ETA, outputs and error.
struct JobStatusMethod: RPCMethodHandler {
    let queue: JobQueue
    let name = "job.status"

    func answer(_ call: RPCCall) -> RPCAnswer {
        let id: String
        switch JobMethodParams.jobID(call) {
        case .success(let found): id = found
        case .failure(let refusal): return .now(refusal.reply)
        }
        guard let job = queue.status(id) else { return .now(JobMethodParams.notFound(id, call)) }
        let now = JobClock.now()
        return .now(RPCReply.result(id: call.request.id) { job.write(to: &$0, now: now) })
    }
}
