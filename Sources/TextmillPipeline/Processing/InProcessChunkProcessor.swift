import Synchronization
import TextmillDocuments
import TextmillJSON

/// Processes chunks in the calling process with one `DocumentProcessor`, one chunk at a time.
///
/// The path without worker processes: `--workers 1` (as under Spark, which already runs one task
/// per core), tests, and the reference the worker pool's output must equal byte for byte.
public final class InProcessChunkProcessor: ChunkProcessing {
    private let processor: Mutex<DocumentProcessor>

    /// With `collectsTokenIDs`, each result also carries the documents' `Analysis.ids`
    /// (`ChunkPayload.tokenIDs`), for binary token shards; without `writesRecords`, a document
    /// that succeeds gets an empty line instead of its record (see `DocumentProcessor`).
    public init(pipeline: Pipeline, fields: InputFields, collectsTokenIDs: Bool = false, writesRecords: Bool = true) throws {
        processor = Mutex(try DocumentProcessor(pipeline: pipeline, fields: fields, writesRecords: writesRecords))
        self.collectsTokenIDs = collectsTokenIDs
    }

    private let collectsTokenIDs: Bool

    public func process(_ chunk: DocumentChunk) async throws -> ChunkResult {
        processSync(chunk)
    }

    /// The synchronous form, for callers outside Swift concurrency.
    public func processSync(_ chunk: DocumentChunk) -> ChunkResult {
        processor.withLock { processor in
            processor.processChunk(chunk, collectingTokenIDs: collectsTokenIDs)
        }
    }

    /// Counts over every chunk processed so far.
    public var stats: ProcessingStats { processor.withLock { $0.stats } }
}

extension DocumentProcessor {
    /// Processes every document of `chunk` into one JSONL buffer (one line per document).
    /// With `collectingTokenIDs`, the result's payload holds each document's token ids (none for
    /// an error document).
    public func processChunk(_ chunk: DocumentChunk, collectingTokenIDs: Bool = false) -> ChunkResult {
        // A record is about twice its input; with records only for errors and rejections, most
        // lines are empty and the buffer grows when one is written.
        var out = JSONWriter(capacity: writesRecords ? chunk.byteCount * 2 + 64 : chunk.documents.count + 64)
        var failures: [DocumentFailure] = []
        var columns = TokenIDColumns()
        let replacedBefore = stats.invalidSequencesReplaced
        for (position, document) in chunk.documents.enumerated() {
            let ok = process(document, into: &out)
            if !ok { failures.append(DocumentFailure(position: position, error: lastError)) }
            if collectingTokenIDs { columns.append(document: ok ? lastAnalysis.ids : []) }
        }
        var result = ChunkResult(
            index: chunk.index, records: out.bytes, documentsOK: chunk.documents.count - failures.count,
            failures: failures)
        result.invalidSequencesReplaced = stats.invalidSequencesReplaced - replacedBefore
        if collectingTokenIDs { result.payload = .tokenIDs(columns) }
        return result
    }
}
