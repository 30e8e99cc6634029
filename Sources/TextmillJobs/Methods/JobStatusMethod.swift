import TextmillServer

/// `job.status {"job_id": …}`: the job's state, counts, rate, ETA, outputs and error.
struct JobStatusMethod {
    let queue: JobQueue

    func answer(_ call: LineMethodCall, on connection: LineConnection) {
        guard let id = JobMethodParams.jobID(call, on: connection) else { return }
        guard let job = queue.status(id) else { return JobMethodParams.notFound(id, call, on: connection) }
        let now = JobClock.now()
        connection.send(RPCReply.result(id: call.id) { job.write(to: &$0, now: now) })
    }
}
