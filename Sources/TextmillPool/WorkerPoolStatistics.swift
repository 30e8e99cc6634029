/// What the pool has been through, for the run summary and the server's `stats`.
public struct WorkerPoolStatistics: Sendable, Equatable {
    public var workersAlive = 0
    /// Workers started after the first ones, to replace a dead or hung worker.
    public var workerRestarts = 0
    public var workerCrashes = 0
    public var workerTimeouts = 0
    /// Chunks sent again after their worker failed (bisected halves included).
    public var retriedChunks = 0
    /// Documents that crashed or hung a worker twice and got an error record.
    public var isolatedDocuments = 0
    public var chunksCompleted = 0

    public init() {}
}
