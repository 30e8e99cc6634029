import Dispatch
import NIOCore
import TextmillJSON
import TextmillServer

/// `job.subscribe [{"job_id": …}]`: replies `{"subscribed": true}`, then sends notifications
/// `{"jsonrpc":"2.0","method":"job.progress","params":{status}}` (no id) a few times a second for
/// each running job (or for the one named), once when a job reaches another state, and stops
/// when the connection closes (or, for one job, after its end).
struct JobSubscribeMethod: RPCMethodHandler {
    let queue: JobQueue
    let interval: Double
    let name = "job.subscribe"

    func answer(_ call: RPCCall) -> RPCAnswer {
        let only = call.request.params?["job_id"]?.stringValue
        if let only, queue.status(only) == nil { return .now(JobMethodParams.notFound(only, call)) }
        let channel = call.channel
        let queue = self.queue
        let reported = JobStateMemory()
        // Jobs that ended before the subscription are history, not news.
        if only == nil { for job in queue.list() where job.state.isFinal { _ = reported.changed(job.id, job.state) } }
        // Only cancelled from its own handler and the close callback; DispatchSource is thread-safe.
        nonisolated(unsafe) let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.setEventHandler {
            guard channel.isActive else { return timer.cancel() }
            let jobs = only.flatMap { queue.status($0) }.map { [$0] } ?? queue.list()
            let now = JobClock.now()
            for job in jobs {
                // Running jobs (or the one job asked for) every tick; others once per state they reach.
                guard job.state == .running || only != nil || reported.changed(job.id, job.state) else { continue }
                channel.writeAndFlush(RPCReply.notification(method: "job.progress") { job.write(to: &$0, now: now) }, promise: nil)
            }
            if let only, let job = jobs.first, job.state.isFinal, job.id == only { timer.cancel() }
        }
        channel.closeFuture.whenComplete { _ in timer.cancel() }
        // The first notification after the reply, which the server writes when this returns.
        timer.schedule(deadline: .now() + .milliseconds(20), repeating: interval)
        timer.resume()
        return .now(RPCReply.result(id: call.request.id) { w in
            w.beginObject()
            w.key("subscribed"); w.bool(true)
            w.endObject()
        })
    }
}
