import TextmillServer

/// `job.list [{"state": "running"} | {"state": ["queued", "running"]}]`: the jobs in submission order.
struct JobListMethod: RPCMethodHandler {
    let queue: JobQueue
    let name = "job.list"

    func answer(_ call: RPCCall) -> RPCAnswer {
        var states: Set<JobState>?
        if let filter = call.request.params?["state"] {
            let names = filter.stringValue.map { [$0] } ?? filter.arrayValue?.compactMap(\.stringValue) ?? []
            let parsed = names.compactMap(JobState.init(rawValue:))
            guard !names.isEmpty, parsed.count == names.count else {
                return .now(RPCReply.error(
                    id: call.request.id, .invalidParams,
                    "state must be one or a list of: \(JobState.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            states = Set(parsed)
        }
        let jobs = queue.list(states: states)
        let now = JobClock.now()
        return .now(RPCReply.result(id: call.request.id) { w in
            w.beginObject()
            w.key("jobs"); w.beginArray()
            for (i, job) in jobs.enumerated() {
                if i > 0 { w.comma() }
                job.write(to: &w, now: now)
            }
            w.endArray()
            w.endObject()
        })
    }
}
