import Synchronization
import TextmillDocuments
import TextmillJSON

/// Processes chunks in the calling process with one `DocumentProcessor`, one chunk at a time.
///
/// The path without worker processes: `--workers 1` (as under Spark, which already runs one task
/// per core), tests, and the reference the worker pool's output must equal byte for byte.
public final class InProcessChunkProcessor: ChunkProcessing {
    private let processor: Mutex<DocumentProcessor>

    public init(pipeline: Pipeline, fields: InputFields) throws {
        processor = Mutex(try DocumentProcessor(pipeline: pipeline, fields: fields))
    }

    public func process(_ chunk: DocumentChunk) async throws -> ChunkResult {
        processSync(chunk)
    }

    /// The synchronous form, for callers outside Swift concurrency.
    public func processSync(_ chunk: DocumentChunk) -> ChunkResult {
        processor.withLock { processor in
            processor.processChunk(chunk)
        }
    }

    /// Counts over every chunk processed so far.
    public var stats: ProcessingStats { processor.withLock { $0.stats } }
}

extension DocumentProcessor {
    /// Processes every document of `chunk` into one JSONL buffer (one line per document).
    public func processChunk(_ chunk: DocumentChunk) -> ChunkResult {
        var out = JSONWriter(capacity: chunk.byteCount * 2 + 64)
        var failed: [Int] = []
        let replacedBefore = stats.invalidSequencesReplaced
        for (position, document) in chunk.documents.enumerated() where !process(document, into: &out) {
            failed.append(position)
        }
        var result = ChunkResult(
            index: chunk.index, records: out.bytes, documentsOK: chunk.documents.count - failed.count,
            failedPositions: failed)
        result.invalidSequencesReplaced = stats.invalidSequencesReplaced - replacedBefore
        return result
    }
}
