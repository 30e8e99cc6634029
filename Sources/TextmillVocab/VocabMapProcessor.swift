import Synchronization
import TextmillDocuments
import TextmillJSON
import TextmillPipeline

/// The map step of `textmill vocab build`: runs the pipeline over a chunk and returns the
/// chunk's term counts as one partial (`ChunkPayload.partials`, see `PartialCounts`), so the
/// worker pool can run it in worker processes exactly like the record processor. The records
/// keep the `ChunkProcessing` contract: one line per document, `{"id": …}` or its error record.
public final class VocabMapProcessor: ChunkProcessing {
    private let processor: Mutex<DocumentProcessor>

    /// `pipeline`'s terms are counted (its n-grams, or its tokens when it makes none); its
    /// output fields are not written, only an id, which error records need.
    public init(pipeline: Pipeline, fields: InputFields) throws {
        let counting = try pipeline.with(output: OutputSpec(fields: [.id], offsetUnit: pipeline.output.offsetUnit))
        processor = Mutex(try DocumentProcessor(pipeline: counting, fields: fields))
    }

    public func process(_ chunk: DocumentChunk) async throws -> ChunkResult {
        processSync(chunk)
    }

    public func processSync(_ chunk: DocumentChunk) -> ChunkResult {
        processor.withLock { processor in
            var counts = TermCounts()
            var records: [UInt8] = []
            var failures: [DocumentFailure] = []
            var out = JSONWriter(capacity: 256)
            for (position, document) in chunk.documents.enumerated() {
                out.bytes.removeAll(keepingCapacity: true)
                if processor.process(document, into: &out) {
                    let analysis = processor.lastAnalysis
                    analysis.prepareTerms()
                    counts.addDocument(analysis.terms)
                } else {
                    failures.append(DocumentFailure(position: position, error: processor.lastError))
                }
                records.append(contentsOf: out.bytes)
            }
            var result = ChunkResult(
                index: chunk.index, records: records, documentsOK: chunk.documents.count - failures.count, failures: failures)
            result.payload = .partials([PartialCounts.encode(counts)])
            return result
        }
    }
}
