import Synchronization
import TextmillDocuments
import TextmillJSON
import TextmillPipeline

/// The map step of `textmill dedup`, run on the worker pool like `vocab build`'s: the pipeline
/// normalizes and segments each document; its normalized text is hashed for exact duplicates and
/// its tokens' n-grams give the MinHash signature (`DedupSignature`s in `ChunkResult.records`).
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
            var bytes: [UInt8] = []
            var failures: [DocumentFailure] = []
            var out = JSONWriter(capacity: 256)
            for (position, document) in chunk.documents.enumerated() {
                out.bytes.removeAll(keepingCapacity: true)
                guard processor.process(document, into: &out) else {
                    failures.append(DocumentFailure(position: position, error: processor.lastError))
                    DedupSignature.error(record: Array(out.bytes.dropLast())).encode(into: &bytes)
                    continue
                }
                // The record is {"id":…}\n: the id's JSON text is between the first colon and the last brace.
                let record = out.bytes
                let colon = record.firstIndex(of: UInt8(ascii: ":")) ?? 0
                let id = Array(record[(colon + 1)..<(record.count - 2)])
                let features = DedupFeatures(processor.lastAnalysis, hasher: hasher)
                DedupSignature.document(id: id, exactHash: features.exactHash, signature: features.signature, shingles: features.shingles)
                    .encode(into: &bytes)
            }
            return ChunkResult(
                index: chunk.index, records: bytes, documentsOK: chunk.documents.count - failures.count, failures: failures)
        }
    }
}
