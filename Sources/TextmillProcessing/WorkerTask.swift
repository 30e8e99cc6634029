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
    /// Each document's token ids (`ChunkPayload.tokenIDs`), for binary shards, with records only
    /// for the documents that failed or that a filter rejected (the shards keep those in their
    /// errors and rejected files); every other document's line is empty.
    case tokenIDs = "token_ids"
    /// Token ids plus every document's full record (`--split-sentences` cuts sequences at the
    /// record's sentences and offsets).
    case tokenIDsAndRecords = "token_ids_records"
    /// Partial term counts per chunk (`VocabMapProcessor`), reduced by `vocab build`.
    case vocab
    /// Exact hashes, n-gram sets and MinHash signatures per document (`DedupMapProcessor`), for `dedup`.
    case dedup

    /// The processor a worker (or the coordinator, in process) runs for this task.
    public func makeProcessor(config: PipelineConfig, fields: InputFields) throws -> any ChunkProcessing {
        switch self {
        case .records: try InProcessChunkProcessor(pipeline: config.pipeline, fields: fields)
        case .tokenIDs:
            try InProcessChunkProcessor(pipeline: config.pipeline, fields: fields, collectsTokenIDs: true, writesRecords: false)
        case .tokenIDsAndRecords: try InProcessChunkProcessor(pipeline: config.pipeline, fields: fields, collectsTokenIDs: true)
        case .vocab: try VocabMapProcessor(pipeline: config.pipeline, fields: fields)
        case .dedup: try DedupMapProcessor(pipeline: config.pipeline, fields: fields)
        }
    }

    /// The result standing for an isolated document, given its error record and why it failed.
    public func isolatedResult(errorRecord: [UInt8], error: DocumentError) -> ChunkResult {
        let failures = [DocumentFailure(position: 0, error: error)]
        switch self {
        case .records:
            return ChunkResult(index: 0, records: errorRecord, documentsOK: 0, failures: failures)
        case .tokenIDs, .tokenIDsAndRecords:
            var result = ChunkResult(index: 0, records: errorRecord, documentsOK: 0, failures: failures)
            result.payload = .tokenIDs(TokenIDColumns(counts: [0], ids: []))
            return result
        case .vocab:
            // Counted nowhere: no partial.
            var result = ChunkResult(index: 0, records: errorRecord, documentsOK: 0, failures: failures)
            result.payload = .partials([])
            return result
        case .dedup:
            // No signature: the document is only its error record.
            var result = ChunkResult(index: 0, records: errorRecord, documentsOK: 0, failures: failures)
            result.payload = .signatures([])
            return result
        }
    }
}
