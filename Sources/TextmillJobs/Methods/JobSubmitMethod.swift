import TextmillRun
import TextmillServer

/// `job.submit`: checks the job as far as it can without reading inputs, stores it, and answers
/// `{"job_id": …, "state": "queued"}` once it is committed. A job that cannot run is a JSON-RPC
/// error now, not a failed job later.
struct JobSubmitMethod {
    let queue: JobQueue

    func answer(_ call: LineMethodCall, on connection: LineConnection) {
        if connection.isTCP && !queue.configuration.paths.hasRoots {
            return connection.send(RPCReply.error(
                id: call.id, .jobsDisabled,
                "jobs over TCP need --input-root and --output-root on the server (they bound what a job may read and write)"))
        }
        do {
            let job = try queue.submit(call.params)
            connection.send(RPCReply.result(id: call.id) { w in
                w.beginObject()
                w.key("job_id"); w.string(job.id); w.comma()
                w.key("state"); w.string(job.state.rawValue)
                w.endObject()
            })
        } catch {
            connection.send(RPCReply.error(id: call.id, error.kind == .transient ? .internalError : .invalidParams, error.message))
        }
    }
}
