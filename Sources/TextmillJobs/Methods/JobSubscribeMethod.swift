import Dispatch
import TextmillJSON
import TextmillServer

/// `job.subscribe [{"job_id": …}]`: replies `{"subscribed": true}`, then sends notifications
/// `{"jsonrpc":"2.0","method":"job.progress","params":{status}}` (no id) a few times a second for
/// each running job (or only the one named), one when a job ends, and stops when the connection
/// closes (or, for one job, after its end).
struct JobSubscribeMethod {
    let queue: JobQueue
    let interval: Double

    func answer(_ call: LineMethodCall, on connection: LineConnection) {
        let only = call.params?["job_id"]?.stringValue
        if let only, queue.status(only) == nil { return JobMethodParams.notFound(only, call, on: connection) }
        connection.send(RPCReply.result(id: call.id) { w in
            w.beginObject()
            w.key("subscribed"); w.bool(true)
            w.endObject()
        })
        // Only cancelled from its own handler and the close callback; DispatchSource is thread-safe.
        nonisolated(unsafe) let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        let queue = self.queue
        let reported = JobStateMemory()
        // Jobs that ended before the subscription are history, not news.
        if only == nil { for job in queue.list() where job.state.isFinal { _ = reported.changed(job.id, job.state) } }
        timer.setEventHandler {
            guard connection.isOpen else { return timer.cancel() }
            let jobs = only.flatMap { queue.status($0) }.map { [$0] } ?? queue.list()
            let now = JobClock.now()
            for job in jobs {
                // Running jobs (or the one job asked for) every tick; others once per state they reach.
                guard job.state == .running || only != nil || reported.changed(job.id, job.state) else { continue }
                var w = JSONWriter(capacity: 512)
                w.raw(#"{"jsonrpc":"2.0","method":"job.progress","params":"#)
                job.write(to: &w, now: now)
                w.endObject()
                w.newline()
                connection.send(w.bytes)
            }
            if let only, let job = jobs.first, job.state.isFinal, job.id == only { timer.cancel() }
        }
        connection.onClose { timer.cancel() }
        timer.schedule(deadline: .now(), repeating: interval)
        timer.resume()
    }
}
