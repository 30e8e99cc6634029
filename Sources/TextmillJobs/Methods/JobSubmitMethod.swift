import TextmillRun
import TextmillServer

/// `job.submit`: checks the job as far as it can without reading inputs, stores it, and answers
/// `{"job_id": …, "state": "queued"}` once it is committed. A job that cannot run is a JSON-RPC
/// error now, not a failed job later.
struct JobSubmitMethod: RPCMethodHandler {
    let queue: JobQueue
    let name = "job.submit"

    func answer(_ call: RPCCall) -> RPCAnswer {
        let id = call.request.id
        if JobMethods.isTCP(call) && !queue.configuration.paths.hasRoots {
            return .now(RPCReply.error(
                id: id, .jobsDisabled,
                "jobs over TCP need --input-root and --output-root on the server (they bound what a job may read and write)"))
        }
        let queue = self.queue
        let params = call.request.params
        return JobMethods.offLoop(call) {
            do throws(RunFailure) {
                let job = try queue.submit(params)
                return RPCReply.result(id: id) { w in
                    w.beginObject()
                    w.key("job_id"); w.string(job.id); w.comma()
                    w.key("state"); w.string(job.state.rawValue)
                    w.endObject()
                }
            } catch {
                return RPCReply.error(id: id, error.kind == .transient ? .internalError : .invalidParams, error.message)
            }
        }
    }
}
