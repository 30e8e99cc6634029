/// Who watches a run and may stop it: the CLI's progress line and signals, or a job's record.
///
/// Called on the task that runs the execution, never concurrently.
public protocol RunObserver: AnyObject {
    /// The inputs are open and the workers ready; chunks start flowing next. The CLI installs
    /// its SIGINT handler here, so a signal during start-up still stops it at once.
    func starting(totalBytes: Int?)
    /// After each delivered chunk, and once more (`final`) when processing ends.
    func progress(_ progress: RunProgress, final: Bool)
    /// Whether to stop reading: the chunks out are finished and the output left resumable.
    var shouldStop: Bool { get }
    /// A message about the output an earlier run left (discarded rows, a run already complete).
    func notice(_ message: String)
}
