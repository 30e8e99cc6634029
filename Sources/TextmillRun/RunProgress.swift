/// How far a run has got, reported after every delivered chunk.
public struct RunProgress: Sendable, Equatable {
    /// Documents delivered by this run (not counting those an earlier run already wrote).
    public var documents = 0
    public var failed = 0
    /// Input bytes read so far.
    public var bytesRead = 0
    /// The inputs' total size, when known (nil: standard input, compressed input).
    public var totalBytes: Int?
    public var bytesWritten = 0
    public var workersAlive = 0
    public var workerRestarts = 0
    /// Documents an earlier, interrupted run had already written.
    public var resumedAfter = 0

    public init() {}
}
