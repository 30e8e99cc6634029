import TextmillRun

/// A job's `RunObserver`: progress goes into the queue's record of the job (what `job.status`
/// and `job.subscribe` report), and the job's stop switch stops the run.
final class JobObserver: RunObserver {
    private let queue: JobQueue
    private let id: String
    private let control: JobControl

    init(queue: JobQueue, id: String, control: JobControl) {
        self.queue = queue
        self.id = id
        self.control = control
    }

    func starting(totalBytes: Int?) {}

    func progress(_ progress: RunProgress, final: Bool) {
        queue.record(progress: progress, of: id)
    }

    var shouldStop: Bool { control.reason != .none }

    func notice(_ message: String) {
        queue.log("job \(id): \(message)")
    }
}
