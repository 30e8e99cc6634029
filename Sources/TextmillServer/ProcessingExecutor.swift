import Dispatch

/// Runs the server's processing tasks on Dispatch threads instead of Swift's cooperative pool.
///
/// The cooperative pool has one thread per core, and whoever embeds the server may block it
/// (the test suites do, with blocking socket clients; an app might with synchronous work). The
/// processor's tasks prefer this executor, so replies keep flowing whatever the pool is doing.
final class ProcessingExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "textmill.server.processing", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
