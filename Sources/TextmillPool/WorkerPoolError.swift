/// Why the pool cannot go on: no document error, but a reason to stop the whole job (exit 2).
public enum WorkerPoolError: Error, CustomStringConvertible, Sendable {
    case spawnFailed(String)
    /// A worker could not load the pipeline (it reported this message, or died while loading).
    case initializationFailed(String)
    case fingerprintMismatch(expected: String, got: String)
    /// Workers keep dying on work that is not isolated to any one document.
    case unstable(String)
    case shutDown

    public var description: String {
        switch self {
        case .spawnFailed(let m): "cannot start a worker process: \(m)"
        case .initializationFailed(let m): "a worker could not start the pipeline: \(m)"
        case .fingerprintMismatch(let expected, let got):
            "a worker loaded pipeline \(got), but the coordinator's is \(expected); refusing to mix outputs"
        case .unstable(let m): "the worker pool cannot keep workers alive: \(m)"
        case .shutDown: "the worker pool has been shut down"
        }
    }
}
