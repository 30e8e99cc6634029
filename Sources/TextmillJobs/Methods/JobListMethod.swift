import TextmillServer

/// `job.list [{"state": "running"} | {"state": ["queued", "running"]}]`: the jobs in submission order.
struct JobListMethod {
    let queue: JobQueue

    func answer(_ call: LineMethodCall, on connection: LineConnection) {
        var states: Set<JobState>?
        if let filter = call.params?["state"] {
            let names = filter.stringValue.map { [$0] } ?? filter.arrayValue?.compactMap(\.stringValue) ?? []
            let parsed = names.compactMap(JobState.init(rawValue:))
            guard !names.isEmpty, parsed.count == names.count else {
                return connection.send(RPCReply.error(
                    id: call.id, .invalidParams,
                    "state must be one or a list of: \(JobState.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            states = Set(parsed)
        }
        let jobs = queue.list(states: states)
        let now = JobClock.now()
        connection.send(RPCReply.result(id: call.id) { w in
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
