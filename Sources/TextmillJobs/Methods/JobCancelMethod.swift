import TextmillServer

/// `job.cancel {"job_id": …}`: a queued job is cancelled at once; a running one stops reading,
/// finishes its chunks in flight and keeps a resumable partial (`job.wait` tells when). The
/// reply, sent once the request is committed, is the job's status.
struct JobCancelMethod {
    let queue: JobQueue

    func answer(_ call: LineMethodCall, on connection: LineConnection) {
        guard let id = JobMethodParams.jobID(call, on: connection) else { return }
        do {
            guard let job = try queue.cancel(id) else { return JobMethodParams.notFound(id, call, on: connection) }
            let now = JobClock.now()
            connection.send(RPCReply.result(id: call.id) { job.write(to: &$0, now: now) })
        } catch {
            connection.send(RPCReply.error(id: call.id, .internalError, error.message))
        }
    }
}
