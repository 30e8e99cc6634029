import Synchronization
import TextmillDocuments
import TextmillJSON
import TextmillPipeline

/// The map step of `textmill dedup`, run on the worker pool like `vocab build`'s: the pipeline
/// normalizes and segments each document; its normalized text is hashed for exact duplicates and
/// its tokens' n-grams give the MinHash signature (`ChunkPayload.signatures`, one per document
/// that succeeded; the records are `{"id":…}` lines and error records, one per document).
public final class DedupMapProcessor: ChunkProcessing {
    private let processor: Mutex<DocumentProcessor>
    private let hasher: MinHasher

    public init(pipeline: Pipeline, fields: InputFields, hasher: MinHasher = MinHasher()) throws {
        let idOnly = try pipeline.with(output: OutputSpec(fields: [.id], offsetUnit: pipeline.output.offsetUnit))
        processor = Mutex(try DocumentProcessor(pipeline: idOnly, fields: fields))
        self.hasher = hasher
    }

    public func process(_ chunk: DocumentChunk) async throws -> ChunkResult { processSync(chunk) }

    public func processSync(_ chunk: DocumentChunk) -> ChunkResult {
        processor.withLock { processor in
            var records: [UInt8] = []
            var signatures: [DocumentSignature] = []
            var failures: [DocumentFailure] = []
            var out = JSONWriter(capacity: 256)
            for (position, document) in chunk.documents.enumerated() {
                out.bytes.removeAll(keepingCapacity: true)
                defer { records.append(contentsOf: out.bytes) }
                guard processor.process(document, into: &out) else {
                    failures.append(DocumentFailure(position: position, error: processor.lastError))
                    continue
                }
                // The record is {"id":…}\n: the id's JSON text is between the first colon and the last brace.
                let record = out.bytes
                let colon = record.firstIndex(of: UInt8(ascii: ":")) ?? 0
                let id = Array(record[(colon + 1)..<(record.count - 2)])
                let features = DedupFeatures(processor.lastAnalysis, hasher: hasher)
                signatures.append(
                    DocumentSignature(id: id, exactHash: features.exactHash, minHash: features.signature, shingles: features.shingles))
            }
            var result = ChunkResult(
                index: chunk.index, records: records, documentsOK: chunk.documents.count - failures.count, failures: failures)
            result.payload = .signatures(signatures)
            return result
        }
    }
}
