import TextmillDocuments
import TextmillOutput
import TextmillPipeline

/// Counts summed over delivered chunks.
public final class RunTotals {
    public var documents = 0
    public var failed = 0
    public var chunks = 0
    public var invalidSequencesReplaced = 0
    /// Whether the pipeline can drop documents (then their records are counted per reason).
    public let countsRejections: Bool
    public var rejected = 0
    public var rejectedByReason: [String: Int] = [:]

    public init(countsRejections: Bool = false) { self.countsRejections = countsRejections }

    public func add(_ result: ChunkResult) {
        documents += result.documentsOK + result.documentsFailed
        failed += result.documentsFailed
        chunks += 1
        invalidSequencesReplaced += result.invalidSequencesReplaced
        if countsRejections {
            RejectedRoutingRecordSink.forEachRejected(in: result.records, failedPositions: result.failedPositions) { _, reasons in
                rejected += 1
                for reason in reasons { rejectedByReason[reason, default: 0] += 1 }
            }
        }
    }

    public var processingStats: ProcessingStats {
        var stats = ProcessingStats()
        stats.documentsOK = documents - failed
        stats.documentsFailed = failed
        stats.invalidSequencesReplaced = invalidSequencesReplaced
        stats.documentsRejected = rejected
        return stats
    }
}
