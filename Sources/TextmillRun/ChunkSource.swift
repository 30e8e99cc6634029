import TextmillInput

/// The chunked input of a run (a class, so the runner's closures can share it).
/// With `lineRuns` (for a worker pool), JSONL travels as runs of raw lines (`DocumentChunker`).
public final class ChunkSource {
    public var chunker: DocumentChunker<DocumentStream>
    public init(_ reader: DocumentStream, maxDocuments: Int, minBytes: Int = 0, maxBytes: Int, lineRuns: Bool = false) {
        chunker = DocumentChunker(reader, maxDocuments: maxDocuments, minBytes: minBytes, maxBytes: maxBytes, lineRuns: lineRuns)
    }
}
