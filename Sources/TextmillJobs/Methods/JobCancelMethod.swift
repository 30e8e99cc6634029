import TextmillRun
import TextmillServer

/// `job.cancel {"job_id": …}`: a queued job is cancelled at once; a running one stops reading,
/// finishes its chunks in flight and keeps a resumable partial (`job.wait` tells when). The
/// reply, sent once the request is committed, is the job's status.
struct JobCancelMethod: RPCMethodHandler {
    let queue: JobQueue
    let name = "job.cancel"

    func answer(_ call: RPCCall) -> RPCAnswer {
        let id: String
        switch JobMethodParams.jobID(call) {
        case .success(let found): id = found
        case .failure(let refusal): return .now(refusal.reply)
        }
        let queue = self.queue
        let requestID = call.request.id
        let notFound = JobMethodParams.notFound(id, call)
        return JobMethods.offLoop(call) {
            do throws(RunFailure) {
                guard let job = try queue.cancel(id) else { return notFound }
                let now = JobClock.now()
                return RPCReply.result(id: requestID) { job.write(to: &$0, now: now) }
            } catch {
                return RPCReply.error(id: requestID, .internalError, error.message)
            }
        }
    }
}
