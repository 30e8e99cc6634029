/// Counts kept by one processor; summed over workers for the run summary.
public struct ProcessingStats: Sendable, Equatable {
    public var documentsOK = 0
    public var documentsFailed = 0
    public var invalidSequencesReplaced = 0
    /// Documents a filter stage dropped (counted in `documentsOK` too: they were processed).
    public var documentsRejected = 0
    public init() {}
}
