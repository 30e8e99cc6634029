import TextmillJSON
import TextmillRun

/// One job as the store keeps it and `job.status` reports it.
public struct JobRecord: Sendable {
    public var id: String
    /// Submission order (the FIFO within a priority).
    public var sequence: Int
    public var priority: Int
    public var state: JobState
    /// The params as accepted, with every path made absolute (what a restart runs again).
    public var params: String
    public var submittedAt: Double
    public var startedAt: Double?
    public var finishedAt: Double?
    /// Runs started (the first, retries, continuations after a restart).
    public var attempts = 0
    /// The earliest time a retry may start.
    public var notBefore: Double = 0
    public var progress = RunProgress()
    /// When the current attempt started (for the rate and ETA).
    public var attemptStartedAt: Double?
    public var error: String?
    /// Where the records are (the output, or while stopped its resumable partial).
    public var outputs: [String] = []
    public var cancelRequested = false

    public init(id: String, sequence: Int, priority: Int, state: JobState, params: String, submittedAt: Double) {
        self.id = id
        self.sequence = sequence
        self.priority = priority
        self.state = state
        self.params = params
        self.submittedAt = submittedAt
    }

    /// Documents processed so far, those of earlier attempts included.
    public var documents: Int { progress.resumedAfter + progress.documents }

    /// `job.status`'s result object.
    public func write(to w: inout JSONWriter, now: Double) {
        w.beginObject()
        w.key("job_id"); w.string(id); w.comma()
        w.key("state"); w.string(state.rawValue); w.comma()
        w.key("priority"); w.int(priority); w.comma()
        w.key("attempts"); w.int(attempts); w.comma()
        w.key("documents"); w.int(documents); w.comma()
        w.key("documents_ok"); w.int(documents - progress.failed); w.comma()
        w.key("documents_failed"); w.int(progress.failed); w.comma()
        w.key("bytes_read"); w.int(progress.bytesRead); w.comma()
        w.key("total_bytes")
        if let total = progress.totalBytes { w.int(total) } else { w.null() }
        w.comma()
        w.key("bytes_written"); w.int(progress.bytesWritten); w.comma()
        w.key("worker_restarts"); w.int(progress.workerRestarts); w.comma()
        w.key("resumed_after"); w.int(progress.resumedAfter); w.comma()
        let seconds = attemptStartedAt.map { max(1e-6, (finishedAt ?? now) - $0) }
        w.key("mb_per_second"); w.double(seconds.map { Double(progress.bytesRead) / 1e6 / $0 } ?? 0); w.comma()
        w.key("documents_per_second"); w.double(seconds.map { Double(progress.documents) / $0 } ?? 0); w.comma()
        w.key("eta_seconds")
        if state == .running, let seconds, let total = progress.totalBytes, total > 0, progress.bytesRead > 0 {
            let fraction = min(1, Double(progress.bytesRead) / Double(total))
            w.double((seconds / fraction - seconds).rounded())
        } else {
            w.null()
        }
        w.comma()
        w.key("submitted_at"); w.double(submittedAt); w.comma()
        w.key("started_at")
        if let startedAt { w.double(startedAt) } else { w.null() }
        w.comma()
        w.key("finished_at")
        if let finishedAt { w.double(finishedAt) } else { w.null() }
        w.comma()
        w.key("outputs"); w.value(.array(outputs.map { .string($0) })); w.comma()
        w.key("error")
        if let error { w.string(error) } else { w.null() }
        w.comma()
        w.key("params"); w.raw(Array(params.utf8))
        w.endObject()
    }
}
