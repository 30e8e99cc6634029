/// Where a job is in its life. `interrupted` is a job the server stopped (a restart, a crash, a
/// SIGTERM) before it ended: it runs again, from its partial output, when the server starts.
public enum JobState: String, Sendable, CaseIterable {
    case queued, running, succeeded, failed, cancelled, interrupted

    /// The job will not run again.
    public var isFinal: Bool { self == .succeeded || self == .failed || self == .cancelled }
}
