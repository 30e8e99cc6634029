import TextmillConfig
import TextmillDocuments
import TextmillPipeline
import TextmillVocab
import TextmillCuration

/// The kinds of work a worker process can do, each with the processor it runs and the result
/// it gives in place of a document that crashed or hung its worker twice. The pool itself
/// never knows which task it runs.
public enum WorkerTask: String, Sendable {
    /// Finished JSONL records (`run`, `serve`).
    case records
    /// Records plus each document's token ids (`ChunkPayload.tokenIDs`), for binary shards.
    case tokenIDs = "token_ids"
    /// Partial term counts per chunk (`VocabMapProcessor`), reduced by `vocab build`.
    case vocab
    /// Exact hashes, n-gram sets and MinHash signatures per document (`DedupMapProcessor`), for `dedup`.
    case dedup

    /// The processor a worker (or the coordinator, in process) runs for this task.
    public func makeProcessor(config: PipelineConfig, fields: InputFields) throws -> any ChunkProcessing {
        switch self {
        case .records: try InProcessChunkProcessor(pipeline: config.pipeline, fields: fields)
        case .tokenIDs: try InProcessChunkProcessor(pipeline: config.pipeline, fields: fields, collectsTokenIDs: true)
        case .vocab: try VocabMapProcessor(pipeline: config.pipeline, fields: fields)
        case .dedup: try DedupMapProcessor(pipeline: config.pipeline, fields: fields)
        }
    }

    /// The result standing for an isolated document, given its error record.
    public func isolatedResult(errorRecord: [UInt8]) -> ChunkResult {
        switch self {
        case .records:
            return ChunkResult(index: 0, records: errorRecord, documentsOK: 0, failedPositions: [0])
        case .tokenIDs:
            var result = ChunkResult(index: 0, records: errorRecord, documentsOK: 0, failedPositions: [0])
            result.payload = .tokenIDs(TokenIDColumns(counts: [0], ids: []))
            return result
        case .vocab:
            // Counted nowhere: no partial.
            var result = ChunkResult(index: 0, records: errorRecord, documentsOK: 0, failedPositions: [0])
            result.payload = .partials([])
            return result
        case .dedup:
            var bytes: [UInt8] = []
            DedupSignature.error(record: Array(errorRecord.dropLast())).encode(into: &bytes)
            return ChunkResult(index: 0, records: bytes, documentsOK: 0, failedPositions: [0])
        }
    }
}
