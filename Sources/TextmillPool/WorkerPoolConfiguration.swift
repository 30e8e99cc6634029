import TextmillDocuments

/// How a `WorkerPool` starts its workers and how patient it is with them.
public struct WorkerPoolConfiguration: Sendable {
    /// The binary to run as a worker (normally this very executable) and its arguments.
    public var executable: String
    public var arguments: [String]
    /// `NAME=value` strings for the workers; by default this process's environment.
    public var environment: [String]
    public var workerCount: Int
    /// Sent to each worker in its `initialize` frame (opaque to the pool: the CLI sends the
    /// resolved pipeline config and input fields).
    public var initialization: [UInt8]
    /// Every worker must report this pipeline fingerprint, or the pool refuses to run.
    public var expectedFingerprint: String
    /// A worker with no result for this long (for the chunk it is working on) is killed.
    public var chunkTimeout: Duration
    /// How long a worker may take to load its pipeline and report ready.
    public var startTimeout: Duration
    /// Chunks sent ahead to one worker, so it never waits for the coordinator between chunks.
    public var maxInFlightPerWorker: Int
    /// Worker failures in a row, with no chunk finishing in between, that the pool rides out:
    /// it gives up on the next one (the default 24 stops the run on the 25th).
    public var maxConsecutiveFailures: Int
    /// The result given in place of a document that crashed or hung its worker twice: its
    /// error record, and whatever payload the task defines for a failed document.
    public var isolatedResult: @Sendable (InputDocument, DocumentError) -> ChunkResult

    public init(
        executable: String, arguments: [String], environment: [String]? = nil, workerCount: Int,
        initialization: [UInt8], expectedFingerprint: String, chunkTimeout: Duration = .seconds(120),
        startTimeout: Duration = .seconds(60), maxInFlightPerWorker: Int = 2, maxConsecutiveFailures: Int = 24,
        isolatedResult: @escaping @Sendable (InputDocument, DocumentError) -> ChunkResult
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment ?? ProcessEnvironment.workerDefault()
        self.workerCount = max(1, workerCount)
        self.initialization = initialization
        self.expectedFingerprint = expectedFingerprint
        self.chunkTimeout = chunkTimeout
        self.startTimeout = startTimeout
        self.maxInFlightPerWorker = max(1, maxInFlightPerWorker)
        self.maxConsecutiveFailures = maxConsecutiveFailures
        self.isolatedResult = isolatedResult
    }
}
